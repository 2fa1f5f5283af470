// The initial loss judged over draws of the program's initializers (core/initialLossDraws.ts): the profile's draw and
// the runner's fresh seeded ones. A warning needs most draws to start far (> 2 × ln C) and most to stay far through the
// profiled steps; a start far in this run's draw only is information; a tie is no majority. Numbers against ln 10.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, evaluateHealth, type StepRecord } from '../../src/core/health';
import { initialLossOverDraws, repairs, type InitialDraws } from '../../src/core/initialLossDraws';
import { initProbeReason } from '../../src/core/initProbeRule';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';

const t = DEFAULT_THRESHOLDS;
const LN10 = Math.log(10);
const LIMIT = 2 * LN10; // 4.605: initialLossFactor 2 × ln 10
const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const layers: LayerInfo[] = [{ name: 'out', className: 'Dense', activation: 'softmax', location: at(9), weights: [{ name: 'out/kernel', shape: [8], trainable: true }] }];
const output: OutputInfo = { layer: 'out', loss: 'categoricalCrossentropy', activation: 'softmax', units: 10, labelMeanSquare: 0.1, labelVariance: 0.1 } as OutputInfo;
const weight = { name: 'k', gradNorm: 0.5, meanAbs: 0.1, maxAbs: 1, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 4, ratio: 0.1, histogram: [] };
/** 21 profiled steps from `start` to `end` (geometric). */
const profile = (start: number, end: number): StepRecord[] =>
  Array.from({ length: 21 }, (_, i) => ({ step: i, loss: start * (end / start) ** (i / 20), layers: [{ name: 'out', gradNorm: 0.5, weights: [weight], saturatedShare: 0 }] }));
const initialLoss = (records: StepRecord[], initialDraws?: InitialDraws) =>
  evaluateHealth(layers, records, undefined, undefined, { outputs: [output], ...(initialDraws ? { initialDraws } : {}) }).filter((f) => f.code === 'initial-loss');

test('a draw repairs its start when the loss falls by the improvement share and ends at or under the limit', () => {
  assert.equal(repairs(9, LIMIT, LIMIT, t.lossImprovement), true);
  assert.equal(repairs(9, LIMIT + 1e-6, LIMIT, t.lossImprovement), false, 'just above the limit');
  assert.equal(repairs(9, NaN, LIMIT, t.lossImprovement), false, 'a run that went non-finite');
});

test('most draws far and most not repaired: a warning whose evidence gives the range over the draws', () => {
  // This run's draw starts near (3.0) and ends at 2.5; the four fresh draws start at 6–12 and stay above the limit.
  const draws: InitialDraws = { starts: [6, 8, 12, 7], ends: [5, 6.5, 9, 5.5], steps: 20 };
  const found = initialLoss(profile(3, 2.5), draws);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning', 'most draws of the written initializers start far: this run was lucky');
  assert.match(found[0].message, /initial loss 3–12 over 5 draws of the program's initializers \(this run's and 4 fresh seeded ones; 4 of 5 above 4\.6\); 4 of the 5 are still above it after the 20 profiled steps/);
  assert.match(found[0].message, /expected value ≈ 2\.3 \(ln 10 for 10 classes\)/);
  // The same profile without fresh draws: its one draw is near, nothing to report (the old verdict).
  assert.deepEqual(initialLoss(profile(3, 2.5)), []);
});

test('far in this run\'s draw only: information, not a warning (the near miss of the run above)', () => {
  const draws: InitialDraws = { starts: [3, 2.5, 3.2, 6], ends: [2.4, 2.3, 2.6, 5.5], steps: 20 };
  const found = initialLoss(profile(9, 6), draws);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'info');
  assert.match(found[0].message, /is 9 in this run's draw of the weights, 3\.9× its expected value ≈ 2\.3 .* most draws of the same initializers start near it: initial loss 2\.5–9 over 5 draws .*2 of 5 above 4\.6/);
  // Without the fresh draws the same run warns: its one draw starts far and stays far.
  assert.equal(initialLoss(profile(9, 6))[0].severity, 'warning');
});

test('most draws far but most repaired within the profiled steps: information', () => {
  // hk-lr-0p1's shape: every draw starts at 4.7–9.3 against ln 3, and every draw is under the limit after 20 steps.
  const draws: InitialDraws = { starts: [7, 9, 10, 8], ends: [2, 2.2, 3, 2.5], steps: 20 };
  const found = initialLoss(profile(9, 7), draws);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'info', 'this run\'s draw stays far, the other four are repaired');
  assert.match(found[0].message, /1 of the 5 is still above it/);
});

test('a tie is no majority: two of four far and unrepaired with this draw repaired stays information', () => {
  const over = initialLossOverDraws(9, true, { starts: [9, 9, 2, 9], ends: [6, 6, 2, 3] }, LIMIT, t.lossImprovement)!;
  assert.equal(over.far, 4);
  assert.equal(over.unrepaired, 2);
  assert.equal(over.mostUnrepaired, false);
  const three = initialLossOverDraws(9, false, { starts: [9, 9, 2, 9], ends: [6, 6, 2, 3] }, LIMIT, t.lossImprovement)!;
  assert.equal(three.mostUnrepaired, true, 'this run\'s draw unrepaired makes 3 of 5');
});

test('without the fresh runs the repair is this run\'s draw\'s, on a start judged over draws, and the message says so', () => {
  const draws: InitialDraws = { starts: [6, 8, 12, 7] };
  const found = initialLoss(profile(9, 6), draws);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /whether the first steps repair it was read on this run's draw only/);
  assert.equal(initialLoss(profile(9, 3), draws)[0].severity, 'info', 'this run repaired it');
});

test('a non-finite start counts as far', () => {
  const over = initialLossOverDraws(9, false, { starts: [Infinity, NaN, 3, 3] }, LIMIT, t.lossImprovement)!;
  assert.equal(over.far, 3);
  assert.equal(over.mostFar, true);
  assert.match(over.text, /2 not finite/);
});

test('the re-initialisation probe runs for a start far in most draws, not for one far in this run\'s draw only', () => {
  assert.match(initProbeReason(profile(3, 2.5), [output], ['out'], t, { starts: [6, 8, 12, 7] }) ?? '', /^the loss at initialization is 3/);
  assert.equal(initProbeReason(profile(9, 6), [output], ['out'], t, { starts: [3, 2.5, 3.2, 6] }), undefined);
  assert.match(initProbeReason(profile(9, 6), [output], ['out'], t) ?? '', /^the loss at initialization is 9/, 'without draws: this run decides, as before');
});
