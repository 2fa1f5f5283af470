// Causes that live outside the layers a gradient finding names, so the finding moves to the line where the
// fix goes and the layers become its related locations (they keep their verdicts on their own lines):
// layers that worked at initialization and died or saturated right after an update larger than the weights
// themselves (the learning rate: a learning-rate-high finding on the optimizer's line, which names the cause
// where the dead-relu or vanishing finding named its consequence), and an exploding gradient under a squared error
// whose targets are far from unit scale (the targets: the line that made them). docs/rules/dead-relu.md,
// docs/rules/exploding.md.
import type { DataLocations, Finding, LayerInfo, LayerStepStats, OutputInfo, RelatedLayer, SourceLocation, Thresholds } from './protocol';
import { SATURATING } from './activations';
import { formatNumber as fmt } from './format';
import type { StepRecord, TenthRateGradients } from './healthModel';
import { normalizeLoss, SQUARED_LOSSES, UNSCALED_INPUT_RMS } from './lossRules';
import { optimizerRateNote, PROBE_FACTOR } from './rateRules';

/**
 * ‖Δw‖/‖w‖ at or above 1: one update moved the weights by more than their own size. CS231n ("Neural
 * Networks Part 3", babysitting the learning process) puts a healthy update/weight ratio near 1e-3 and
 * names a too-high learning rate as the usual way ReLU units die ("Neural Networks Part 1", dying ReLU).
 */
export const UPDATE_REPLACES_WEIGHTS = 1;

/**
 * Targets whose RMS is at or above this are unscaled: the same unit-scale bar as the inputs' (LeCun et al.
 * 1998 §4.3), read on the targets.
 */
export const UNSCALED_TARGET_RMS = UNSCALED_INPUT_RMS;

/** The layers a finding names: its own layer first, then its related ones. */
const namedLayers = (f: Finding) => [f.layer, ...(f.related ?? []).map((r) => r.layer)].filter((n): n is string => n !== undefined);

/** Where the finding's own layer goes when the finding moves: first among the related locations. */
function ownLayerAsRelated(f: Finding, info: ReadonlyMap<string, LayerInfo>, message: string): RelatedLayer[] {
  const own = f.layer ? info.get(f.layer) : undefined;
  return [...(own ? [{ layer: own.name, location: own.location, message }] : []), ...(f.related ?? [])];
}

/** Whether a layer is broken at one step: dead (ReLU), an output saturated beyond 0.99, or a sigmoid/tanh in its flat tails. */
export function broken(stats: LayerStepStats | undefined, layer: LayerInfo | undefined, output: boolean, t: Thresholds): boolean {
  if (!stats) return false;
  if (stats.deadShare !== undefined) return stats.deadShare >= t.deadShare;
  const share = stats.saturatedShare;
  if (share === undefined) return false;
  return output ? share >= t.confidentOutputShare : share > t.saturatedShare && SATURATING.has(layer?.activation);
}

/** Layers that worked at step 0 and are broken at a later profiled step: the runner then reads the ÷10 run's gradients (below). */
export function brokenAfterStart(layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, outputLayers: ReadonlySet<string>): string[] {
  if (steps.length < 2) return [];
  return layers
    .filter((l) => {
      const at = (r: StepRecord) => broken(r.layers.find((x) => x.name === l.name), l, outputLayers.has(l.name), t);
      return !at(steps[0]) && steps.slice(1).some(at);
    })
    .map((l) => l.name);
}

/** A layer the warning names, cut off at the model's rate and still reached by gradient at a tenth of it. */
interface FlowAtTenth {
  layer: string;
  own: number;
  tenth: number;
  steps: number;
}

/**
 * The counterfactual for a vanishing or saturation warning: after the same steps from the same weights at a tenth of the
 * rate, every layer the warning names still gets ‖g‖ at or above the vanishing rule's absolute floor, and the warning's own
 * layer at least PROBE_FACTOR× the ‖g‖ it ends the profiled steps with at the model's rate — the large rate does not even
 * buy that layer larger steps (rate × ‖g‖). The only change was the rate, so the rate threw the pre-activations into the
 * flat tails (LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp" §4.4-4.6; Goodfellow et al. 2016 §8.2.4, §6.3.2).
 * rate × ‖g‖ is SGD's step; under Adagrad/Adam the optimizer's measured steps on the three tiny-dnn cases agree with it, and
 * ‖Δw‖ alone misreads Adam's momentum after a layer broke ("Under adaptive optimizers" on the same page).
 * docs/rules/learning-rate-high-broken-layers.md ("A tenth of the rate keeps the gradient").
 */
function flowAtTenth(finding: Finding, steps: readonly StepRecord[], t: Thresholds, tenth: TenthRateGradients | undefined): FlowAtTenth | undefined {
  if (!tenth || (finding.code !== 'vanishing' && finding.code !== 'saturation') || !finding.layer) return undefined;
  const end = steps[steps.length - 1];
  if (tenth.steps < end.step) return undefined;
  const own = end.layers.find((l) => l.name === finding.layer)?.gradNorm;
  const atTenth = (name: string) => {
    const i = tenth.layers.indexOf(name);
    return i >= 0 ? tenth.gradNorms[i] : 0;
  };
  if (own === undefined || !Number.isFinite(own) || !(own * PROBE_FACTOR <= atTenth(finding.layer))) return undefined;
  const reached = namedLayers(finding).every((n) => atTenth(n) >= t.vanishingAbsolute);
  return reached ? { layer: finding.layer, own, tenth: atTenth(finding.layer), steps: end.step } : undefined;
}

/** A layer that worked at step 0 and broke right after an update larger than the weights of a layer at or below it. */
export interface Breakage {
  layer: string;
  step: number;
  /** Its state at step 0 and from `step` on, for its related entry. */
  history: string;
  ratio: number;
  mover: string;
  /** The warning's layers still got gradient at a tenth of the rate: the evidence when `ratio` < 1. */
  flow?: FlowAtTenth;
  /** Its own verdict: what a user sees on its line. */
  verdict: 'dead-relu' | 'saturated-output' | 'saturation';
}

export function brokenByUpdate(name: string, layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, outputLayers: ReadonlySet<string>, flow?: FlowAtTenth): Breakage | undefined {
  const order = new Map(layers.map((l, i) => [l.name, i]));
  const layer = layers.find((l) => l.name === name);
  const output = outputLayers.has(name);
  const brokenAt = (r: StepRecord) => broken(r.layers.find((l) => l.name === name), layer, output, t);
  const share = (r: StepRecord) => {
    const l = r.layers.find((x) => x.name === name);
    return l?.deadShare ?? l?.saturatedShare;
  };
  if (brokenAt(steps[0]) || share(steps[0]) === undefined) return undefined; // broken from the start: not the rate
  const died = steps.find(brokenAt);
  if (!died) return undefined;
  // The update that led to this step's weights, on the weight layers that feed this one (at or below it).
  const below = died.layers.filter((l) => l.updateRatio !== undefined && (order.get(l.name) ?? Infinity) <= (order.get(name) ?? -1));
  const mover = below.sort((a, b) => b.updateRatio! - a.updateRatio!)[0];
  if (!mover || (mover.updateRatio! < UPDATE_REPLACES_WEIGHTS && !flow)) return undefined;
  const dead = died.layers.find((l) => l.name === name)?.deadShare !== undefined;
  const unit = dead ? 'of units dead' : output ? 'of the examples above 0.99' : 'of outputs in the flat tails';
  const bar = dead ? t.deadShare : output ? t.confidentOutputShare : t.saturatedShare;
  return {
    layer: name,
    step: died.step,
    history: `${fmt(share(steps[0])! * 100)} % ${unit} at step 0, ${fmt(bar * 100)} % or more from step ${died.step}`,
    ratio: mover.updateRatio!,
    mover: mover.name,
    ...(flow ? { flow } : {}),
    verdict: dead ? 'dead-relu' : output ? 'saturated-output' : 'saturation',
  };
}

/**
 * The layers a finding says are broken by a too-large update, when every one of them is: a dead-relu or saturation
 * warning's layers, or the layer whose dead or saturated units cut a vanishing warning's layers off (not when the
 * vanishing began before it broke). A too-large update: one larger than the weights, or (vanishing, saturation) one
 * after which a tenth of the rate still passes gradient to the warning's layers (flowAtTenth).
 */
function breakages(finding: Finding, layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, outputLayers: ReadonlySet<string>, tenth?: TenthRateGradients): Breakage[] | undefined {
  if (finding.severity === 'info' || steps.length < 2) return undefined;
  const names = finding.code === 'dead-relu' || finding.code === 'saturation' ? namedLayers(finding) : finding.code === 'vanishing' && finding.cause ? [finding.cause.layer] : [];
  if (names.length === 0) return undefined;
  const flow = flowAtTenth(finding, steps, t, tenth);
  const found = names.map((n) => brokenByUpdate(n, layers, steps, t, outputLayers, flow));
  if (found.some((b) => b === undefined)) return undefined;
  const all = found as Breakage[];
  if (finding.code === 'vanishing' && (finding.step ?? 0) < all[0].step) return undefined;
  return all;
}

/**
 * Gradient warnings whose layers a too-large update broke — ReLU units alive at step 0 and dead right after an update
 * that moved a weight layer at or below them by ‖Δw‖/‖w‖ ≥ 1, or a layer that saturated so (and the layers below it it
 * cuts off), or a layer broken so where a tenth of the rate still passes gradient to the warning's layers — name their cause: one learning-rate-high warning on `rateSite`, the broken layers related with their
 * history and their own verdicts, the layers cut off related as vanishing. When one of the broken layers is a ReLU output
 * that died, the cause named is the output's activation instead (deadOutputFinding). The other findings are returned unchanged.
 */
export function brokenByRate(findings: readonly Finding[], layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, rateSite: SourceLocation | undefined, outputLayers: ReadonlySet<string>, optimizer?: string, tenth?: TenthRateGradients): Finding[] {
  if (!rateSite) return [...findings];
  const moved = findings.map((f) => ({ f, b: breakages(f, layers, steps, t, outputLayers, tenth) }));
  const broken = moved.filter((m) => m.b !== undefined);
  if (broken.length === 0) return [...findings];
  const info = new Map(layers.map((l) => [l.name, l]));
  const byLayer = new Map<string, Breakage>();
  for (const { b } of broken) for (const x of b!) byLayer.set(x.layer, x);
  const all = [...byLayer.values()].sort((a, b) => a.step - b.step);
  const first = all[0];
  const victims = all.map((b) => ({ layer: b.layer, location: info.get(b.layer)?.location, message: b.history, verdict: b.verdict }));
  // The layers a broken layer cuts off: each vanishing finding's own layer and its related ones.
  const cutOff = broken
    .filter(({ f }) => f.code === 'vanishing')
    .flatMap(({ f }) => [...(f.layer ? [{ layer: f.layer, location: info.get(f.layer)?.location, message: `no gradient reaches it from step ${f.step ?? 0}`, verdict: 'vanishing' as const }] : []), ...(f.related ?? []).map((r) => ({ ...r, verdict: 'vanishing' as const }))]);
  const describe = (b: Breakage) => {
    const l = info.get(b.layer);
    const act = l?.activation ? `${l.activation} ` : '';
    return b.verdict === 'dead-relu' ? `${b.layer}'s ReLU units output 0 for every example` : b.verdict === 'saturated-output' ? `${b.layer}'s ${act}output is ${l?.activation === 'sigmoid' ? 'below 0.01 or above 0.99' : 'above 0.99'} for most examples` : `${b.layer}'s ${act}outputs sit in the flat tails`;
  };
  const anyDead = all.some((b) => b.verdict === 'dead-relu');
  const names = cutOff.map((c) => c.layer);
  const severity = broken.some(({ f }) => f.severity === 'error') ? 'error' : 'warning';
  const related = [...victims, ...cutOff.filter((c) => !byLayer.has(c.layer))];
  const rest = moved.filter((m) => m.b === undefined).map((m) => m.f);
  const deadOutput = all.find((b) => b.verdict === 'dead-relu' && outputLayers.has(b.layer));
  if (deadOutput) return [deadOutputFinding(deadOutput, info.get(deadOutput.layer), severity, related.filter((r) => r.layer !== deadOutput.layer), names), ...rest];
  const finding: Finding = {
    code: 'learning-rate-high',
    severity,
    location: rateSite,
    step: first.step,
    related,
    message:
      `The learning rate is too high: a step broke ${all.length > 1 ? `${all.length} layers that worked at step 0` : 'a layer that worked at step 0'} — ${all.map((b) => `from step ${b.step} ${describe(b)}`).join('; ')} — ` +
      overshootEvidence(first, all) +
      `${anyDead ? 'Dead units get no gradient to come back' : 'A saturated layer passes almost no gradient back'}${names.length ? `, so no gradient reaches ${names.join(', ')} below it` : ''}. ` +
      `Lower the learning rate set here (run the LR finder), or clip gradients (clipNorm)${anyDead ? '; LeakyReLU/ELU would keep units alive' : ''}.${optimizerRateNote(optimizer)}`,
  };
  return [finding, ...rest];
}

/** What shows the step overshot: an update larger than the weights, else the tenth of the rate that kept the gradient flowing. */
function overshootEvidence(first: Breakage, all: readonly Breakage[]): string {
  const flow = all.find((b) => b.flow)?.flow;
  if (first.ratio >= UPDATE_REPLACES_WEIGHTS || !flow) return `right after an update that moved ${first.mover}'s weights by ${fmt(first.ratio)}× their norm (‖Δw‖/‖w‖; ~1e-3 is healthy): the step overshot. `;
  return (
    `after an update that moved ${first.mover}'s weights by ${fmt(first.ratio)}× their norm (‖Δw‖/‖w‖; ~1e-3 is healthy), while from the same initial weights the same ${flow.steps} steps at a tenth of the rate ` +
    `still pass gradient to ${flow.layer} (‖g‖ ${fmt(flow.tenth)} there against ${fmt(flow.own)} at this rate): the large steps threw the pre-activations into the flat tails. `
  );
}

/**
 * A ReLU output layer alive at step 0 and dead on every row of the batch after a step: an output unit ≤ 0 for every row
 * passes no gradient to itself or to any layer below, so the whole model stops learning for good, and any step that
 * pushes it there ends training — a smaller rate makes that rarer, not impossible (Lu, Shin, Su & Karniadakis 2019,
 * "Dying ReLU and Initialization"; Goodfellow, Bengio & Courville 2016 §6.3.1: ReLUs "cannot learn via gradient-based
 * methods on examples for which their activation is zero"). What removes the failure is the output's activation (§6.2.2:
 * a linear output unit for a regression), so the finding is output-activation on the output layer's line, with the step
 * that killed it as its evidence. docs/rules/output-activation.md ("A ReLU output that dies during the steps").
 */
function deadOutputFinding(b: Breakage, layer: LayerInfo | undefined, severity: 'error' | 'warning', related: RelatedLayer[], cutOff: readonly string[]): Finding {
  return {
    code: 'output-activation',
    severity,
    layer: b.layer,
    location: layer?.location,
    step: b.step,
    ...(related.length ? { related } : {}),
    message:
      `The output layer's ${layer?.activation ?? 'relu'} died during training: ${b.history} (its units output 0 for every example), ${
        b.ratio >= UPDATE_REPLACES_WEIGHTS || !b.flow
          ? `right after an update that moved ${b.mover}'s weights by ${fmt(b.ratio)}× their norm`
          : `while the same ${b.flow.steps} steps at a tenth of the rate still pass gradient to ${b.flow.layer} (‖g‖ ${fmt(b.flow.tenth)} there against ${fmt(b.flow.own)} at this rate)`
      }. ` +
      `A dead output passes no gradient to itself or to any layer below${cutOff.length ? ` (${cutOff.join(', ')})` : ''}, so the whole model stops learning for good: ` +
      `any step that pushes the output's pre-activation below 0 on every row ends training, and a smaller rate only makes that rarer. ` +
      `A regression output takes no activation (linear; softplus if it must stay positive); a classifier's takes softmax or sigmoid.`,
  };
}

/**
 * An exploding-gradient error under a squared-error loss whose targets have RMS ≥ UNSCALED_TARGET_RMS:
 * the loss's gradient 2(ŷ − y)/N is linear in the targets, so every layer's gradient is that many times
 * what standardised targets give. Moves it to the line that made the targets (DataLocations.targets).
 */
export function explodingFromTargets(finding: Finding, layers: readonly LayerInfo[], steps: readonly StepRecord[], outputs: readonly OutputInfo[], data: DataLocations | undefined): Finding {
  if (finding.code !== 'exploding' || finding.severity === 'info') return finding;
  const index = outputs.findIndex((o) => SQUARED_LOSSES.has(normalizeLoss(o.loss)) && Math.sqrt(o.labelMeanSquare) >= UNSCALED_TARGET_RMS);
  const site = data?.targets?.[index];
  if (index < 0 || !site) return finding;
  const output = outputs[index];
  const rms = Math.sqrt(output.labelMeanSquare);
  const peak = steps.find((s) => s.step === finding.step)?.layers.find((l) => l.name === finding.layer)?.gradNorm;
  const info = new Map(layers.map((l) => [l.name, l]));
  const range = output.labelMin !== undefined && output.labelMax !== undefined ? ` (${fmt(output.labelMin)} to ${fmt(output.labelMax)})` : '';
  return {
    ...finding,
    layer: undefined,
    location: site,
    related: ownLayerAsRelated(finding, info, peak !== undefined ? `‖g‖ ${fmt(peak)} at step ${finding.step}` : 'the largest gradient'),
    message:
      `Exploding gradient from unscaled targets: the targets given to fit()${range} have RMS ${fmt(rms)}, and ${output.loss}'s gradient 2(ŷ − y)/N is proportional to them, ` +
      `so every layer's gradient is ~${fmt(rms)}× what standardised targets give${peak !== undefined ? ` (‖g‖ ${fmt(peak)} at ${finding.layer}, step ${finding.step}: ~${fmt(peak / rms)} at unit scale)` : ''}. ` +
      `Standardise the targets where they are made (subtract their mean, divide by their standard deviation) and undo it on the predictions. Evidence: ${finding.message}`,
  };
}
