// learning-rate-high judged on the script's own batches (core/rateHorizon.ts): fires when a third of the rate ends
// clearly lower on rows the runs did not train on; quiet when it ends about as low or higher, when the runs are
// incomplete, and when the profiled steps already said the steps overshoot. The probe runs only for large steps.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import { HORIZON_EVERY, HORIZON_FACTOR, horizonProbeWanted, rateAtHorizon, UPDATE_RATIO_HIGH } from '../../src/core/rateHorizon';
import { ProfileEvidence } from '../../src/core/runEnd';
import type { LayerInfo, RunnerMessage } from '../../src/core/protocol';

const site = { file: '/m.js', line: 7, column: 21 };
const info: LayerInfo = { name: 'd1', className: 'Dense', activation: 'sigmoid', location: { file: '/m.js', line: 5, column: 3 }, weights: [{ name: 'd1/kernel', shape: [8], trainable: true }] };
const weight = (gradNorm: number) => ({ name: 'd1/kernel', gradNorm, meanAbs: gradNorm / 2, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 4, ratio: gradNorm / 4, histogram: [] });
/** A profile whose batch loss falls smoothly (no spike), each step moving the weights by `updateRatio` of their norm. */
const falling = (updateRatio: number): StepRecord[] =>
  Array.from({ length: 21 }, (_, i) => ({ step: i, loss: 2.3 * 0.9 ** i, layers: [{ name: 'd1', gradNorm: 0.5, weights: [weight(0.5)], ...(i ? { updateRatio } : {}) }] }));
const run = (factor: number, losses: number[]) => ({ factor, losses, every: HORIZON_EVERY, rows: 128, batchSize: 10 });
// Nielsen's digits at η 4 (test/fixtures/runner/rates/horizon-model.js): the own rate bounces near ln 10, a third trains.
const own = run(1, [2.44, 2.5, 2.31, 2.24, 2.29, 2.35, 2.44, 2.46, 2.18, 2.14, 2.19]);
const third = run(HORIZON_FACTOR, [2.44, 2.35, 2.13, 1.96, 1.9, 1.64, 1.56, 1.56, 1.21, 1.15, 0.95]);

test('the probe runs only for steps an order of magnitude above CS231n\'s ~1e-3 of the weights per step', () => {
  assert.equal(horizonProbeWanted(falling(0.08)), true);
  assert.equal(horizonProbeWanted(falling(UPDATE_RATIO_HIGH * 0.9)), false, 'usual steps: no probe');
  const diverged = falling(0.08).map((s, i) => (i === 5 ? { ...s, loss: NaN } : s));
  assert.equal(horizonProbeWanted(diverged), false, 'a NaN loss is non-finite\'s to report');
});

test('a third of the rate ends at 0.95 where the own rate got no lower than 2.1: learning-rate-high on the rate\'s line, with the numbers', () => {
  const finding = rateAtHorizon(falling(0.08), [own, third], site, 'SGD');
  assert.equal(finding?.code, 'learning-rate-high');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, site);
  assert.match(finding.message, /^The learning rate is too high: on the profiled batch the loss falls \(2\.3 → 0\.28 in 20 steps\), but on the script's own batches a third of the rate gets clearly further\./);
  assert.match(finding.message, /40 steps on fresh batches of 10 of the script's rows took the loss of 128 rows they did not train on no lower than 2\.1 at the model's rate, and to 0\.95 at a third of it \(0\.44×\)/);
});

test('near misses: a third of the rate about as low (η 2 beside the best 1), or higher; incomplete or non-finite runs', () => {
  // Measured on the same digits: η 2 reaches 1.16, a third of it 1.12 (0.97×) — within noise of each other.
  assert.equal(rateAtHorizon(falling(0.08), [run(1, [2.44, 2.34, 2.21, 2.15, 2.09, 1.96, 1.83, 1.83, 1.58, 1.39, 1.16]), run(HORIZON_FACTOR, [2.44, 2.59, 2.04, 1.87, 1.82, 1.62, 1.68, 1.65, 1.29, 1.23, 1.12])], site, 'SGD'), undefined);
  // 0.8× the own best is the bar (HIGH_MARGIN): 0.81× stays quiet, 0.79× fires.
  const at = (share: number) => rateAtHorizon(falling(0.08), [run(1, [2, 1.5, 1]), run(HORIZON_FACTOR, [2, 1.8, share])], site, 'SGD');
  assert.equal(at(0.81), undefined);
  assert.equal(at(0.79)?.code, 'learning-rate-high');
  assert.equal(rateAtHorizon(falling(0.08), [own, run(HORIZON_FACTOR, third.losses.slice(0, 6))], site, 'SGD'), undefined, 'a run cut short is not compared');
  assert.equal(rateAtHorizon(falling(0.08), [run(1, [...own.losses.slice(0, 10), NaN]), third], site, 'SGD'), undefined, 'NaN is non-finite\'s to report');
  assert.equal(rateAtHorizon(falling(0.08), [own], site, 'SGD'), undefined, 'no smaller rate measured');
});

test('through the profile\'s messages: the horizon probes reach the verdict; not on top of a finding that already says the steps overshoot', () => {
  const evidence = new ProfileEvidence();
  const messages: RunnerMessage[] = [
    { type: 'model', modelName: 'm', className: 'Sequential', discovery: 'factory', dataSource: 'fit', dataNote: '', loss: 'categoricalCrossentropy', optimizer: 'SGD', batchSize: 32, totalSteps: 20, layers: [info], optimizerLocation: site },
    ...falling(0.08).map((s): RunnerMessage => ({ type: 'step', ...s })),
    { type: 'probe', kind: 'horizon', ...own },
    { type: 'probe', kind: 'horizon', ...third },
  ];
  for (const m of messages) evidence.observe(m);
  const high = evidence.findings(undefined).filter((f) => f.code === 'learning-rate-high');
  assert.equal(high.length, 1);
  assert.deepEqual(high[0].location, site);
  // A spike confirmed on the profiled batch is the same finding once, not twice.
  const spiky = falling(0.08).map((s, i) => (i === 3 ? { ...s, loss: 40 } : s));
  const findings = evaluateHealth([info], spiky, undefined, undefined, { horizonProbes: [own, third], optimizerLocation: site });
  assert.ok(findings.filter((f) => f.code === 'learning-rate-high').length <= 1);
  assert.equal(findings.filter((f) => /fresh batches/.test(f.message)).length, 0, findings.map((f) => f.code).join(', '));
});
