// A watched plan that ran to its end no better than a prediction that reads no input (core/planEndRule.ts): closed-form
// curves against a no-input loss of ln 2 (a balanced binary task's label entropy). Fires at the no-input level and within
// the 5 % bar; quiet just below it, on a run cut before its end, without a no-input loss, and where a curve warning
// already says it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WatchRules } from '../../src/core/watchRules';
import { EndLevel, PLAN_END, planEndFinding } from '../../src/core/planEndRule';
import type { LayerInfo } from '../../src/core/protocol';
import type { WatchStep } from '../../src/core/watchProtocol';

const LN2 = Math.log(2);
const NO_INPUT = { value: LN2, basis: "binaryCrossentropy of every row predicted as the labels' mean" };
const LAYERS: LayerInfo[] = [{ name: 'out', className: 'Dense', activation: 'sigmoid', location: { file: '/m.js', line: 5, column: 1 }, weights: [{ name: 'out/kernel', shape: [2, 1], trainable: true }] }];
const RATE = { file: '/m.js', line: 9, column: 1 };

/** A run of `n` steps, `perEpoch` a epoch, whose loss follows `loss(i)`; judged at its end. */
function judge(loss: (i: number) => number, n: number, opts: { ownEnd?: boolean; noInput?: typeof NO_INPUT; perEpoch?: number } = {}) {
  const rules = new WatchRules(LAYERS, {}, { rate: RATE });
  rules.setNoInputLoss(opts.noInput ?? NO_INPUT);
  const perEpoch = opts.perEpoch ?? 1;
  for (let i = 0; i < n; i++) {
    const step: WatchStep = { step: i, epoch: Math.floor(i / perEpoch), loss: loss(i), layers: [{ name: 'out', gradNorm: 0.01 }] };
    rules.observe(step);
  }
  return rules.atEnd(n, perEpoch === 1, false, opts.ownEnd ?? true);
}
const planEnd = (findings: ReturnType<typeof judge>) => findings.filter((f) => f.code === 'loss-not-decreasing' && /ran to its end/.test(f.message));

test('the level a plan ended at: the last epoch\'s mean, or the last 10 steps when the last epoch is shorter', () => {
  const level = new EndLevel();
  for (let i = 0; i < 60; i++) level.add(Math.floor(i / 20), i < 40 ? 5 : 1 + (i % 2));
  assert.deepEqual(level.level(), { value: 1.5, steps: 20 });
  const fullBatch = new EndLevel();
  for (let i = 0; i < 30; i++) fullBatch.add(i, i);
  assert.deepEqual(fullBatch.level(), { value: 24.5, steps: 10 }, 'steps 20..29');
  const short = new EndLevel();
  for (let i = 0; i < 9; i++) short.add(0, 1);
  assert.equal(short.level(), undefined, 'fewer than 10 steps: no level');
});

test('XOR under logistic regression (gh-keras-1295\'s curve): 500 full-batch steps 0.732 → 0.695 at ln 2 — a warning at the rate line', () => {
  // The lane's recorded run: 0.732 falling as 0.693 + 0.039·e^(−i/150); the curve rule reads it as a fall of 5 % (quiet).
  const findings = judge((i) => LN2 + 0.039 * Math.exp(-i / 150), 500);
  const [f] = planEnd(findings);
  assert.ok(f, JSON.stringify(findings));
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.location, RATE);
  assert.equal(f.step, 499);
  assert.match(f.message, /500 steps\) and its loss ended at 0\.695 \(mean of the last 10 steps\), not 5 % below 0\.693/);
  assert.equal(findings.filter((x) => x.code === 'loss-not-decreasing').length, 1, 'the curve\'s information is replaced, not repeated');
});

test('the 5 % bar: 4.5 % below the no-input loss fires, 5.5 % below is quiet (the model learned from its inputs)', () => {
  // Falling from ln 2 to the level over the run (a flat one would read stuck: a curve warning of its own).
  const to = (end: number) => (i: number) => LN2 * (end + (1 - end) * Math.exp(-i / 20));
  assert.equal(planEnd(judge(to(0.955), 200, { perEpoch: 20 })).length, 1);
  assert.equal(planEnd(judge(to(0.945), 200, { perEpoch: 20 })).length, 0);
  // A healthy curve that starts at ln 2 and trains to a tenth of it.
  assert.equal(planEnd(judge((i) => LN2 * (0.1 + 0.9 * Math.exp(-i / 30)), 300, { perEpoch: 10 })).length, 0);
  assert.equal(PLAN_END.gapShare, 0.05);
});

test('a run cut before its end (Stop, a step bound, a time limit) is not judged: the plan would have gone on', () => {
  assert.equal(planEnd(judge(() => LN2, 200, { ownEnd: false })).length, 0);
});

test('no no-input loss (fitDataset, trainOnBatch, a hinge loss, a penalty in the loss): not judged', () => {
  const rules = new WatchRules(LAYERS, {}, { rate: RATE });
  for (let i = 0; i < 100; i++) rules.observe({ step: i, epoch: i, loss: LN2, layers: [{ name: 'out', gradNorm: 0.01 }] });
  assert.equal(planEnd(rules.atEnd(100, true, false, true)).length, 0);
  assert.equal(planEndFinding({ value: 1, steps: 10 }, { value: 0, basis: '' }, 10, undefined), undefined, 'a constant already predicts the labels exactly');
});

test('a curve warning already says the run failed (a loss stuck from the first step): not said twice', () => {
  const findings = judge(() => LN2, 200);
  const notDecreasing = findings.filter((f) => f.code === 'loss-not-decreasing');
  assert.equal(notDecreasing.length, 1);
  assert.match(notDecreasing[0].message, /stuck/);
});
