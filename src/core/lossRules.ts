// The loss and output rules: output activation vs compiled loss, saturated output at initialization,
// initial loss vs its expected value, loss diverging / not decreasing / oscillating over the profiled
// steps (all on one batch, so the curve has no sampling noise), and the overfit-one-batch check.
import { optimizerRateNote } from './rateRules';
import type { Finding, LayerInfo, OutputInfo, RelatedLayer, Thresholds } from './protocol';
import { PROBABILITY_OUTPUT } from './activations';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type HealthContext, type NonFiniteOrigin, type StepRecord } from './healthModel';
import type { LossEvidence } from './layerHits';
import { fixedBatchWords, notDecreasingFinding, oscillationFinding, type LossCurve } from './lossCurveRules';
import { judgeOscillation } from './oscillationProbe';
import { initialLossOverDraws, repairText } from './initialLossDraws';

/** tfjs clips probabilities to [1e-7, 1 − 1e-7] in its cross-entropies: a confidently wrong example costs −ln 1e-7. */
export const CLIP_FLOOR_LOSS = -Math.log(1e-7);
/** A mean squared error above this multiple of E[y²] + 1 at initialization means the outputs start far too large. */
export const MSE_INITIAL_FACTOR = 10;
/**
 * Inputs whose largest per-feature RMS reaches this are unscaled (LeCun, Bottou, Orr & Müller, "Efficient
 * BackProp", 1998, §4.3: inputs should have zero mean and unit variance); an initial loss far off is then
 * pinned on them, at the first layer that reads them.
 */
export const UNSCALED_INPUT_RMS = 10;

/**
 * The line that made the inputs given to fit(), as a related site of a finding that unscaled inputs (largest feature RMS
 * ≥ UNSCALED_INPUT_RMS) can cause: the scaling fix goes there. Kind `definition`, as the other sites where a value was
 * made (core/originSites.ts): a line, not a layer, so no layer takes the finding's verdict from it (nor a layer the
 * user named "inputs" its line). None for inputs at unit scale, or with no known line.
 */
export function unscaledInputsSite(context: Pick<HealthContext, 'dataLocations' | 'inputScale'>, message = 'the unscaled inputs given to fit(), made here'): RelatedLayer[] {
  const site = context.dataLocations?.inputs?.[0];
  const scale = context.inputScale;
  return site && scale && scale.rms >= UNSCALED_INPUT_RMS ? [{ layer: 'inputs', location: site, message, kind: 'inputs' }] : [];
}

/** A loss name as the rules compare it: 'meanSquaredError', 'mean_squared_error' and 'MSE' alike. */
export const normalizeLoss = (loss: string) => loss.toLowerCase().replace(/[^a-z]/g, '');
const CATEGORICAL = new Set(['categoricalcrossentropy', 'sparsecategoricalcrossentropy']);
const BINARY = new Set(['binarycrossentropy']);
export { CATEGORICAL as CATEGORICAL_LOSSES, BINARY as BINARY_LOSSES };
export const SQUARED_LOSSES = new Set(['meansquarederror', 'mse']);
export const REGRESSION = new Set([...SQUARED_LOSSES, 'meanabsoluteerror', 'mae', 'meansquaredlogarithmicerror', 'msle', 'huberloss', 'logcosh', 'logcoshloss']);

export interface LossRuleResult {
  findings: Finding[];
  /** A wrong output activation explains the NaN/Inf: no separate non-finite finding. */
  explainedNonFinite: boolean;
  /** Layers whose dead units another finding already explains. */
  explainedLayers: Set<string>;
  lossFalls: LossEvidence;
  outputLayers: Set<string>;
}

const pct = (share: number) => (share > 0 && share < 0.1 ? (share * 100).toPrecision(2) : (share * 100).toFixed(0));

/** What the loss expects the output activation to be, when the pair is wrong; undefined when it fits or is unknown. */
function activationMismatch(output: OutputInfo): string | undefined {
  const loss = normalizeLoss(output.loss);
  const act = output.activation;
  if (act === undefined) return undefined;
  if (CATEGORICAL.has(loss) && act !== 'softmax') {
    return `${output.loss} expects class probabilities but the output layer's activation is ${act}: tfjs divides the outputs by their sum and takes the log, so outputs that are not a probability distribution give a meaningless loss (NaN/Inf when an example's outputs sum to 0 or below). Use activation 'softmax' on the output layer.`;
  }
  if (BINARY.has(loss) && !PROBABILITY_OUTPUT.has(act)) {
    return `${output.loss} expects probabilities in (0, 1) but the output layer's activation is ${act}: values outside are clipped, so their gradient is 0. Use activation 'sigmoid' on the output layer.`;
  }
  if (REGRESSION.has(loss) && act === 'softmax') {
    return `${output.loss} on a softmax output: the softmax forces the outputs to sum to 1 and its gradient vanishes when a prediction is confidently wrong, so training crawls. For class labels use categoricalCrossentropy (one-hot) or sparseCategoricalCrossentropy; for regression remove the softmax.`;
  }
  return undefined;
}

/**
 * A custom loss that gives a built-in cross-entropy's values wherever it was read (runner/lossIdentity.ts) is that loss:
 * its expectation is the built-in's — on logits −ln(1/C) as on probabilities (Karpathy, "A Recipe for Training Neural
 * Networks", 2019: "verify loss @ init").
 */
function identifiedExpectation(output: OutputInfo): { value: number; basis: string; factor: number } | undefined {
  const identity = output.lossIdentity;
  if (!identity) return undefined;
  const same = `: ${output.loss} gives ${identity.equals}'s values`;
  if (identity.equals === 'softmaxCrossEntropy' || identity.equals === 'categoricalCrossentropy') {
    return output.units >= 2 ? { value: Math.log(output.units), basis: `−ln(1/${output.units}) for ${output.units} classes${same}`, factor: 0 } : undefined;
  }
  return { value: Math.log(2), basis: `ln 2 for an output starting near 0.5${same}`, factor: 0 };
}

/** The data loss expected at initialization, with how it was derived; undefined when unknown. */
function expectedInitialLoss(output: OutputInfo): { value: number; basis: string; factor: number } | undefined {
  const loss = normalizeLoss(output.loss);
  const identified = identifiedExpectation(output);
  if (identified) return identified;
  if (CATEGORICAL.has(loss) && output.activation === 'softmax' && output.units >= 2) {
    return { value: Math.log(output.units), basis: `ln ${output.units} for ${output.units} classes`, factor: 0 };
  }
  if (BINARY.has(loss) && output.activation === 'sigmoid') return { value: Math.log(2), basis: 'ln 2 for a sigmoid starting near 0.5', factor: 0 };
  if (SQUARED_LOSSES.has(loss)) return { value: output.labelMeanSquare, basis: `E[y²] = ${fmt(output.labelMeanSquare)} of the labels (outputs start near 0)`, factor: MSE_INITIAL_FACTOR };
  return undefined;
}

/** The data loss expected at initialization summed over the outputs, and above which it counts as far; undefined when unknown. */
export function initialLossLimit(outputs: readonly OutputInfo[], t: Thresholds): { expected: number; limit: number; basis: string; isMse: boolean } | undefined {
  const expectations = outputs.map(expectedInitialLoss);
  if (!outputs.length || !expectations.every((e) => e !== undefined)) return undefined;
  const expected = expectations.reduce((s, e) => s + e!.value, 0);
  const isMse = expectations.some((e) => e!.factor > 0);
  const limit = isMse ? MSE_INITIAL_FACTOR * (expected + 1) : t.initialLossFactor * expected;
  return { expected, limit, basis: expectations.map((e) => e!.basis).join(' + '), isMse };
}

export function lossFindings(
  layers: readonly LayerInfo[],
  steps: readonly StepRecord[],
  t: Thresholds,
  context: HealthContext,
  nonFiniteOrigin: NonFiniteOrigin | undefined,
): LossRuleResult {
  const info = new Map(layers.map((l) => [l.name, l]));
  const outputs = context.outputs ?? [];
  const findings: Finding[] = [];
  const explainedLayers = new Set<string>();
  let explainedNonFinite = false;
  // Dropout and noise layers make the training-mode loss jump on a fixed batch: the curve rules read the
  // inference-mode loss the runner measures for such models.
  const losses = steps.map((s) => s.evalLoss ?? dataLoss(s));
  const totals = steps.map((s) => s.loss);
  const n = steps.length - 1;
  const first = losses[0];
  const last = losses[losses.length - 1];
  const allFinite = totals.every(Number.isFinite);
  const lossFalls: LossEvidence =
    n < 1 || !Number.isFinite(first)
      ? { falls: undefined, text: 'only step 0 was profiled' }
      : {
          falls: allFinite && last <= first - t.lossImprovement * Math.abs(first),
          text: `the loss ${last < first ? 'fell' : 'went'} from ${fmt(first)} to ${fmt(last)} over ${n} steps`,
        };
  const firstNonFinite = steps.find((s) => !Number.isFinite(s.loss));
  const suppressed = new Set<string>();
  // Findings about the loss curve point at the line that sets the learning rate (the optimizer's creation,
  // else compile()), findings about the loss function at compile(): that is where the fix goes.
  const rateSite = context.optimizerLocation ?? context.compileLocation;
  const lossSite = context.compileLocation;

  // --- output activation vs loss ---
  for (const output of outputs) {
    const mismatch = activationMismatch(output);
    if (!mismatch) continue;
    const layer = info.get(output.layer);
    // NaN/Inf that first shows in the loss, in its gradient, or at the output layer comes from this mismatch.
    const nanStep = nonFiniteOrigin
      ? nonFiniteOrigin.pass === 'loss' || nonFiniteOrigin.pass === 'backward' || nonFiniteOrigin.layer === output.layer
        ? nonFiniteOrigin.step
        : undefined
      : firstNonFinite?.step;
    const nanHere = nanStep !== undefined;
    if (nanHere) explainedNonFinite = true;
    explainedLayers.add(output.layer);
    // A regression loss on a softmax over several units is a classifier with the wrong loss: the fix is in
    // compile(). Everywhere else (a softmax on one unit, a probability loss on a non-probability output)
    // the output layer's activation is what to change.
    const lossIsWrong = REGRESSION.has(normalizeLoss(output.loss)) && output.activation === 'softmax' && output.units > 1;
    const onCompile = lossIsWrong && lossSite !== undefined;
    findings.push({
      code: 'output-activation',
      severity: nanHere ? 'error' : RULE_SEVERITY['output-activation'],
      ...(onCompile
        ? { location: lossSite, related: [{ layer: output.layer, location: layer?.location, message: `the ${output.activation} output layer the loss is applied to` }] }
        : { layer: output.layer, location: layer?.location }),
      step: nanStep ?? 0,
      message: `${nanHere ? `NaN/Inf in the loss or its gradient from step ${nanStep}, caused by the output activation: ` : 'Output activation does not fit the loss: '}${mismatch}`,
    });
  }

  // --- saturated output at initialization ---
  for (const output of outputs) {
    const at0 = steps[0]?.layers.find((l) => l.name === output.layer)?.saturatedShare;
    if (at0 === undefined || at0 < t.confidentOutputShare) continue;
    const end = steps[steps.length - 1].layers.find((l) => l.name === output.layer);
    const atEnd = end?.saturatedShare ?? at0;
    // The confidently wrong examples at the last step are the evidence a user reads: the confident share alone also
    // counts right answers. It does not decide: a wrong output beyond the loss's clip gets no gradient and stays
    // wrong however few there are (docs/rules/saturated-output.md, "Evidence").
    const wrongEnd = n >= 1 ? end?.confidentWrongShare : undefined;
    const persistent = atEnd >= t.confidentOutputShare || lossFalls.falls !== true;
    const expected = expectedInitialLoss(output);
    const flat = n >= 1 && allFinite && Math.max(...losses) - Math.min(...losses) <= t.lossStuck * Math.abs(first);
    const floor = expected && expected.factor === 0 ? ` (expected ≈ ${fmt(expected.value)}, ${expected.basis}; a confidently wrong example costs ${fmt(CLIP_FLOOR_LOSS)}, the clip floor)` : '';
    if (persistent) suppressed.add('initial-loss').add('loss-not-decreasing');
    const layer = info.get(output.layer);
    // Unscaled inputs, one of the causes the message lists, when present: a unit's pre-activation grows with its
    // inputs' RMS (Var z = fan_in · Var w · E[x²], the premise of Glorot/He initialisation), so the line that made them.
    const inputs = persistent ? unscaledInputsSite(context, 'the unscaled inputs given to fit(), made here: pre-activations grow with the inputs\' RMS') : [];
    findings.push({
      code: 'saturated-output',
      severity: persistent ? RULE_SEVERITY['saturated-output'] : 'info',
      layer: output.layer,
      location: layer?.location,
      ...(inputs.length ? { related: inputs } : {}),
      step: 0,
      message:
        `Saturated output at initialization: ${(at0 * 100).toFixed(0)} % of the ${output.activation === 'sigmoid' ? 'sigmoid outputs are below 0.01 or above 0.99' : `examples get a ${output.activation} output above 0.99`} at step 0` +
        (n >= 1 ? ` (${(atEnd * 100).toFixed(0)} % at step ${steps[steps.length - 1].step}${wrongEnd !== undefined ? `; ${pct(wrongEnd)} % of the examples confidently wrong there` : ''})` : '') +
        `; the loss starts at ${fmt(first)}${floor}${flat ? ` and stays flat through step ${steps[steps.length - 1].step}` : ''}. ` +
        (persistent
          ? `An overconfident output passes almost no gradient back. Look for weights overwritten or initialized with a large scale (e.g. std 1 instead of Glorot's √(2/(fan_in+fan_out))), unscaled inputs, or a large bias on the output layer.`
          : `It resolved within the profiled steps and ${lossFalls.text}: no action needed.`),
    });
  }

  // --- initial loss far from its expected value ---
  const initial = initialLossLimit(outputs, t);
  if (!suppressed.has('initial-loss') && initial && Number.isFinite(first)) {
    const { expected, isMse, limit, basis } = initial;
    // A start that the first steps repair (e.g. std-1 initialization with a high learning rate) is info.
    const resolvedHere = lossFalls.falls === true && last <= limit;
    // Judged over the initialisation the program wrote when the runner drew it afresh (./initialLossDraws.ts): most of the
    // seeded fresh draws far and not repaired by the same steps, for a warning; this run's draw is reported beside them.
    // Without fresh draws the profile's one draw decides.
    const over = initialLossOverDraws(first, resolvedHere, context.initialDraws, limit, t.lossImprovement);
    const overText = over ? ` Over draws: ${over.text}; ${repairText(over, context.initialDraws?.steps)}.` : '';
    if (over && !over.mostFar && first > limit) {
      findings.push({
        code: 'initial-loss',
        severity: 'info',
        step: 0,
        ...(outputs.length === 1 ? { layer: outputs[0].layer, location: info.get(outputs[0].layer)?.location } : {}),
        message: `The loss at initialization is ${fmt(first)} in this run's draw of the weights, ${fmt(first / expected)}× its expected value ≈ ${fmt(expected)} (${basis}), but no majority of the seeded fresh draws of the same initializers starts far:${overText.replace(' Over draws:', '')} No action needed.`,
      });
    }
    if (over ? over.mostFar : first > limit) {
      const resolved = over ? !over.mostUnrepaired : resolvedHere;
      const scale = context.inputScale;
      const entry = scale && scale.rms >= UNSCALED_INPUT_RMS ? layers.find((l) => l.weights.length > 0) : undefined;
      const at = entry ? { layer: entry.name, location: entry.location } : outputs.length === 1 ? { layer: outputs[0].layer, location: info.get(outputs[0].layer)?.location } : {};
      // The fix for unscaled inputs goes where they are made: that line, when known, as a related location.
      const inputSite = entry && !resolved ? unscaledInputsSite(context) : [];
      findings.push({
        code: 'initial-loss',
        severity: resolved ? 'info' : RULE_SEVERITY['initial-loss'],
        step: 0,
        ...at,
        ...(inputSite.length ? { related: inputSite } : {}),
        message:
          `The loss at initialization is ${fmt(first)}, ${fmt(first / expected)}× its expected value ≈ ${fmt(expected)} (${basis}); above ${fmt(limit)} counts as far.${overText} ` +
          (entry && scale && !resolved
            ? `The inputs are unscaled: input feature ${scale.feature} has RMS ${fmt(scale.rms)} (largest |x| ${fmt(scale.maxAbs)}), so ${entry.name}, the first layer that reads them, starts with outputs far too large. Standardise the inputs (zero mean, unit variance per feature) before fit(). `
            : '') +
          (resolved
            ? `It resolved within the profiled steps (${over ? 'no majority of the seeded draws stays far' : lossFalls.text}): no action needed, though a better-scaled initialization would save those steps.`
            : isMse
              ? `The outputs start far from the targets' scale: scale the targets (or the inputs), or check the output layer's initialization.`
              : `The model starts out confidently wrong: check the output layer's initialization and bias, the input scaling, and that the labels match the outputs.`),
      });
    }
  }

  // --- loss diverging (total loss, as fit() reports it) ---
  const firstTotal = totals[0];
  if (Number.isFinite(firstTotal) && firstTotal > 0 && !explainedNonFinite) {
    const worst = steps.find((s, i) => i > 0 && (!Number.isFinite(s.loss) || s.loss / firstTotal >= t.explodingLossGrowth));
    if (worst) {
      findings.push({
        code: 'loss-diverging',
        severity: RULE_SEVERITY['loss-diverging'],
        step: worst.step,
        location: rateSite,
        message: `The loss grew from ${fmt(firstTotal)} to ${fmt(worst.loss)} by step ${worst.step}: training diverges. Lower the learning rate (run the LR finder) or clip gradients.${optimizerRateNote(context.optimizer)}`,
      });
      suppressed.add('loss-not-decreasing');
      // A curve that climbed this far did not fall steadily, whatever its last step reads: the layer rules must not
      // call exploding updates "large but stable" (or dead/saturated units harmless) beside this error.
      lossFalls.falls = false;
      lossFalls.text = `${lossFalls.text}, after climbing to ${fmt(worst.loss)} at step ${worst.step}`;
    }
  }

  // --- oscillating, then not decreasing (the same batch every step: no sampling noise in this curve) ---
  const curve: LossCurve = { losses, lastStep: steps[steps.length - 1]?.step ?? 0, noise: 0, plannedPoints: context.plannedSteps, plannedSteps: context.plannedSteps, preview: context.planPreview, planSite: context.dataLocations?.call, words: fixedBatchWords(steps[0]?.evalLoss !== undefined) };
  const swings = allFinite ? oscillationFinding(curve, t, rateSite) : undefined;
  // A smaller rate that gets no further says the swings cost nothing: information (./oscillationProbe.ts).
  const judged = swings && judgeOscillation(swings, losses, context.rateProbes, context.optimizer);
  const oscillation = judged && !judged.harmless ? judged.finding : undefined;
  if (judged) {
    findings.push(judged.finding);
    suppressed.add('loss-not-decreasing');
  }
  if (!suppressed.has('loss-not-decreasing') && allFinite) {
    const { finding, slowStart } = notDecreasingFinding(curve, t, rateSite);
    if (finding) findings.push(finding);
    if (slowStart) lossFalls.slowStart = true;
  }

  // --- overfit one batch ---
  if (context.overfit && context.overfit.losses.length >= 2) {
    const curve = context.overfit.losses;
    const start = curve[0];
    const end = curve[curve.length - 1];
    const ok = Number.isFinite(end) && Number.isFinite(start) && end <= t.overfitFraction * start;
    findings.push({
      code: 'overfit-batch',
      severity: ok ? 'info' : RULE_SEVERITY['overfit-batch'],
      step: curve.length - 1,
      message: ok
        ? `Overfit one batch passed: ${curve.length - 1} steps on ${context.overfit.batchSize} examples drove the loss from ${fmt(start)} to ${fmt(end)} (≤ ${fmt(t.overfitFraction * 100)} % of its start).`
        : `Overfit one batch failed: ${curve.length - 1} steps on only ${context.overfit.batchSize} examples took the loss from ${fmt(start)} to ${fmt(end)}, not below ${fmt(t.overfitFraction * 100)} % of its start. ` +
          `A model that cannot memorise a handful of examples has a bug: check the loss and output activation, the labels, and that gradients reach every layer (the other findings); a learning rate far too low gives the same picture.`,
    });
  }

  if (oscillation) lossFalls.falls = false;
  return { findings, explainedNonFinite, explainedLayers, lossFalls, outputLayers: new Set(outputs.map((o) => o.layer)) };
}
