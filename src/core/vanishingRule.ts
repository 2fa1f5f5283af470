// The vanishing-gradient rule, on the data loss's gradient: a layer whose ‖g‖ is tiny both against the largest
// layer's and in absolute terms, or whose mean |g| is below the floor. Layers that share a cause (a dead or
// saturated layer above) or a saturating activation become one finding (docs/rules/vanishing.md).
import type { Finding } from './protocol';
import { SATURATING } from './activations';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type StepRecord } from './healthModel';
import { stackFallFinding, type StackFall } from './saturatingStackRule';
import { at, isZeroLayer, layerMeanAbs, linesText, persistence, plural, related, track, type Hit, type LayerRuleContext } from './layerHits';

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

/** Whether a step has fitted the profiled batch (its data loss ≤ CONVERGED_LOSS × step 0's): no gradient is left to judge. */
export function fittedBatch(steps: readonly StepRecord[]): (record: StepRecord) => boolean {
  const startLoss = steps.length ? dataLoss(steps[0]) : NaN;
  // A loss below 0 is not a minimum reached but one without a floor (a log loss on targets outside [0, 1]).
  return (record) => startLoss > 0 && dataLoss(record) >= 0 && dataLoss(record) <= CONVERGED_LOSS * startLoss;
}

/** The layers whose gradient vanished, each with its root cause when a dead or saturated layer above explains it. */
export function trackVanishing(ctx: LayerRuleContext, dead: readonly Hit[]): Hit[] {
  const { steps, t, options, order, info } = ctx;
  const deadAt = (name: string, step: number) => dead.find((h) => h.layer.name === name)?.held.find((x) => x.step === step);
  const fitted = fittedBatch(steps);
  const vanishing = track(ctx, (s, record, layerInfo) => {
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
  return vanishing;
}

/**
 * One finding per group of vanishing layers that share persistence and a cause (or a saturating activation), then one
 * per saturating stack whose δ fell across it (saturatingStackRule.ts) where no layer of it vanished by ‖g‖ already.
 */
export function vanishingFindings(ctx: LayerRuleContext, vanishing: readonly Hit[], stackFalls: readonly StackFall[]): Finding[] {
  const groups = new Map<string, Hit[]>();
  for (const hit of vanishing) {
    const act = hit.layer.activation ?? '';
    const key = `${hit.atEnd}\u0000${hit.cause ? `cause:${hit.cause.layer}` : SATURATING.has(act) ? `stack:${act}` : 'other'}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  const vanished = new Set(vanishing.map((h) => h.layer.name));
  const stacks = stackFalls.filter((f) => !f.stack.some((l) => vanished.has(l.name)));
  return [...[...groups.values()].map((group) => vanishingFinding(group, ctx.steps)), ...stacks.map((f) => stackFallFinding(ctx, f))];
}

function vanishingFinding(group: Hit[], steps: readonly StepRecord[]): Finding {
  const persistent = group[0].atEnd;
  const lowest = group[0]; // sorted by model order: the layer nearest the input
  const decideStep = persistent ? lowest.lastJudged : lowest.held[0].step;
  const record = steps.find((r) => r.step === decideStep) ?? steps[steps.length - 1];
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
