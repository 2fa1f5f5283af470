// labels-unrelated (src/core/labelRules.ts) on probe readings: a batch fitted far below the input-blind loss while
// held-out rows learn nothing — along the profiled steps, along 20 steps on fresh batches, and no better than with the
// labels permuted — fires on the labels' line; transfer shown anywhere, a counterfactual that does worse, a batch not
// fitted, a batch under 32 rows, a custom loss, a regression or several outputs stay quiet. The thresholds' derivations are checked.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelsUnrelated, LEARNED_SHARE, MIN_JUDGED_BATCH, needsFreshBatches, TRANSFER_SIGMAS, transferShown } from '../../src/core/labelRules';
import type { HealthContext, LabelProbe, StepRecord } from '../../src/core/healthModel';
import type { OutputInfo } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/m.js', line, column: 1 });
const softmax: OutputInfo = { layer: 'head', activation: 'softmax', loss: 'categoricalCrossentropy', units: 10, labelMeanSquare: 0.1, labelVariance: 0.09 };
const linear: OutputInfo = { layer: 'out', activation: 'linear', loss: 'meanSquaredError', units: 1, labelMeanSquare: 0.3, labelVariance: 0.04 };
/** 21 steps whose batch loss falls geometrically from `from` to `to`. */
const fall = (from: number, to: number): StepRecord[] => Array.from({ length: 21 }, (_, step) => ({ step, loss: from * (to / from) ** (step / 20), layers: [] }));
const classes = (factor: number, accuracies: number[], fresh: boolean): LabelProbe => ({
  factor, fresh, every: 4, rows: fresh ? 128 : 128, losses: accuracies.map(() => 2.4), accuracies, blindAccuracy: 0.14, baseline: 2.23,
});
const context = (probes: LabelProbe[], extra: Partial<HealthContext> = {}): HealthContext => ({
  outputs: [softmax], batchSize: 128, labelProbes: probes, dataLocations: { inputs: [at(21)], targets: [at(22)], call: at(28) }, ...extra,
});
// Deep Learning with Python's shuffled MNIST labels as measured (dlp-mnist-random-labels): 2.39 → 0.46, accuracy ~12 %.
const shuffled = [classes(1, [0.17, 0.12, 0.15, 0.13, 0.09, 0.1], false), classes(1, [0.12, 0.1, 0.13, 0.11, 0.12, 0.12], true), classes(0, [0.12, 0.09, 0.11, 0.14, 0.1, 0.12], true)];

test('the bars: half the input-blind loss, two standard errors, batches of at least 32 rows', () => {
  assert.equal(LEARNED_SHARE, 0.5);
  assert.equal(TRANSFER_SIGMAS, 2);
  assert.equal(MIN_JUDGED_BATCH, 32);
  // Binomial error of an accuracy over 128 rows around 14 %: 2·√(0.14·0.86/128) = 0.061.
  assert.equal(transferShown(classes(1, [0.2], true)), false);
  assert.equal(transferShown(classes(1, [0.21], true)), true);
});

test('shuffled labels: the batch fitted, nothing carried over, no better than permuted — a warning on the labels line', () => {
  const finding = labelsUnrelated(fall(2.39, 0.46), context(shuffled));
  assert.equal(finding?.code, 'labels-unrelated');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, at(22));
  assert.deepEqual(finding.related?.map((r) => r.location?.line), [21]);
  assert.match(finding.message, /in 20 steps the profiled batch's loss fell from 2\.4 to 0\.46 — below the 2\.2 of a prediction that reads no input/);
  assert.match(finding.message, /128 rows .* held-out accuracy 13 % at best against 14 % for always guessing their most frequent class, and 14 % after the same steps with the labels permuted/);
});

test('near misses: transfer shown, a counterfactual that does worse, a batch not fitted, small batches, custom losses, two outputs', () => {
  const steps = fall(2.39, 0.46);
  // Transfer along the profiled steps: the fresh-batch probes are not even run.
  assert.equal(needsFreshBatches(steps, classes(1, [0.17, 0.3, 0.35], false), [softmax], 128), false);
  // Transfer on fresh batches.
  assert.equal(labelsUnrelated(steps, context([shuffled[0], classes(1, [0.12, 0.25], true), shuffled[2]])), undefined);
  // A hard task: the labels as given carry over a little, permuted ones less (by more than one standard error).
  assert.equal(labelsUnrelated(steps, context([shuffled[0], classes(1, [0.12, 0.19], true), classes(0, [0.12, 0.1], true)])), undefined);
  // The batch loss did not get below half the input-blind loss: nothing was fitted, other rules speak.
  assert.equal(needsFreshBatches(fall(2.39, 1.2), shuffled[0], [softmax], 128), false);
  assert.equal(labelsUnrelated(fall(2.39, 1.2), context(shuffled)), undefined);
  // Batches of 8: healthy conv nets transfer nothing in 20 steps there either.
  assert.equal(labelsUnrelated(steps, context(shuffled, { batchSize: 8 })), undefined);
  // A custom loss and a two-output model are not judged; a regression (mean squared error) is judged by its own probes
  // (test/unit/labelRegression.test.ts), which these class readings are not.
  assert.equal(labelsUnrelated(steps, context(shuffled, { outputs: [{ ...softmax, loss: 'contrastive' }] })), undefined);
  assert.equal(labelsUnrelated(steps, context(shuffled, { outputs: [linear] })), undefined);
  assert.equal(labelsUnrelated(steps, context(shuffled, { outputs: [softmax, softmax] })), undefined);
  // No held-out rows (the data holds one batch): no probe, no finding.
  assert.equal(labelsUnrelated(steps, context([])), undefined);
  // A probe cut short (a timeout before the permuted run): no finding on half the evidence.
  assert.equal(labelsUnrelated(steps, context(shuffled.slice(0, 2))), undefined);
});
