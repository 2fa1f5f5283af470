// labels-unrelated for a regression (src/core/labelRules.ts) on probe readings: targets that carry nothing over to
// held-out rows along the profiled steps and along fresh batches, no better row by row than the same targets permuted,
// while the positive control (targets a linear map of the inputs gives, under noise) is learned within the same steps,
// fire on the targets' line with the numbers; targets that carry over, a control not learned (a model too slow to
// tell), targets clearly better than permuted row by row, a batch under 32 rows, runs cut short or non-finite stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelsUnrelated, needsFreshBatches, pairedGain, squaredErrorNoise, transferShown } from '../../src/core/labelRules';
import type { HealthContext, LabelProbe, StepRecord } from '../../src/core/healthModel';
import type { OutputInfo } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/m.js', line, column: 1 });
const linear: OutputInfo = { layer: 'out', activation: 'linear', loss: 'meanSquaredError', units: 1, labelMeanSquare: 0.3, labelVariance: 0.04 };
const steps: StepRecord[] = Array.from({ length: 21 }, (_, step) => ({ step, loss: 0.2 - step * 0.005, layers: [] }));
/** Row losses around `level`: a fixed zig-zag, so two runs' rows differ by exactly `level` − `other`. */
const rows = (level: number) => Array.from({ length: 128 }, (_, i) => level * (i % 2 ? 1.5 : 0.5));
const run = (factor: number, losses: number[], baseline = 0.04, fresh = true, rowLevel?: number): LabelProbe => ({
  factor, fresh, every: 4, rows: fresh ? 128 : 32, losses, baseline, ...(rowLevel !== undefined ? { rowLosses: rows(rowLevel) } : {}),
});
// dc-regrNN-wrong-lbl as measured: the held-out error stays above the targets' variance (0.040) over 80 steps, permuted
// alike, while the control (variance 0.034) is learned to 0.024 (70 %) in 32 steps.
const given = run(1, [1.1, 0.33, 0.077, 0.052, 0.046, 0.044, 0.043, 0.043], 0.04, true, 0.044);
const permuted = run(0, [1.1, 0.33, 0.078, 0.053, 0.046, 0.045, 0.044, 0.044], 0.04, true, 0.044);
const control = run(-1, [1.0, 0.27, 0.05, 0.03, 0.026, 0.024], 0.034, true, 0.024);
const profiled = run(1, [1.2, 0.38, 0.098, 0.12, 0.14, 0.094], 0.04, false);
const context = (probes: LabelProbe[], extra: Partial<HealthContext> = {}): HealthContext => ({
  outputs: [linear], batchSize: 32, labelProbes: probes, dataLocations: { inputs: [at(18)], targets: [at(19)], call: at(28) }, ...extra,
});

test('the bars: a mean square over n rows varies by √(2/n); transfer is two of those below the targets\' variance', () => {
  assert.equal(squaredErrorNoise(128), 0.125);
  // 1 − 2 · 0.125 = 0.75 of the baseline over 128 rows.
  assert.equal(transferShown(run(1, [0.0301], 0.04), true), false);
  assert.equal(transferShown(run(1, [0.0299], 0.04), true), true);
  // Over the profiled steps' 32 rows: 1 − 2·0.25 = 0.5 of it.
  assert.equal(transferShown(run(1, [0.021], 0.04, false), true), false);
});

test('the paired counterfactual: the mean of the rows\' differences against two of its standard errors', () => {
  // Differences 0.5·d and 1.5·d alternate: mean d, standard deviation ≈ 0.5·d, standard error ≈ d/22.6.
  assert.equal(pairedGain(run(1, [0], 0.04, true, 0.04), run(0, [0], 0.04, true, 0.041)), true);
  assert.equal(pairedGain(run(1, [0], 0.04, true, 0.04), run(0, [0], 0.04, true, 0.04)), false);
  // Noisy differences: a mean gain of 0.001 under row noise of ±0.02 is within two standard errors.
  const noisy = (shift: number): LabelProbe => ({ ...run(0, [0]), rowLosses: Array.from({ length: 128 }, (_, i) => 0.04 + shift + (i % 2 ? 0.02 : -0.02)) });
  const flipped = (): LabelProbe => ({ ...run(1, [0]), rowLosses: Array.from({ length: 128 }, (_, i) => 0.04 + (i % 2 ? -0.02 : 0.02)) });
  assert.equal(pairedGain(flipped(), noisy(0.001)), false);
  assert.equal(pairedGain(run(1, [0]), permuted), undefined);
});

test('targets shuffled apart: nothing carried over, no better than permuted, the control learned — a warning on the targets line', () => {
  const finding = labelsUnrelated(steps, context([profiled, given, control, permuted]));
  assert.equal(finding?.code, 'labels-unrelated');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, at(19));
  assert.deepEqual(finding.related?.map((r) => r.location?.line), [18]);
  assert.equal(finding.step, 28);
  assert.match(finding.message, /over 28 steps on fresh batches of the script's rows, the mean squared error on 128 rows it did not train on was 0\.043 at best — 108 % of the 0\.04 of predicting their mean, 110 % with the targets permuted/);
  assert.match(finding.message, /targets that a fixed linear map of the inputs gives were learned to 71 % of theirs in 20 steps/);
});

test('near misses: targets that carry over, a control not learned, targets better than permuted row by row, small batches, cut runs', () => {
  const judged = [profiled, given, control, permuted];
  // Transfer along the profiled steps: no fresh-batch run at all.
  assert.equal(needsFreshBatches(steps, run(1, [0.3, 0.1, 0.019], 0.04, false), [linear], 32), false);
  assert.equal(needsFreshBatches(steps, profiled, [linear], 32), true);
  // Transfer on fresh batches.
  assert.equal(labelsUnrelated(steps, context([profiled, run(1, [1.1, 0.2, 0.029], 0.04, true, 0.029), control, permuted])), undefined);
  // The control not learned within the steps: the model is too slow for them to tell (learning-rate-low's ground).
  assert.equal(labelsUnrelated(steps, context([profiled, given, run(-1, [1.0, 0.5, 0.04], 0.034, true, 0.04), permuted])), undefined);
  // A weak target: no transfer by the bar, but clearly better than permuted row by row.
  assert.equal(labelsUnrelated(steps, context([profiled, run(1, [1.1, 0.036], 0.04, true, 0.036), control, permuted])), undefined);
  // Batches under 32 rows, two outputs, a class loss read as a regression: not judged here.
  assert.equal(labelsUnrelated(steps, context(judged, { batchSize: 16 })), undefined);
  assert.equal(labelsUnrelated(steps, context(judged, { outputs: [linear, linear] })), undefined);
  // Runs cut short (the time budget stopped the control, or the permuted run): no finding on half the evidence.
  assert.equal(labelsUnrelated(steps, context([profiled, given, control])), undefined);
  assert.equal(labelsUnrelated(steps, context([profiled, given, permuted])), undefined);
  // Row losses missing (an older runner): the counterfactual cannot be read.
  assert.equal(labelsUnrelated(steps, context([profiled, given, control, { ...permuted, rowLosses: undefined }])), undefined);
  // A non-finite reading.
  assert.equal(labelsUnrelated(steps, context([profiled, { ...given, losses: [...given.losses, Number.NaN] }, control, permuted])), undefined);
});
