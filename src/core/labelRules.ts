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

/** Did the held-out rows do clearly better than always guessing their most frequent class? Unknown (no accuracy): no. */
export function transferShown(probe: LabelProbe): boolean {
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
  if (!probe?.accuracies?.length || probe.baseline === undefined || probe.blindAccuracy === undefined || !judgedOutput(outputs) || batchRows < MIN_JUDGED_BATCH) return false;
  const losses = curve(steps).slice(0, (probe.losses.length - 1) * probe.every + 1);
  if (losses.length < 3 || !losses.every(Number.isFinite) || !probe.losses.every(Number.isFinite)) return false;
  return Math.min(...losses) <= LEARNED_SHARE * probe.baseline && !transferShown(probe);
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

export function labelsUnrelated(steps: readonly StepRecord[], context: HealthContext): Finding | undefined {
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
    ...(inputs && inputs !== targets ? { related: [{ layer: 'inputs', location: inputs, message: 'the inputs these labels are paired with, made here' }] } : {}),
    message:
      `The labels do not seem to belong to their inputs: in ${k} steps the profiled batch's loss fell from ${fmt(losses[0])} to ${fmt(batchBest)} — below the ${fmt(profiled.baseline ?? NaN)} ` +
      `of a prediction that reads no input, so the model fits these labels — but nothing of it carries over to ${fresh.rows} rows of the same data it did not train on: ` +
      `after ${LABEL_PROBE_STEPS} steps on fresh batches, ${held}. A network memorises any labels, but only labels that depend on the inputs teach it something that transfers. ` +
      `Check that inputs and labels are shuffled, split and filtered together (one permutation for both), that the label column is the right one, and look at a few examples with their labels.`,
  };
}
