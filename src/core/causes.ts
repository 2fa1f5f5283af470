// Causes that live outside the layers a gradient finding names, so the finding moves to the line where the
// fix goes and the layers become its related locations (they keep their verdicts on their own lines):
// ReLU units that were alive at initialization and died right after an update larger than the weights
// themselves (the learning rate: the optimizer's line), and an exploding gradient under a squared error
// whose targets are far from unit scale (the targets: the line that made them). docs/rules/dead-relu.md,
// docs/rules/exploding.md.
import type { DataLocations, Finding, LayerInfo, OutputInfo, RelatedLayer, SourceLocation, Thresholds } from './protocol';
import { formatNumber as fmt } from './format';
import type { StepRecord } from './healthModel';
import { normalizeLoss, SQUARED_LOSSES, UNSCALED_INPUT_RMS } from './lossRules';

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

/**
 * A dead-relu warning whose layers were all alive at step 0 and died at a step whose update moved some
 * weight layer at or below them by ‖Δw‖/‖w‖ ≥ 1: the learning rate killed them. Moves it to `rateSite`.
 */
export function deadByUpdate(finding: Finding, layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, rateSite: SourceLocation | undefined): Finding {
  if (finding.code !== 'dead-relu' || finding.severity === 'info' || !rateSite || steps.length < 2) return finding;
  const order = new Map(layers.map((l, i) => [l.name, i]));
  const info = new Map(layers.map((l) => [l.name, l]));
  const deaths: { layer: string; step: number; before: number; ratio: number; mover: string }[] = [];
  for (const name of namedLayers(finding)) {
    const share = (r: StepRecord) => r.layers.find((l) => l.name === name)?.deadShare;
    const atStart = share(steps[0]);
    if (atStart === undefined || atStart >= t.deadShare) return finding; // dead from the start: not the rate
    const died = steps.find((r) => (share(r) ?? 0) >= t.deadShare);
    if (!died) return finding;
    // The update that led to this step's weights, on the weight layers that feed this one (at or below it).
    const below = died.layers.filter((l) => l.updateRatio !== undefined && (order.get(l.name) ?? Infinity) <= (order.get(name) ?? -1));
    const mover = below.sort((a, b) => b.updateRatio! - a.updateRatio!)[0];
    if (!mover || mover.updateRatio! < UPDATE_REPLACES_WEIGHTS) return finding;
    deaths.push({ layer: name, step: died.step, before: atStart, ratio: mover.updateRatio!, mover: mover.name });
  }
  const first = deaths.reduce((a, b) => (b.step < a.step ? b : a));
  const history = new Map(deaths.map((d) => [d.layer, `${fmt(d.before * 100)} % of units dead at step 0, ${fmt(t.deadShare * 100)} % or more from step ${d.step}`]));
  const several = deaths.length > 1;
  return {
    ...finding,
    layer: undefined,
    location: rateSite,
    step: first.step,
    related: ownLayerAsRelated(finding, info, '').map((r) => ({ ...r, message: history.get(r.layer) ?? r.message })),
    message:
      `Dead ReLU after a too-large update: ${several ? `${deaths.length} layers (${deaths.map((d) => d.layer).join(', ')}) were` : `${deaths[0].layer} was`} mostly alive at step 0 and ` +
      `${several ? 'their' : 'its'} units output 0 for every example from step ${first.step}, right after an update that moved ${first.mover}'s weights by ` +
      `${fmt(first.ratio)}× their norm (‖Δw‖/‖w‖; ~1e-3 is healthy): the step overshot and pushed every unit's input below 0, and dead units get no gradient to come back. ` +
      `Lower the learning rate set here (run the LR finder), or clip gradients (clipNorm); LeakyReLU/ELU would keep units alive.`,
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
