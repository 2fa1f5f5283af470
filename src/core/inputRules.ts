// The unscaled-input rule: inputs far from unit scale (LeCun et al., "Efficient BackProp", §4.3) whose
// consequence shows at the first layer that reads them, over the profiled steps. Thresholds, sources and
// the training runs behind them: docs/rules/unscaled-input.md.
import type { Finding, LayerInfo, LayerStepStats, OutputInfo, Thresholds } from './protocol';
import { SATURATING } from './activations';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY, type HealthContext, type StepRecord } from './healthModel';
import { UNSCALED_INPUT_RMS, unscaledInputsSite } from './lossRules';
import { PROBE_STEPS, probeGotMuchFurther } from './rateRules';
import { helpsOverDraws, judgeScaling, MIN_GAP_SHARE, planMakesUp, type ScaleJudgement } from './scaleRules';

/**
 * At or above this share of a ReLU layer's units keep one sign for every example (dead, or positive for all),
 * the inputs' offset decides the units rather than the differences between examples. Zero-mean inputs (the
 * premise of Glorot/He initialisation) leave each unit positive on about half the examples, so the share is ~0
 * there; inputs whose offset dominates drive it towards 1. Half is "most units".
 */
export const SIGN_CONSTANT_SHARE = 0.5;

/**
 * Inputs whose largest per-feature RMS is at most this are far BELOW unit scale: an order of magnitude, as
 * UNSCALED_INPUT_RMS is above it (LeCun et al., "Efficient BackProp", §4.3). Only then does the runner run the
 * counterfactual probe smallInput reads (pixels in [0, 1] have RMS ~0.3–0.5 and are never probed).
 */
export const SMALL_INPUT_RMS = 1 / UNSCALED_INPUT_RMS;
/**
 * The scales the counterfactual probes take the inputs to (the largest feature's RMS): standardised features (1, the
 * premise of Glorot/He initialisation) and values in [0, 1] such as pixels / 255 (RMS ~0.3 for MNIST). A model's
 * learning rate tuned for one of the two conventions can overshoot at the other, so both are tried.
 */
export const INPUT_PROBE_RMS = [1, 10 ** -0.5];

const pct = (share: number) => `${(share * 100).toFixed(0)} %`;

/** The first layer that reads the inputs (the first with weights) and the layer whose activation it feeds. */
function firstReader(layers: readonly LayerInfo[], outputs: readonly OutputInfo[]): { entry: LayerInfo; activation: LayerInfo } | undefined {
  const index = layers.findIndex((l) => l.weights.length > 0);
  if (index < 0) return undefined;
  const entry = layers[index];
  // Its own activation, or a weightless activation layer right after it (Dense → Activation('relu')).
  const next = layers[index + 1];
  const activation = entry.activation && entry.activation !== 'linear' ? entry : next && next.weights.length === 0 && next.activation ? next : undefined;
  // An output layer's saturation is the saturated-output rule's; a linear or normalising next layer shows nothing here.
  if (!activation || outputs.some((o) => o.layer === activation.name || o.layer === entry.name)) return undefined;
  return { entry, activation };
}

/** What the layer's activation shows at one step, when it shows the consequence of unscaled inputs. */
function consequence(stats: LayerStepStats | undefined, activation: string, t: Thresholds): string | undefined {
  if (!stats) return undefined;
  if (stats.deadShare !== undefined && stats.activeShare !== undefined) {
    const constant = stats.deadShare + stats.activeShare;
    if (constant < SIGN_CONSTANT_SHARE) return undefined;
    return (
      `${pct(constant)} of its units keep one sign for every example of the batch: ${pct(stats.deadShare)} output 0 for every example (dead: no gradient reaches them) ` +
      `and ${pct(stats.activeShare)} are positive for every example (the ReLU passes them unchanged, so on this data the layer is linear)`
    );
  }
  if (stats.saturatedShare !== undefined && SATURATING.has(activation) && stats.saturatedShare > t.saturatedShare) {
    return `${pct(stats.saturatedShare)} of its ${activation} outputs sit in the flat tails, where the gradient is ~0`;
  }
  return undefined;
}

/**
 * Inputs of RMS ≥ UNSCALED_INPUT_RMS, judged by their consequence at the first layer and by the scaling probe (what
 * standardising them does to this model's training: scaleRules.judgeScaling). A consequence is a warning unless the
 * probe shows the model learning from the inputs as given and standardising not training clearly better (then
 * information); without a consequence, a probe that trains clearly better is a warning by itself.
 */
export function unscaledInput(layers: readonly LayerInfo[], steps: readonly StepRecord[], t: Thresholds, context: HealthContext): Finding | undefined {
  const scale = context.inputScale;
  if (!scale || !(scale.rms >= UNSCALED_INPUT_RMS) || steps.length === 0) return undefined;
  const probe = context.scaleProbe && context.scaleProbe.standardized !== 'targets' ? judgeScaling(steps, context.scaleProbe) : undefined;
  const reader = firstReader(layers, context.outputs ?? []);
  const last = steps[steps.length - 1];
  // Judged at the last profiled step: a consequence the first steps repair is not one.
  const statsAt = (record: StepRecord) => reader && record.layers.find((l) => l.name === reader.activation.name);
  const atEnd = reader ? consequence(statsAt(last), reader.activation.activation ?? '', t) : undefined;
  const entry = reader?.entry ?? layers.find((l) => l.weights.length > 0);
  if (!entry || (!atEnd && !probe)) return undefined;
  // The fix goes where the inputs are made (the line that created the tensor given to fit(), when known).
  const activation = reader?.activation;
  const related = [
    ...(atEnd && activation && activation !== entry ? [{ layer: activation.name, location: activation.location, message: `the ${activation.activation} that reads ${entry.name}'s outputs: ${atEnd}` }] : []),
    ...unscaledInputsSite(context),
  ];
  const scaleText = `input feature ${scale.feature} has RMS ${fmt(scale.rms)} (largest |x| ${fmt(scale.maxAbs)}), far from the unit scale a network's initialisation assumes`;
  const advice = `Standardise each feature before fit() (subtract its mean and divide by its standard deviation, both computed on the training data), or start the model with a BatchNormalization layer.`;
  const base = { code: 'unscaled-input' as const, layer: entry.name, location: entry.location, step: last.step, ...(related.length ? { related } : {}) };
  // Standardised, the model learns from the inputs within the steps, as given it does not: the same bar ("learns")
  // on both runs, so standardising is what made the difference.
  const onlyStandardised = probe?.onlyStandardisedLearns === true && !probe.better;
  const learnedText = `Standardised, the same steps learn from the inputs and as given they do not (a loss at least ${Math.round(MIN_GAP_SHARE * 100)} % below what a prediction that reads no input scores): ${probe?.evidence}.`;
  // Standardising helped in this draw of the initial weights but not in most draws of the model's own initializers:
  // that evidence is the draw's, not the program's (the consequence, when there is one, is judged below on its own).
  const drawOnly = probe && helpsOverDraws(probe) === false ? drawDependence(probe) : undefined;
  if (drawOnly && !atEnd) return { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}. ${drawOnly} Standardising stays the usual practice.` };
  if (!atEnd) {
    const judged = probe!;
    if (onlyStandardised) return { ...base, severity: RULE_SEVERITY['unscaled-input'], message: `Unscaled inputs: ${scaleText}. ${learnedText}${heldOverDraws(judged)} ${advice}` };
    // The probe alone is the evidence here: a slowness the script's own plan makes up for is information.
    const madeUp = judged.better ? planMakesUp(judged, context.plannedSteps) : undefined;
    if (madeUp) return { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}. Standardised, the same steps train clearly better (${judged.evidence}), but ${madeUp}: no action needed for training, though standardising them would save those steps.` };
    if (judged.better) return { ...base, severity: RULE_SEVERITY['unscaled-input'], message: `Unscaled inputs: ${scaleText}. Standardised, the same steps train clearly better: ${judged.evidence}.${heldOverDraws(judged)} ${advice}` };
    // "Changes little" needs the inputs as given to be learned from; when neither run learns within the steps, the probe cannot tell.
    return judged.learns === false
      ? { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}; within these steps the model does not learn from them as given (its loss stays above ${Math.round((1 - MIN_GAP_SHARE) * 100)} % of what a prediction that reads no input scores) and does no clearly better standardised, so what the scale costs is not measured: ${judged.evidence}. Standardising stays the usual practice.` }
      : { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}, but standardising them changes little for this model: ${judged.evidence}. No action needed for training; standardising stays the usual practice.` };
  }
  const atStart = steps.length > 1 && reader ? consequence(statsAt(steps[0]), reader.activation.activation ?? '', t) : undefined;
  const where = activation === entry ? entry.name : `${entry.name} (through ${activation!.name})`;
  const shown = `At ${where}, the first layer that reads them, ${atEnd} at step ${last.step}${atStart ? ' (as at step 0)' : ''}: the inputs' offset and size decide these units, not the differences between examples.`;
  // Over draws standardising does not help and most fresh draws learn from the inputs as given: the consequence costs nothing measurable.
  if (drawOnly && probe?.helpedOverDraws && 2 * probe.helpedOverDraws.learned > probe.helpedOverDraws.draws) {
    return { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}. ${shown} ${drawOnly} Most of those draws learn from the inputs as given within these steps, so the consequence costs nothing measurable; standardising stays the usual practice.` };
  }
  // The model learns from the inputs as given and standardising them does not train better: that consequence costs nothing measurable here.
  if (probe && !probe.better && probe.learns) {
    return { ...base, severity: 'info', message: `Unscaled inputs: ${scaleText}. ${shown} Yet the model learns from them as given, and standardising them does not train better: ${probe.evidence}. No action needed for training over these steps; standardising stays the usual practice.` };
  }
  // The consequence is the only evidence left (neither run learns in this draw) and most draws of the model's own
  // initializers — this one, which does not learn, counted with the fresh ones — learn from the inputs as given: what it
  // shows is this draw's, not the program's.
  const redrawn = probe && !probe.better && !onlyStandardised && probe.learns === false ? probe.redrawn : undefined;
  if (redrawn && 2 * redrawn.learned > redrawn.draws + 1) {
    return {
      ...base,
      severity: 'info',
      message:
        `Unscaled inputs: ${scaleText}. ${shown} In this draw of the initial weights neither run learns from them within these steps (${probe!.evidence}), ` +
        `but from ${redrawn.learned} of ${redrawn.draws} fresh draws of the model's own initializers the same steps as given do (lowest losses ${redrawn.lows.map(loss3).join(', ')}): ` +
        `whether the inputs' scale holds this model back depends on the initial draw, not on the program. Standardising stays the usual practice.`,
    };
  }
  const measured = probe
    ? drawOnly
      ? ` ${drawOnly} Yet most of those draws do not learn from the inputs as given within these steps either, and the units decided by the inputs' offset remain.`
      : probe.better
      ? ` Standardised, the same steps train clearly better: ${probe.evidence}.${heldOverDraws(probe)}`
      : onlyStandardised
        ? ` ${learnedText}${heldOverDraws(probe)}`
        : ` Standardising did not help within these steps either (${probe.evidence}); the units decided by the inputs' offset remain.`
    : '';
  return { ...base, severity: RULE_SEVERITY['unscaled-input'], message: `Unscaled inputs: ${scaleText}. ${shown}${measured} ${advice}` };
}

/** What the fresh draws said when standardising helped only in the profile's draw (scaleRules.helpsOverDraws false). */
function drawDependence(judged: ScaleJudgement): string {
  const over = judged.helpedOverDraws!;
  const here = judged.better ? 'trains clearly better' : 'is the only run that learns from the inputs';
  return (
    `In this draw of the initial weights the run with them standardised ${here} (${judged.evidence}), but from ${over.draws} fresh draws of the model's own initializers ` +
    `the same two runs show it in ${over.helped}, not in most: whether the inputs' scale holds this model back depends on the initial draw, not on the program.`
  );
}

/** When fresh draws were run and most showed the help too: how many (the warning is the program's, not one draw's). */
function heldOverDraws(judged: ScaleJudgement): string {
  const over = judged.helpedOverDraws;
  return over && helpsOverDraws(judged) ? ` The same two runs from ${over.draws} fresh draws of the model's own initializers show it too in ${over.helped}.` : '';
}

/** The curve the probes are compared with: inference-mode loss for models with dropout/noise, else the data loss. */
const curve = (steps: readonly StepRecord[]) => steps.map((s) => s.evalLoss ?? s.loss - (s.regLoss ?? 0));
/** Losses with three significant digits: a slow fall (2.30 → 2.25) must stay visible in the message. */
const loss3 = (value: number) => String(Number(value.toPrecision(3)));

/**
 * Inputs far below unit scale that hold training back. A tiny input scales the first layer's kernel gradient
 * (∂L/∂W = xᵀδ) and the spread of its outputs between examples by the same factor, so the first layer barely
 * trains and the layers above see almost the same signal for every example. Evidence, not the scale alone: from
 * the same initial weights and optimizer settings, the same steps on the batch scaled to unit RMS must make
 * progress the inputs as given do not — the test learning-rate-low applies to a ×10 rate (LOW_GAIN× the loss
 * removed, or at most LOW_REMAINING× the loss reached). Reported where the inputs were made: that is the fix.
 */
export function smallInput(layers: readonly LayerInfo[], steps: readonly StepRecord[], context: HealthContext): Finding | undefined {
  const scale = context.inputScale;
  if (!scale || !(scale.rms <= SMALL_INPUT_RMS) || !context.inputProbes?.length) return undefined;
  const losses = curve(steps);
  const k = Math.min(PROBE_STEPS, losses.length - 1);
  const finite = (values: readonly number[]) => values.length > k && values.slice(0, k + 1).every(Number.isFinite);
  if (k < 2 || !finite(losses)) return undefined;
  const start = losses[0];
  const ownBest = Math.min(...losses.slice(0, k + 1));
  // The probe that got furthest within the same steps (a rate tuned for the other convention may overshoot).
  const probe = context.inputProbes
    .filter((p) => finite(p.losses))
    .map((p) => ({ factor: p.factor, best: Math.min(...p.losses.slice(0, k + 1)) }))
    .sort((a, b) => a.best - b.best)[0];
  if (!probe) return undefined;
  if (!probeGotMuchFurther(start, ownBest, probe.best)) return undefined;
  const entry = layers.find((l) => l.weights.length > 0);
  const inputSite = context.dataLocations?.inputs?.[0];
  const at = inputSite
    ? { location: inputSite, ...(entry ? { related: [{ layer: entry.name, location: entry.location, message: `the first layer that reads the inputs: its kernel gradient and its outputs' differences between examples shrink with them` }] } : {}) }
    : { layer: entry?.name, location: entry?.location };
  return {
    code: 'unscaled-input',
    severity: RULE_SEVERITY['unscaled-input'],
    step: k,
    ...at,
    message:
      `Inputs far below unit scale: the largest input feature (${scale.feature}) has RMS ${fmt(scale.rms)} (largest |x| ${fmt(scale.maxAbs)}), where a network's initialisation assumes about 1 — normalised twice? ` +
      `From the same initial weights, ${k} steps on this batch took the loss ${loss3(start)} → ${loss3(ownBest)} (lowest); the same steps with the inputs multiplied by ${fmt(probe.factor)} (largest feature RMS ${fmt(scale.rms * probe.factor)}) took it to ${loss3(probe.best)}. ` +
      `The first layer's kernel gradient and the differences between examples it passes on are proportional to the inputs, so at this scale it barely trains and the layers above see almost the same signal for every example. ` +
      `Scale each feature to zero mean and unit variance (or pixels to [0, 1]) once, before fit(); look for a normalisation applied twice (e.g. a division by 255 after a min-max scaling).`,
  };
}
