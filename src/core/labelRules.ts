// The labels-unrelated finding: labels that do not belong to their inputs (shuffled apart from them, random, another
// row's target). Zhang et al. (ICLR 2017) show a network fits random labels on its training data while its test error
// stays at chance; Arpit et al. (ICML 2017) that real labels are learned first through patterns the examples share, so
// what a network learns from real labels carries over to examples it has not seen and what it memorises does not.
// Measured by that carry-over, on held-out rows of the script's own data (the profiled batch's loss falls either way),
// with a counterfactual: the same training with the labels permuted among the rows. Thresholds, sources and the
// measurements behind them: docs/rules/labels-unrelated.md. The runner's probes: runner/labelProbe.ts.
import type { Finding, OutputInfo } from './protocol';
import { RULE_SEVERITY, type HealthContext, type LabelProbe, type StepRecord } from './healthModel';
import { formatNumber as fmt } from './format';

/** The held-out rows are read at every LABEL_CHECK_EVERY-th step (and the last): a forward pass each. */
export const LABEL_CHECK_EVERY = 4;
/** Steps of the fresh-batch probes (the CLI's default profile length): each a new batch of the script's rows. */
export const LABEL_PROBE_STEPS = 20;
/**
 * A regression's fresh-batch runs take up to this many steps (each run with the targets as given or the control's stops
 * as soon as its held-out rows show transfer). TheDeepChecker's regrNN at Adam 1e-3 needs more than 20 to learn even the
 * targets' mean from some initial draws (its output starts at ~30× the targets' variance), and real targets separate from
 * unrelated ones by 40–80 steps (docs/rules/labels-unrelated.md, "Regression").
 */
export const REGRESSION_PROBE_STEPS = 80;
/**
 * A regression's fresh-batch runs together may take at most this long (a user's patience, as the rate horizon probe's
 * budget, core/rateHorizon.ts): a run stops as soon as the pace of its steps says it would end later, and nothing is
 * judged. On small dense regressions the three runs take well under a second.
 */
export const REGRESSION_PROBE_MAX_MS = 15_000;
/**
 * The share of the positive control's variance that its linear signal carries; the rest is the given targets' own
 * deviations, permuted (runner/labelProbe.ts linearControlTargets). It sets what the verdict can claim: the steps would
 * have shown targets whose inputs explain this share; targets explained less (a weak signal in noisy data) may read as
 * unrelated when the model learns them slowly (measured: docs/rules/labels-unrelated.md, "Regression").
 */
export const CONTROL_SIGNAL_SHARE = 0.5;
/**
 * The profiled batch counts as learned when its loss fell to at most this share of what the best prediction that
 * reads no input gets (the labels' mean): the model fits labels, so a held-out loss that does not follow is telling.
 */
export const LEARNED_SHARE = 0.5;
/**
 * Fewest rows in the profiled batch for the probe to judge. On batches of 8 images, healthy conv nets (TheDeepChecker's
 * baseCNN, tfjs-examples' quantization MNIST model) learned nothing that transferred within 20 steps on fresh batches
 * of 8; with those profiles' fresh steps pooled to 32 rows, Deep Learning with Python's MNIST convnet (healthy) still
 * showed none in 1 of 3 runs and the rule fired on it: memorising 8 rows in the profile says nothing about how fast a
 * model learns from 32, so there "no transfer yet" is not evidence about the labels (docs/rules/labels-unrelated.md).
 * The same 32 as the profile's own fewest rows (runner/data.ts MIN_PROFILE_ROWS).
 */
export const MIN_JUDGED_BATCH = 32;
/** Standard errors a held-out reading must beat the input-blind one by to count as transfer (two: ~97.5 % one-sided). */
export const TRANSFER_SIGMAS = 2;

/**
 * The losses judged: cross-entropy over classes, a proper scoring rule whose best input-blind prediction is the labels'
 * class frequencies, and whose outputs read as classes (accuracy). Regression (squared error) is not judged: on
 * TheDeepChecker's regrNN, 20 steps at Adam 1e-3 learn the targets' mean and little more, so the clean program's
 * held-out error was no better than with its targets permuted (measured: docs/rules/labels-unrelated.md).
 */
export const JUDGED_LOSS = /^(categorical_?crossentropy|sparse_?categorical_?crossentropy|binary_?crossentropy)$/i;
/** Regression judged with a positive control (docs/rules/labels-unrelated.md, "Regression"): the mean squared error. */
export const REGRESSION_LOSS = /^(mean_?squared_?error|mse)$/i;

/** The one regression output the probe judges: a single output trained with the mean squared error. */
export function regressionOutput(outputs: readonly OutputInfo[] | undefined): OutputInfo | undefined {
  return outputs?.length === 1 && REGRESSION_LOSS.test(outputs[0].loss) ? outputs[0] : undefined;
}

/** The data loss without noise, as the profile's other probes read it. */
const curve = (steps: readonly StepRecord[]) => steps.map((s) => s.evalLoss ?? s.loss - (s.regLoss ?? 0));

/** Two binomial standard errors of an accuracy over the probe's held-out rows, around the input-blind accuracy. */
function margin(probe: LabelProbe): number {
  const p = probe.blindAccuracy ?? 0;
  return TRANSFER_SIGMAS * Math.sqrt((p * (1 - p)) / probe.rows);
}

/** The best held-out accuracy the probe read. */
export function bestReading(probe: LabelProbe): number {
  return Math.max(...(probe.accuracies ?? []));
}

/**
 * The relative standard error of a mean of n squared errors, √(2/n): for Gaussian residuals a mean square over n rows
 * is σ²·χ²ₙ/n, whose variance is 2σ⁴/n. The regression readings' noise bar (no accuracy there).
 */
export const squaredErrorNoise = (rows: number) => Math.sqrt(2 / Math.max(1, rows));

/** The held-out rows' lowest mean squared error over a regression probe's readings. */
export const bestLoss = (probe: LabelProbe) => Math.min(...probe.losses);

/**
 * Did the held-out rows do clearly better than a prediction that reads no input? Classes: the best accuracy beats always
 * guessing the most frequent class by two binomial standard errors (unknown accuracy: no). `regression`: the best mean
 * squared error falls below the held-out targets' own variance (the constant prediction's error) by two of its
 * standard errors.
 */
export function transferShown(probe: LabelProbe, regression = false): boolean {
  if (regression) return probe.baseline !== undefined && probe.losses.length > 0 && bestLoss(probe) <= probe.baseline * (1 - TRANSFER_SIGMAS * squaredErrorNoise(probe.rows));
  return Boolean(probe.accuracies?.length) && probe.blindAccuracy !== undefined && bestReading(probe) >= probe.blindAccuracy + margin(probe);
}

/** The one output the probe judges: a single output trained with a proper scoring rule. */
export function judgedOutput(outputs: readonly OutputInfo[] | undefined): OutputInfo | undefined {
  return outputs?.length === 1 && JUDGED_LOSS.test(outputs[0].loss) ? outputs[0] : undefined;
}

/**
 * Whether the fresh-batch probes should run: the output is judged, the profiled batch was learned well below the
 * input-blind loss, and yet the held-out rows showed no transfer during the profiled steps.
 */
export function needsFreshBatches(steps: readonly StepRecord[], probe: LabelProbe | undefined, outputs: readonly OutputInfo[] | undefined, batchRows: number): boolean {
  // A regression has no batch-fit guard (its 20 steps rarely fit a batch to half its variance, real targets or not):
  // the positive control stands in for it (regressionUnrelated).
  if (regressionOutput(outputs)) return Boolean(probe?.losses.length) && probe!.baseline !== undefined && batchRows >= MIN_JUDGED_BATCH && probe!.losses.every(Number.isFinite) && !transferShown(probe!, true);
  if (!probe?.accuracies?.length || probe.baseline === undefined || probe.blindAccuracy === undefined || !judgedOutput(outputs) || batchRows < MIN_JUDGED_BATCH) return false;
  const losses = curve(steps).slice(0, (probe.losses.length - 1) * probe.every + 1);
  if (losses.length < 3 || !losses.every(Number.isFinite) || !probe.losses.every(Number.isFinite)) return false;
  return Math.min(...losses) <= LEARNED_SHARE * probe.baseline && !transferShown(probe);
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

export function labelsUnrelated(steps: readonly StepRecord[], context: HealthContext): Finding | undefined {
  if (regressionOutput(context.outputs)) return regressionUnrelated(steps, context);
  const probes = context.labelProbes ?? [];
  const profiled = probes.find((p) => p.factor === 1 && !p.fresh);
  const fresh = probes.find((p) => p.factor === 1 && p.fresh);
  const permuted = probes.find((p) => p.factor === 0 && p.fresh);
  if (!profiled || !fresh || !permuted || !needsFreshBatches(steps, profiled, context.outputs, context.batchSize ?? 0) || transferShown(fresh)) return undefined;
  if (!permuted.accuracies?.length) return undefined;
  // The counterfactual: the labels as given must carry over no better than the same labels permuted among the rows.
  const realBest = bestReading(fresh);
  const permutedBest = bestReading(permuted);
  const noBetter = realBest <= permutedBest + margin(fresh) / TRANSFER_SIGMAS;
  if (!noBetter) return undefined;
  const losses = curve(steps);
  const k = Math.min(losses.length - 1, (profiled.losses.length - 1) * profiled.every);
  const batchBest = Math.min(...losses.slice(0, k + 1));
  const output = context.outputs![0];
  const targets = context.dataLocations?.targets?.[0] ?? context.dataLocations?.call;
  const inputs = context.dataLocations?.inputs?.[0];
  const held = `held-out accuracy ${pct(realBest)} at best against ${pct(fresh.blindAccuracy ?? 0)} for always guessing their most frequent class, and ${pct(permutedBest)} after the same steps with the labels permuted among the rows`;
  return {
    code: 'labels-unrelated',
    severity: RULE_SEVERITY['labels-unrelated'],
    layer: output.layer,
    step: k,
    location: targets,
    ...(inputs && inputs !== targets ? { related: [{ layer: 'inputs', location: inputs, message: 'the inputs these labels are paired with, made here', kind: 'inputs' as const }] } : {}),
    message:
      `The labels do not seem to belong to their inputs: in ${k} steps the profiled batch's loss fell from ${fmt(losses[0])} to ${fmt(batchBest)} — below the ${fmt(profiled.baseline ?? NaN)} ` +
      `of a prediction that reads no input, so the model fits these labels — but nothing of it carries over to ${fresh.rows} rows of the same data it did not train on: ` +
      `after ${LABEL_PROBE_STEPS} steps on fresh batches, ${held}. A network memorises any labels, but only labels that depend on the inputs teach it something that transfers. ` +
      `Check that inputs and labels are shuffled, split and filtered together (one permutation for both), that the label column is the right one, and look at a few examples with their labels.`,
  };
}

/**
 * Whether the run `better` ended clearly below `than` on the same held-out rows: the mean of the rows' differences in
 * loss (each at its run's best reading) beats TRANSFER_SIGMAS of its standard errors — a paired comparison, far more
 * sensitive than comparing two means when the rows' noise is shared (a target that depends on its inputs only weakly
 * still shows). Undefined without both runs' row losses.
 */
export function pairedGain(better: LabelProbe, than: LabelProbe): boolean | undefined {
  const [a, b] = [better.rowLosses, than.rowLosses];
  if (!a?.length || a.length !== b?.length) return undefined;
  const d = a.map((x, i) => b[i] - x);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, d.length - 1));
  return mean > TRANSFER_SIGMAS * (sd / Math.sqrt(d.length));
}

/**
 * A regression's targets that carry nothing of their inputs. Twenty steps rarely fit a regression batch far below its
 * variance, real targets or not (TheDeepChecker's regrNN: neither its clean nor its shuffled program gets below half in
 * 20 steps), so condition 1's guard is replaced by a positive control: the same fresh steps from the same initial
 * weights, with targets a fixed random linear map of the inputs gives (scaled to the targets' mean and spread). When the
 * model learns those within the steps (their held-out error falls clearly below their variance) but the targets as given
 * carry over nothing (no clear fall below the held-out targets' variance, and no lower than the same targets permuted
 * among the rows), the steps were enough to learn targets that depend on the inputs, and these do not.
 */
function regressionUnrelated(steps: readonly StepRecord[], context: HealthContext): Finding | undefined {
  const probes = context.labelProbes ?? [];
  const profiled = probes.find((p) => p.factor === 1 && !p.fresh);
  const given = probes.find((p) => p.factor === 1 && p.fresh);
  const permuted = probes.find((p) => p.factor === 0 && p.fresh);
  const control = probes.find((p) => p.factor === -1 && p.fresh);
  if (!profiled || !given || !permuted || !control || given.baseline === undefined || control.baseline === undefined) return undefined;
  if (!needsFreshBatches(steps, profiled, context.outputs, context.batchSize ?? 0) || transferShown(given, true) || !transferShown(control, true)) return undefined;
  if (![given, permuted, control].every((p) => p.losses.length && p.losses.every(Number.isFinite))) return undefined;
  // The counterfactual, row by row on the same held-out rows: are the targets as given learned clearly better than permuted?
  if (pairedGain(given, permuted) !== false) return undefined;
  const output = context.outputs![0];
  const targets = context.dataLocations?.targets?.[0] ?? context.dataLocations?.call;
  const inputs = context.dataLocations?.inputs?.[0];
  const share = (probe: LabelProbe) => pct(bestLoss(probe) / probe.baseline!);
  const ran = (given.losses.length - 1) * given.every;
  const learned = (control.losses.length - 1) * control.every;
  return {
    code: 'labels-unrelated',
    severity: RULE_SEVERITY['labels-unrelated'],
    layer: output.layer,
    step: ran,
    location: targets,
    ...(inputs && inputs !== targets ? { related: [{ layer: 'inputs', location: inputs, message: 'the inputs these targets are paired with, made here', kind: 'inputs' as const }] } : {}),
    message:
      `The targets do not seem to belong to their inputs: over ${ran} steps on fresh batches of the script's rows, the mean squared error on ${given.rows} rows it did not train on ` +
      `was ${fmt(bestLoss(given))} at best — ${share(given)} of the ${fmt(given.baseline)} of predicting their mean, ${share(permuted)} with the targets permuted among the rows — ` +
      `while from the same weights, targets that a fixed linear map of the inputs gives were learned to ${share(control)} of theirs in ${learned} steps. The model learns targets that depend on ` +
      `the inputs within these steps; these carry nothing over. Check that inputs and targets are shuffled, split and filtered together (one permutation for both) and that the target ` +
      `column is the right one.`,
  };
}
