// over-regularization judged by validation evidence (src/core/regularizationRules.ts) on hand-made statistics: a
// penalty that decides the step is information when the validation loss fell over the profiled steps AND ended at
// least 1 % below where the same steps without the penalties take it; a warning that says which reading failed when
// not, and a warning that says it judged the gradients alone when the program has no rows to validate on.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import { overRegularization, penaltyDominates, VALIDATION_GAIN } from '../../src/core/regularizationRules';
import type { PenaltyProbe } from '../../src/core/healthModel';
import type { LayerInfo, LayerStepStats } from '../../src/core/protocol';
import { ProfileEvidence } from '../../src/core/runEnd';

const info = (name: string, line: number): LayerInfo => ({ name, className: 'Dense', location: { file: '/m.js', line, column: 3 }, weights: [{ name: `${name}/kernel`, shape: [200, 1], trainable: true }] });
const layer = (name: string, gradNorm: number, regGradNorm: number): LayerStepStats => ({
  name,
  gradNorm,
  regGradNorm,
  weights: [{ name: `${name}/kernel`, gradNorm, meanAbs: gradNorm / 8, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 1, ratio: gradNorm, histogram: [] }],
});
const layers = [info('dense', 10)];
/** 21 steps of a one-layer model whose penalty gradient is `ratio`× the data one's (d2l §3.7's shape: data loss falls). */
const steps = (ratio: number): StepRecord[] =>
  Array.from({ length: 21 }, (_, i) => ({ step: i, loss: 0.06 - 0.002 * i + 0.01, regLoss: 0.01, layers: [layer('dense', 1 - 0.02 * i, ratio * (1 - 0.02 * i))] }));
const probes = (start: number, end: number, without?: number, source: PenaltyProbe['source'] = 'validationData'): PenaltyProbe[] => [
  { factor: 1, losses: [start, end], steps: 20, rows: 100, source },
  ...(without !== undefined ? [{ factor: 0, losses: [start, without], steps: 20, rows: 100, source }] : []),
];

test('validation falls with the penalty and ends below the run without it: information that says the penalty does its job', () => {
  // d2l §3.7 wd = 3 as the profile measured it: 0.0426 → 0.0217 with the penalty, 0.0403 without.
  const finding = overRegularization(layers, steps(1.6), probes(0.0426, 0.0217, 0.0403));
  assert.equal(finding?.severity, 'info');
  assert.equal(finding.location?.line, 10, 'on the regularized layer even when its own ratio is under 1 at step 0');
  assert.match(finding.message, /doing its job: .* The validation loss on 100 rows of fit\(\)'s validationData went 0\.0426 → 0\.0217 over the 20 profiled steps, where the same 20 steps without the penalties reach 0\.0403/);
  // Through evaluateHealth and the evidence the runner's messages carry: no alarm.
  const all = evaluateHealth(layers, steps(1.6), {}, undefined, { penaltyProbes: probes(0.0426, 0.0217, 0.0403) });
  assert.deepEqual(all.filter((f) => f.severity !== 'info').map((f) => f.code), []);
});

test('near misses stay warnings: a tie with the run without penalties, a validation loss that does not fall, no counterfactual', () => {
  // Within 1 % of the run without penalties (TheDeepChecker's regrNN over-reg measured 0.022 vs 0.022): no evidence it helps.
  const tie = overRegularization(layers, steps(3), probes(0.24, 0.0222, 0.0222 * (1 - VALIDATION_GAIN / 2)));
  assert.equal(tie?.severity, 'warning');
  assert.match(tie.message, /went 0\.24 → 0\.0222 over the 20 profiled steps, where the same 20 steps without the penalties reach 0\.0221: the penalty does not buy a lower validation loss/);
  // TheDeepChecker's regrNN over-reg on fresh batches of its rows: the run without penalties validates far better.
  const fresh = overRegularization(layers, steps(3), probes(0.15, 0.0375, 0.0101).map((p) => ({ ...p, fresh: true })));
  assert.equal(fresh?.severity, 'warning');
  assert.match(fresh.message, /went 0\.15 → 0\.0375 over 20 steps on fresh batches of the script's rows, where the same 20 steps without the penalties reach 0\.0101/);
  // Lower than without the penalties, but not lower than where it started (both runs made it worse).
  const rising = overRegularization(layers, steps(3), probes(2.4, 2.6, 3.0, 'held-out rows'));
  assert.equal(rising?.severity, 'warning');
  assert.match(rising.message, /training rows the profiled steps did not train on went 2\.4 → 2\.6/);
  // The counterfactual could not run (no copyable optimizer): one reading is not enough to call it help.
  assert.equal(overRegularization(layers, steps(3), probes(0.0426, 0.0217))?.severity, 'warning');
});

test('no validation rows: the warning says it judged the gradients alone', () => {
  const finding = overRegularization(layers, steps(3), []);
  assert.equal(finding?.severity, 'warning');
  assert.match(finding.message, /No validation readings to judge it by \(fit\(\) has no validationData or validationSplit .*: judged on the gradients alone/);
});

test('the runner is asked for the validation readings only where the penalty decides the step', () => {
  assert.equal(penaltyDominates(steps(1.6)), true);
  assert.equal(penaltyDominates(steps(0.5)), false);
  assert.equal(penaltyDominates(steps(0)), false);
  assert.equal(overRegularization(layers, steps(0.5), probes(0.0426, 0.0217, 0.0403)), undefined, 'validation evidence never makes a finding by itself');
});

test('the penalty probe messages travel into the verdict (ProfileEvidence, as the host judges a profile that ended early)', () => {
  const evidence = new ProfileEvidence();
  evidence.observe({ type: 'model', runtime: 'wasm', model: 'm', layers, totalSteps: 20, batchSize: 20 } as never);
  for (const record of steps(1.6)) evidence.observe({ type: 'step', ...record });
  // Stopped before the readings arrived: the warning cannot tell that from no rows, and names both.
  assert.match(evidence.findings(undefined).find((f) => f.code === 'over-regularization')!.message, /or the profile stopped before reading them\): judged on the gradients alone/);
  evidence.observe({ type: 'probe', kind: 'penalty', factor: 1, losses: [0.0426, 0.0217], every: 20, rows: 100, source: 'validationData' });
  assert.equal(evidence.findings(undefined).find((f) => f.code === 'over-regularization')?.severity, 'warning', 'without the run without penalties');
  evidence.observe({ type: 'probe', kind: 'penalty', factor: 0, losses: [0.0426, 0.0403], every: 20, rows: 100, source: 'validationData' });
  assert.equal(evidence.findings(undefined).find((f) => f.code === 'over-regularization')?.severity, 'info');
});
