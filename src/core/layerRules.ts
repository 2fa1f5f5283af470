// The gradient rules (vanishing, exploding, dead ReLU, saturation, non-finite), judged at every profiled
// step: a condition that holds at the last judged step is a warning/error, one that held earlier but
// resolved is info. Layers that share a cause become one finding, the others as related locations.
import type { Finding, LayerInfo, LayerStepStats, RelatedLayer, SourceLocation, Thresholds } from './protocol';
import { SATURATING } from './activations';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type NonFiniteOrigin, type StepRecord } from './healthModel';
import { nonFiniteFinding } from './nonFiniteRule';

/** Above this share of saturated outputs a saturated layer is a warning even while the loss falls. */
const SEVERE_SATURATION = 0.9;
/** At or above this share of dead units a dead layer is a warning even while the loss falls. */
const SEVERE_DEAD = 0.95;
/**
 * A step whose data loss is at most this fraction of step 0's has fitted the profiled batch: at a minimum the
 * gradient is 0 by definition, and near one it shrinks with the loss (cross-entropy: ‖∂L/∂z‖ ≈ 1 − p ≈ L), so
 * after a 1000× fall gradients 1e-3 of their start are convergence, no longer separable from vanishing by the
 * rule's own 1e-3 (docs/rules/vanishing.md).
 */
export const CONVERGED_LOSS = 1e-3;
/**
 * Layers whose weights are a per-channel scale γ and shift β of normalised activations: ∂L/∂β = Σ δ and ∂L/∂γ = Σ δ·x̂
 * over batch and positions (Ioffe & Szegedy 2015 §3), sums that cancel whenever δ averages out, however much gradient
 * arrives. Their own ‖g‖ is no evidence of vanishing; the weight layers around them are judged.
 */
const NORMALIZATION = new Set(['BatchNormalization', 'LayerNormalization']);

export interface LossEvidence {
  /** The loss fell steadily over the profiled steps; undefined when only step 0 was profiled. */
  falls: boolean | undefined;
  /** It fell less than that, but is leaving its plateau (loss-not-decreasing says slow, not stuck): it falls, slowly. */
  slowStart?: boolean;
  /** "the loss fell from 2.3 to 1.1 over 20 steps" */
  text: string;
}

export interface LayerRuleOptions {
  lossFalls: LossEvidence;
  /** Layers whose dead units another finding already explains (a ReLU output under a cross-entropy). */
  skipDead: ReadonlySet<string>;
  skipNonFinite: boolean;
  /** The model's output layers. */
  outputLayers: ReadonlySet<string>;
  /** The compile() call that chose the loss: a NaN/Inf first seen in the loss is located there. */
  lossSite?: SourceLocation;
  /** The line that made the inputs: a NaN/Inf already in the batch is located there. */
  inputSite?: SourceLocation;
}

/** One layer's history under one rule. */
interface Hit {
  layer: LayerInfo;
  index: number;
  /** Steps at which the condition held, with the value that decided it. */
  held: { step: number; value: number; stats: LayerStepStats }[];
  /** The last step at which the layer was judged, and whether the condition held there. */
  lastJudged: number;
  atEnd: boolean;
  endValue: number;
  cause?: RelatedLayer;
}

const isBias = (name: string) => /(^|\/)bias(_\d+)?$/.test(name);

function weightSize(info: LayerInfo | undefined, name: string): number {
  return info?.weights.find((w) => w.name === name)?.shape.reduce((a, b) => a * b, 1) ?? 1;
}

function layerMeanAbs(stats: LayerStepStats, info: LayerInfo | undefined): number {
  let sum = 0;
  let count = 0;
  for (const w of stats.weights) {
    const size = weightSize(info, w.name);
    sum += w.meanAbs * size;
    count += size;
  }
  return count === 0 ? NaN : sum / count;
}

/** ‖w‖ and its RMS over the layer's weights. */
function layerWeights(stats: LayerStepStats, info: LayerInfo | undefined): { norm: number; rms: number } {
  const sq = stats.weights.reduce((s, w) => s + w.weightNorm * w.weightNorm, 0);
  const size = stats.weights.reduce((s, w) => s + weightSize(info, w.name), 0);
  return { norm: Math.sqrt(sq), rms: size > 0 ? Math.sqrt(sq / size) : 0 };
}

/** A layer whose non-bias weights are all exactly zero (e.g. a zeros-initialised output layer). */
function isZeroLayer(stats: LayerStepStats): boolean {
  const kernels = stats.weights.filter((w) => !isBias(w.name));
  return kernels.length > 0 && kernels.every((w) => w.weightNorm === 0);
}

function linesText(layers: readonly LayerInfo[]): string {
  const lines = [...new Set(layers.map((l) => l.location?.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
  if (lines.length === 0) return '';
  if (lines.length === 1) return ` at line ${lines[0]}`;
  const contiguous = lines[lines.length - 1] - lines[0] === lines.length - 1;
  return contiguous ? ` at lines ${lines[0]}–${lines[lines.length - 1]}` : ` at lines ${lines.join(', ')}`;
}

const at = (l: LayerInfo) => (l.location ? `${l.name} (line ${l.location.line})` : l.name);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function layerFindings(
  layers: readonly LayerInfo[],
  steps: readonly StepRecord[],
  t: Thresholds,
  nonFiniteOrigin: NonFiniteOrigin | undefined,
  options: LayerRuleOptions,
): Finding[] {
  const order = new Map(layers.map((l, i) => [l.name, i]));
  const info = new Map(layers.map((l) => [l.name, l]));
  const findings: Finding[] = [];
  const related = (hit: Hit, message: string): RelatedLayer => ({ layer: hit.layer.name, location: hit.layer.location, message });

  /** Runs `judge` over every step for every layer; `undefined` from judge = not judged at that step. */
  const track = (judge: (stats: LayerStepStats, record: StepRecord, layerInfo: LayerInfo) => number | false | undefined): Hit[] => {
    const hits = new Map<string, Hit>();
    for (const record of steps) {
      for (const stats of record.layers) {
        const layerInfo = info.get(stats.name);
        if (!layerInfo) continue;
        const verdict = judge(stats, record, layerInfo);
        if (verdict === undefined) continue;
        let hit = hits.get(stats.name);
        if (!hit && verdict === false) continue;
        hit ??= { layer: layerInfo, index: order.get(stats.name)!, held: [], lastJudged: record.step, atEnd: false, endValue: NaN };
        hits.set(stats.name, hit);
        hit.lastJudged = record.step;
        hit.atEnd = verdict !== false;
        if (verdict !== false) {
          hit.held.push({ step: record.step, value: verdict, stats });
          hit.endValue = verdict;
        }
      }
    }
    // A layer judged after its last hit, where the condition no longer held, resolved.
    return [...hits.values()].sort((a, b) => a.index - b.index);
  };
  const persistence = (hit: Hit) =>
    !hit.atEnd
      ? `at step ${hit.held[0].step}, resolved by step ${hit.lastJudged}`
      : hit.held[0].step === hit.lastJudged
        ? `at step ${hit.lastJudged}`
        : `from step ${hit.held[0].step} to step ${hit.lastJudged}`;

  // --- non-finite ---
  if (nonFiniteOrigin) {
    findings.push(nonFiniteFinding(nonFiniteOrigin, layers, options));
  } else if (!options.skipNonFinite) {
    const bad = track((s) => {
      if (s.weights.length === 0) return undefined;
      const count = s.weights.reduce((n, w) => n + w.nanCount + w.infCount, 0);
      return count > 0 ? count : false;
    });
    if (bad.length) {
      const [first, ...rest] = bad;
      findings.push({
        code: 'non-finite',
        severity: RULE_SEVERITY['non-finite'],
        layer: first.layer.name,
        location: first.layer.location,
        step: first.held[0].step,
        message: `Gradients contain ${first.held[0].value} NaN/Inf values at step ${first.held[0].step}${rest.length ? `, and ${plural(rest.length, 'more layer')}` : ''}.`,
        related: rest.length ? rest.map((h) => related(h, `${h.held[0].value} NaN/Inf gradient values at step ${h.held[0].step}`)) : undefined,
      });
    }
  }

  // --- dead ReLU (a cause: judged before the vanishing rule, which points at it) ---
  const dead = track((s) => (s.deadShare === undefined || options.skipDead.has(s.name) ? undefined : s.deadShare >= t.deadShare ? s.deadShare : false));
  const deadAt = (name: string, step: number) => dead.find((h) => h.layer.name === name)?.held.find((x) => x.step === step);
  // --- saturation (hidden layers; an output layer's confidence is the saturated-output rule) ---
  const saturated = track((s, _r, l) => (s.saturatedShare === undefined || options.outputLayers.has(s.name) || !SATURATING.has(l.activation) ? undefined : s.saturatedShare > t.saturatedShare ? s.saturatedShare : false));

  // --- vanishing (on the data loss's gradient) ---
  const startLoss = steps.length ? dataLoss(steps[0]) : NaN;
  // A loss below 0 is not a minimum reached but one without a floor (a log loss on targets outside [0, 1]).
  const fitted = (record: StepRecord) => startLoss > 0 && dataLoss(record) >= 0 && dataLoss(record) <= CONVERGED_LOSS * startLoss;
  const vanishing = track((s, record, layerInfo) => {
    if (s.weights.length === 0 || !Number.isFinite(s.gradNorm) || NORMALIZATION.has(layerInfo.className)) return undefined;
    // A loss that has fallen to ~0 on the batch leaves no gradient to pass down: convergence, not vanishing.
    if (fitted(record)) return undefined;
    // A dead ReLU layer has (near-)zero gradients because it is dead, a saturated output layer because it
    // is saturated: those findings are the cause.
    if (s.deadShare !== undefined && s.deadShare >= t.deadShare) return undefined;
    if (options.outputLayers.has(s.name) && (s.saturatedShare ?? 0) >= t.confidentOutputShare) return undefined;
    const idx = order.get(s.name) ?? 0;
    const meanAbs = layerMeanAbs(s, info.get(s.name));
    // Every gradient below a layer whose weights are all zero is exactly 0 at that step: judge it once they move.
    if (meanAbs === 0 && record.layers.some((o) => (order.get(o.name) ?? -1) > idx && isZeroLayer(o))) return undefined;
    const withWeights = record.layers.filter((l) => l.weights.length > 0 && Number.isFinite(l.gradNorm));
    const maxNorm = Math.max(0, ...withWeights.map((l) => l.gradNorm));
    const relative = maxNorm > 0 ? s.gradNorm / maxNorm : 0;
    return (relative < t.vanishingRelative && s.gradNorm < t.vanishingAbsolute) || meanAbs < t.vanishingMeanAbs ? s.gradNorm : false;
  });
  // Resolved only when the layer's own ‖g‖ recovers: when every other layer's gradient collapses towards
  // it (a sigmoid stack whose output settled on the class prior), the ratio improves but nothing learns.
  for (const hit of vanishing) {
    if (hit.atEnd) continue;
    const end = steps.find((r) => r.step === hit.lastJudged)?.layers.find((l) => l.name === hit.layer.name);
    if (end && end.gradNorm < t.vanishingAbsolute) {
      hit.atEnd = true;
      hit.held.push({ step: hit.lastJudged, value: end.gradNorm, stats: end });
      hit.endValue = end.gradNorm;
    }
  }
  // Root cause: the nearest layer above that is dead or saturated at the step the vanishing was judged.
  for (const hit of vanishing) {
    const step = hit.atEnd ? hit.lastJudged : hit.held[0].step;
    const record = steps.find((r) => r.step === step)!;
    const above = record.layers
      .filter((o) => (order.get(o.name) ?? -1) > hit.index)
      .sort((a, b) => order.get(a.name)! - order.get(b.name)!)
      .find(
        (o) =>
          deadAt(o.name, step) ||
          (options.outputLayers.has(o.name) && (o.saturatedShare ?? 0) >= t.confidentOutputShare) ||
          (o.saturatedShare !== undefined && o.saturatedShare > t.saturatedShare && SATURATING.has(info.get(o.name)?.activation)),
      );
    if (above) {
      const aboveInfo = info.get(above.name)!;
      const what =
        above.deadShare !== undefined && above.deadShare >= t.deadShare
          ? `is dead (${(above.deadShare * 100).toFixed(0)} % of its units output 0)`
          : options.outputLayers.has(above.name)
            ? `is saturated (${(above.saturatedShare! * 100).toFixed(0)} % of the examples get a ${aboveInfo.activation} output above 0.99)`
            : `is saturated (${(above.saturatedShare! * 100).toFixed(0)} % of its ${aboveInfo.activation} outputs in the flat tails)`;
      hit.cause = { layer: aboveInfo.name, location: aboveInfo.location, message: `the ${aboveInfo.className.toLowerCase()} layer ${at(aboveInfo)} ${what}` };
    }
  }
  for (const group of [dead.filter((h) => h.atEnd), dead.filter((h) => !h.atEnd)]) {
    if (!group.length) continue;
    const persistent = group[0].atEnd;
    // Dead units are lost capacity; a warning when that hurts: (nearly) all dead, the loss not falling, or
    // no gradient below. ReLU on 1-D inputs ≥ 0 leaves about half the units dead by construction.
    const harmful = persistent && ((options.lossFalls.falls !== true && !options.lossFalls.slowStart) || group.some((h) => h.endValue >= SEVERE_DEAD || vanishing.some((v) => v.atEnd && v.index < h.index)));
    const worst = [...group].sort((a, b) => b.endValue - a.endValue || a.index - b.index)[0];
    const share = (h: Hit) => `${(h.held[h.held.length - 1].value * 100).toFixed(0)} % of units dead ${persistence(h)}`;
    findings.push({
      code: 'dead-relu',
      severity: harmful ? RULE_SEVERITY['dead-relu'] : 'info',
      layer: worst.layer.name,
      location: worst.layer.location,
      step: worst.held[0].step,
      message:
        (group.length > 1 ? `Dead ReLU in ${plural(group.length, 'layer')}${linesText(group.map((h) => h.layer))}: ` : 'Dead ReLU: ') +
        `${(worst.held[worst.held.length - 1].value * 100).toFixed(0)} % of ${worst.layer.name}'s units output 0 for every example of the batch (${persistence(worst)}). ` +
        (harmful
          ? `They get no gradient and cannot recover. Causes: large negative biases, a too-high learning rate, or poor initialization. Try He initialization, a lower learning rate, or LeakyReLU/ELU.`
          : persistent
            ? `Those units are lost capacity, but the rest train: ${options.lossFalls.text}. LeakyReLU/ELU or He initialization would keep them alive.`
            : `Present at initialization, but the units came back within the profiled steps: no action needed.`),
      related: group.length > 1 ? group.filter((h) => h !== worst).map((h) => related(h, share(h))) : undefined,
    });
  }

  const lastRecord = steps[steps.length - 1];
  const groups = new Map<string, Hit[]>();
  for (const hit of vanishing) {
    const act = hit.layer.activation ?? '';
    const key = `${hit.atEnd}\u0000${hit.cause ? `cause:${hit.cause.layer}` : SATURATING.has(act) ? `stack:${act}` : 'other'}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  for (const group of groups.values()) findings.push(vanishingFinding(group, steps, related, persistence, lastRecord));

  for (const group of [saturated.filter((h) => h.atEnd), saturated.filter((h) => !h.atEnd)]) {
    if (!group.length) continue;
    const persistent = group[0].atEnd;
    const below = (h: Hit) => vanishing.some((v) => v.atEnd && v.index < h.index);
    const harmful = persistent && (options.lossFalls.falls !== true || group.some((h) => h.endValue >= SEVERE_SATURATION || below(h)));
    const worst = [...group].sort((a, b) => b.endValue - a.endValue || a.index - b.index)[0];
    const act = worst.layer.activation ?? 'the activation';
    const share = (h: Hit) => `${(h.held[h.held.length - 1].value * 100).toFixed(0)} % saturated ${persistence(h)}`;
    findings.push({
      code: 'saturation',
      severity: harmful ? RULE_SEVERITY.saturation : 'info',
      layer: worst.layer.name,
      location: worst.layer.location,
      step: worst.held[0].step,
      message:
        (group.length > 1 ? `Saturated activations in ${plural(group.length, 'layer')}${linesText(group.map((h) => h.layer))}: ` : 'Saturated activations: ') +
        `${(worst.held[worst.held.length - 1].value * 100).toFixed(0)} % of ${worst.layer.name}'s outputs sit in the flat tails of ${act} (${persistence(worst)}), where its derivative is ~0. ` +
        (harmful
          ? `Scale the inputs, use Glorot initialization, add BatchNormalization before the activation, or use ReLU.`
          : persistent
            ? `The gradient still reaches the layers below and ${options.lossFalls.text}: worth scaling the inputs, but training works.`
            : `Present at initialization only: no action needed.`),
      related: group.length > 1 ? group.filter((h) => h !== worst).map((h) => related(h, share(h))) : undefined,
    });
  }

  // --- exploding: huge ‖g‖, or ‖g‖/‖w‖ where ‖w‖ is not ~0 — an error unless the loss falls steadily ---
  const exploding = track((s, _r, l) => {
    if (s.weights.length === 0 || !Number.isFinite(s.gradNorm)) return undefined;
    const w = layerWeights(s, l);
    const ratio = w.rms >= t.zeroWeightRms ? s.gradNorm / w.norm : NaN;
    return s.gradNorm >= t.explodingNorm || ratio > t.explodingRatio ? s.gradNorm : false;
  });
  if (exploding.length) {
    // Huge gradients are an error on their own; a large ‖g‖/‖w‖ only while it lasts (small weights at
    // initialization give a large ratio that the first steps resolve). Either way not while the loss falls.
    const severe = exploding.some((h) => h.atEnd || h.held.some((x) => x.value >= t.explodingNorm));
    const stable = options.lossFalls.falls === true || !severe;
    const worst = [...exploding].sort((a, b) => Math.max(...b.held.map((x) => x.value)) - Math.max(...a.held.map((x) => x.value)) || b.index - a.index)[0];
    const peak = worst.held.reduce((a, b) => (b.value > a.value ? b : a));
    const w = layerWeights(peak.stats, worst.layer);
    const ratio = w.rms >= t.zeroWeightRms ? peak.value / w.norm : NaN;
    // The update the optimizer really made from that gradient (recorded with the next step): under Adam or RMSProp it
    // is not learning rate × ‖g‖, so the SGD-at-1e-3 reading is only the fallback.
    const update = steps.find((r) => r.step === peak.step + 1)?.layers.find((l) => l.name === worst.layer.name)?.updateRatio;
    const evidence = (h: Hit) => {
      const p = h.held.reduce((a, b) => (b.value > a.value ? b : a));
      const hw = layerWeights(p.stats, h.layer);
      return `‖g‖ ${fmt(p.value)} at step ${p.step}${hw.rms >= t.zeroWeightRms ? `, ‖g‖/‖w‖ ${fmt(p.value / hw.norm)}` : ''} (${persistence(h)})`;
    };
    findings.push({
      code: 'exploding',
      severity: stable ? 'info' : RULE_SEVERITY.exploding,
      layer: worst.layer.name,
      location: worst.layer.location,
      step: peak.step,
      message:
        (exploding.length > 1 ? `Exploding gradient in ${plural(exploding.length, 'layer')}${linesText(exploding.map((h) => h.layer))}: ` : 'Exploding gradient: ') +
        `‖g‖ = ${fmt(peak.value)} at ${worst.layer.name}, step ${peak.step}` +
        (Number.isFinite(ratio) ? `, ‖g‖/‖w‖ = ${fmt(ratio)} (${update !== undefined ? `the optimizer's step from it changed the weights by ${fmt(update)} of their norm` : `a plain SGD step at a reference rate of 1e-3 (not necessarily yours) would change the weights by ${fmt(ratio * 1e-3)} of their norm`}; ~1e-3 is healthy)` : ` (its weights are ~0, so no ‖g‖/‖w‖ ratio)`) +
        '. ' +
        (stable
          ? options.lossFalls.falls === true
            ? `But ${options.lossFalls.text} without diverging: large but stable updates, no action needed.`
            : `It resolved within the profiled steps (small weights at initialization make ‖g‖/‖w‖ large): no action needed.`
          : `${options.lossFalls.falls === false ? `${options.lossFalls.text[0].toUpperCase()}${options.lossFalls.text.slice(1)}. ` : ''}Look for huge initial weights or inputs, and use gradient clipping (clipNorm/clipValue on the optimizer), a lower learning rate, or normalization.`),
      related: exploding.length > 1 ? exploding.filter((h) => h !== worst).map((h) => related(h, evidence(h))) : undefined,
    });
  }
  return findings;
}

function vanishingFinding(
  group: Hit[],
  steps: readonly StepRecord[],
  related: (hit: Hit, message: string) => RelatedLayer,
  persistence: (hit: Hit) => string,
  lastRecord: StepRecord | undefined,
): Finding {
  const persistent = group[0].atEnd;
  const lowest = group[0]; // sorted by model order: the layer nearest the input
  const decideStep = persistent ? lowest.lastJudged : lowest.held[0].step;
  const record = steps.find((r) => r.step === decideStep) ?? lastRecord!;
  const withWeights = record.layers.filter((l) => l.weights.length > 0 && Number.isFinite(l.gradNorm));
  const largest = withWeights.reduce((a, b) => (b.gradNorm > a.gradNorm ? b : a), withWeights[0]);
  const own = (h: Hit) => h.held.find((x) => x.step === decideStep) ?? h.held[h.held.length - 1];
  const regNote = (h: Hit) => {
    const s = own(h).stats;
    return s.regGradNorm !== undefined && s.regGradNorm > s.gradNorm ? `; the regularization penalty's gradient is ${fmt(s.regGradNorm)} (${fmt(s.regGradNorm / Math.max(s.gradNorm, Number.MIN_VALUE))}×), hiding this in the total` : '';
  };
  const perLayer = (h: Hit) => {
    const first = h.held[0];
    const end = h.held[h.held.length - 1];
    const values = first === end ? `‖g‖ ${fmt(first.value)} at step ${first.step}` : `‖g‖ ${fmt(first.value)} at step ${first.step}, ${fmt(end.value)} at step ${end.step}`;
    return `${values}${h.atEnd ? '' : `, resolved by step ${h.lastJudged}`}${regNote(h)}`;
  };
  const layersText = group.map((h) => h.layer);
  const act = lowest.layer.activation ?? '';
  let head: string;
  let advice: string;
  if (lowest.cause) {
    head =
      `No gradient reaches ${group.length > 1 ? `${plural(group.length, 'layer')}${linesText(layersText)}` : lowest.layer.name}: ${lowest.cause.message}, ` +
      `so (almost) nothing flows below it (‖g‖ ${fmt(own(lowest).value)} at ${lowest.layer.name}, step ${decideStep})`;
    advice = `Fix that layer first; these layers will then receive gradient.`;
  } else if (SATURATING.has(act) && group.length > 1) {
    const low = own(lowest).value;
    const hops = Math.max(1, countHops(record, lowest.layer.name, largest.name));
    const factor = largest.gradNorm > 0 && low > 0 ? (low / largest.gradNorm) ** (1 / hops) : 0;
    head =
      `${group.length} ${act} layers${linesText(layersText)}: the data loss's ‖g‖ shrinks ×${fmt(factor)} per layer, ` +
      `from ${fmt(largest.gradNorm)} at ${largest.name} to ${fmt(low)} at ${lowest.layer.name}${lowest.layer.location ? ` (line ${lowest.layer.location.line})` : ''} (step ${decideStep})`;
    advice = `Each ${act} layer multiplies the backward signal by its derivative (≤ 0.25 for sigmoid, ≤ 1 for tanh), so deep stacks shrink it geometrically: prefer ReLU with He initialization, BatchNormalization, or residual connections.`;
  } else {
    const low = own(lowest).value;
    head =
      `Vanishing gradient${group.length > 1 ? ` in ${plural(group.length, 'layer')}${linesText(layersText)}` : ''}: the data loss's ‖g‖ = ${fmt(low)} at ${lowest.layer.name} (step ${decideStep})` +
      (largest && largest.name !== lowest.layer.name ? `, ${fmt(low / largest.gradNorm)} × the largest layer (${largest.name}, ${fmt(largest.gradNorm)})` : '');
    advice = SATURATING.has(act)
      ? `Each ${act} layer multiplies the backward signal by its derivative (≤ 0.25 for sigmoid), so deep stacks shrink it geometrically: prefer ReLU with He initialization, BatchNormalization, or residual connections.`
      : `Consider the initialization (He for ReLU, Glorot for tanh/softmax, LeCun for SELU), BatchNormalization, or residual connections.`;
  }
  const tail = persistent ? `${advice}` : `Present at initialization, resolved within the profiled steps: no action needed.`;
  return {
    code: 'vanishing',
    severity: persistent ? RULE_SEVERITY.vanishing : 'info',
    layer: lowest.layer.name,
    location: lowest.layer.location,
    step: lowest.held[0].step,
    message: `${head}${regNote(lowest)}; ${persistence(lowest)}. ${persistent ? 'These layers will barely learn. ' : ''}${tail}`,
    related: group.length > 1 ? group.slice(1).map((h) => related(h, perLayer(h))) : undefined,
    cause: lowest.cause,
  };
}

/** Layers with weights between `from` and `to` in the step's order (the hops the gradient takes). */
function countHops(record: StepRecord, from: string, to: string): number {
  const names = record.layers.filter((l) => l.weights.length > 0).map((l) => l.name);
  return Math.abs(names.indexOf(to) - names.indexOf(from));
}
