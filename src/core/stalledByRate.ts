// A loss that stopped falling because a too-large step broke the output: the loss-not-decreasing warning names the
// consequence, the learning rate is the cause, so the finding moves to the line that sets the rate (as causes.ts does
// for the dead-relu, saturation and vanishing warnings of the layers such a step broke). A softmax or sigmoid output
// thrown above 0.99 passes almost no gradient back — and a confidently wrong one beyond the loss's clip none — so the
// loss stays where the step left it (LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp" §4.4–4.6; Goodfellow,
// Bengio & Courville 2016 §8.2.4: a step too large for the curvature throws the parameters far; §6.2.2: a saturated
// output unit's gradient vanishes). docs/rules/learning-rate-high-stalled.md.
import type { Finding, LayerInfo, SourceLocation, Thresholds } from './protocol';
import { formatNumber as fmt } from './format';
import type { StepRecord, TenthRateGradients } from './healthModel';
import { broken, brokenByUpdate, UPDATE_REPLACES_WEIGHTS } from './causes';
import { optimizerRateNote, PROBE_FACTOR } from './rateRules';

/** "The loss rises: …" read inside a sentence. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The output a step broke, and what a tenth of the rate measured on it. */
export interface StalledOutput {
  layer: string;
  step: number;
  history: string;
  mover: string;
  ratio: number;
  /** ‖g‖ of the output layer at the last profiled step, at the model's rate and after the same steps at a tenth of it. */
  own: number;
  tenth: number;
  tenthSteps: number;
}

/**
 * An output layer (softmax or sigmoid, verdict saturated-output) that worked at step 0, is saturated from a step whose
 * update moved a weight layer at or below it by ‖Δw‖/‖w‖ ≥ UPDATE_REPLACES_WEIGHTS, is still saturated at the last
 * profiled step, and — the counterfactual — after the same steps from the same initial weights at a tenth of the rate
 * still gets ‖g‖ ≥ the vanishing floor and ≥ PROBE_FACTOR× its own ‖g‖ at the model's rate. Both readings are required:
 * the update says the step overshot, the tenth says a smaller rate keeps the output working. No threshold of its own.
 */
export function outputBrokenByRate(layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, outputLayers: ReadonlySet<string>, tenth: TenthRateGradients | undefined): StalledOutput | undefined {
  if (!tenth || steps.length < 2) return undefined;
  const end = steps[steps.length - 1];
  if (tenth.steps < end.step) return undefined;
  for (const layer of layers.filter((l) => outputLayers.has(l.name))) {
    const b = brokenByUpdate(layer.name, layers, steps, t, outputLayers);
    if (!b || b.verdict !== 'saturated-output' || b.ratio < UPDATE_REPLACES_WEIGHTS) continue;
    const last = end.layers.find((l) => l.name === layer.name);
    if (!broken(last, layer, true, t)) continue; // it recovered: the flat loss is not its doing
    const own = last?.gradNorm;
    const i = tenth.layers.indexOf(layer.name);
    const atTenth = i >= 0 ? tenth.gradNorms[i] : 0;
    if (own === undefined || !Number.isFinite(own) || !(atTenth >= t.vanishingAbsolute) || !(own * PROBE_FACTOR <= atTenth)) continue;
    return { layer: layer.name, step: b.step, history: b.history, mover: b.mover, ratio: b.ratio, own, tenth: atTenth, tenthSteps: tenth.steps };
  }
  return undefined;
}

/**
 * The loss findings with a loss-not-decreasing warning replaced by one learning-rate-high warning on `rateSite` when a
 * too-large step broke the output (outputBrokenByRate), the output related as saturated-output with its history. An info
 * (a slow fall) is left alone: this names a cause, it never makes an alarm.
 */
export function lossStalledByRate(findings: readonly Finding[], layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, rateSite: SourceLocation | undefined, outputLayers: ReadonlySet<string>, optimizer?: string, tenth?: TenthRateGradients): Finding[] {
  const index = findings.findIndex((f) => f.code === 'loss-not-decreasing' && f.severity !== 'info');
  if (index < 0 || !rateSite) return [...findings];
  const out = outputBrokenByRate(layers, steps, t, outputLayers, tenth);
  if (!out) return [...findings];
  const stalled = findings[index];
  const info = layers.find((l) => l.name === out.layer);
  const act = info?.activation ? `${info.activation} ` : '';
  const above = info?.activation === 'sigmoid' ? 'below 0.01 or above 0.99' : 'above 0.99';
  const rate: Finding = {
    code: 'learning-rate-high',
    severity: stalled.severity,
    location: rateSite,
    step: out.step,
    related: [{ layer: out.layer, location: info?.location, message: out.history, verdict: 'saturated-output' }],
    message:
      `The learning rate is too high: the loss stopped falling after a step broke the output — from step ${out.step} ${out.layer}'s ${act}output is ${above} for most examples, ` +
      `right after an update that moved ${out.mover}'s weights by ${fmt(out.ratio)}× their norm (‖Δw‖/‖w‖; ~1e-3 is healthy), while from the same initial weights the same ${out.tenthSteps} steps ` +
      `at a tenth of the rate still pass gradient to ${out.layer} (‖g‖ ${fmt(out.tenth)} there against ${fmt(out.own)} at this rate). ` +
      `A saturated output passes almost no gradient back, so the loss stays where the step left it: ${lowerFirst(stalled.message.split('. ')[0])}. ` +
      `Lower the learning rate set here (run the LR finder), or clip gradients (clipNorm).${optimizerRateNote(optimizer)}`,
  };
  return [...findings.slice(0, index), rate, ...findings.slice(index + 1)];
}
