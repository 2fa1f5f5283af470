// The initial loss judged over draws of the program's initializers (core/initialLossDraws.ts): the runner's seeded fresh
// draws vote, the profile's own draw is reported beside them. A warning needs most fresh draws to start far (> 2 × ln C)
// and most to stay far through the profiled steps; a start far in this run's draw only is information; a tie is no
// majority, whatever this run's draw. Numbers against ln 10.
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
  assert.match(found[0].message, /initial loss 6–12 over 4 fresh seeded draws of the program's initializers \(4 of 4 above 4\.6; this run's draw 3, near\); 4 of the 4 are still above it after the 20 profiled steps/);
  assert.match(found[0].message, /expected value ≈ 2\.3 \(ln 10 for 10 classes\)/);
  // The same profile without fresh draws: its one draw is near, nothing to report (the old verdict).
  assert.deepEqual(initialLoss(profile(3, 2.5)), []);
});

test('far in this run\'s draw only: information, not a warning (the near miss of the run above)', () => {
  const draws: InitialDraws = { starts: [3, 2.5, 3.2, 6], ends: [2.4, 2.3, 2.6, 5.5], steps: 20 };
  const found = initialLoss(profile(9, 6), draws);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'info');
  assert.match(found[0].message, /is 9 in this run's draw of the weights, 3\.9× its expected value ≈ 2\.3 .* no majority of the seeded fresh draws of the same initializers starts far: initial loss 2\.5–6 over 4 fresh seeded draws .*1 of 4 above 4\.6; this run's draw 9, above and not repaired/);
  // Without the fresh draws the same run warns: its one draw starts far and stays far.
  assert.equal(initialLoss(profile(9, 6))[0].severity, 'warning');
});

test('most draws far but most repaired within the profiled steps: information', () => {
  // hk-lr-0p1's shape: every draw starts at 4.7–9.3 against ln 3, and every draw is under the limit after 20 steps.
  const draws: InitialDraws = { starts: [7, 9, 10, 8], ends: [2, 2.2, 3, 2.5], steps: 20 };
  const found = initialLoss(profile(9, 7), draws);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'info', 'this run\'s draw stays far, the four seeded ones are repaired');
  assert.match(found[0].message, /this run's draw 9, above and not repaired\); 0 of the 4 are still above it/);
});

test('a tie is no majority, and this run\'s draw does not break it: two of four fresh draws unrepaired stays information', () => {
  // mlm-adam's shape: three of the four seeded draws start far, two of them still above the limit after the steps.
  const split: InitialDraws = { starts: [9, 9, 2, 9], ends: [6, 6, 2, 3], steps: 20 };
  for (const firstRepaired of [true, false]) {
    const over = initialLossOverDraws(9, firstRepaired, split, LIMIT, t.lossImprovement)!;
    assert.equal(over.far, 3);
    assert.equal(over.mostFar, true);
    assert.equal(over.unrepaired, 2);
    assert.equal(over.mostUnrepaired, false, `this run's draw ${firstRepaired ? 'repaired' : 'unrepaired'}`);
  }
  assert.equal(initialLoss(profile(9, 6), split)[0].severity, 'info', 'this run\'s draw far and unrepaired does not tip it');
  // The fire beside it: a third seeded draw unrepaired (its end 4.7, just above the limit) makes the majority.
  const three = initialLossOverDraws(3, true, { starts: [9, 9, 2, 9], ends: [6, 6, 2, LIMIT + 0.1] }, LIMIT, t.lossImprovement)!;
  assert.equal(three.mostUnrepaired, true);
  assert.equal(initialLoss(profile(3, 2.5), { starts: [9, 9, 2, 9], ends: [6, 6, 2, LIMIT + 0.1], steps: 20 })[0].severity, 'warning', 'even with this run\'s draw near');
  // And at the edge the other way: that draw's end exactly at the limit is repaired.
  assert.equal(initialLossOverDraws(9, false, { starts: [9, 9, 2, 9], ends: [6, 6, 2, LIMIT] }, LIMIT, t.lossImprovement)!.mostUnrepaired, false);
});

test('without the fresh runs the repair is this run\'s draw\'s, on a start judged over draws, and the message says so', () => {
  const draws: InitialDraws = { starts: [6, 8, 12, 7] };
  const found = initialLoss(profile(9, 6), draws);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /whether the first steps repair it was read on this run's draw only/);
  assert.equal(initialLoss(profile(9, 3), draws)[0].severity, 'info', 'this run repaired it');
});

test('a non-finite start counts as far', () => {
  const over = initialLossOverDraws(9, false, { starts: [Infinity, NaN, 3, 9] }, LIMIT, t.lossImprovement)!;
  assert.equal(over.far, 3);
  assert.equal(over.mostFar, true);
  assert.match(over.text, /2 not finite/);
});

test('the re-initialisation probe runs for a start far in most draws, not for one far in this run\'s draw only', () => {
  assert.match(initProbeReason(profile(3, 2.5), [output], ['out'], t, { starts: [6, 8, 12, 7] }) ?? '', /^the loss at initialization is 3/);
  assert.equal(initProbeReason(profile(9, 6), [output], ['out'], t, { starts: [3, 2.5, 3.2, 6] }), undefined);
  assert.equal(initProbeReason(profile(9, 6), [output], ['out'], t, { starts: [3, 2.5, 6, 6] }), undefined, 'two of four seeded draws far is a tie: not most, whatever this run\'s draw');
  assert.match(initProbeReason(profile(9, 6), [output], ['out'], t) ?? '', /^the loss at initialization is 9/, 'without draws: this run decides, as before');
});
