// A watched run's loss curve (core/lossCurve.ts) and the profile's loss-curve rules on it (core/lossCurveRules.ts):
// window means and their sampling noise against closed forms, the noise bars against simulation, and the verdicts
// a whole run gets — flat: stuck (warning); slow but steady, or converged with noisy batches: nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RunLossCurve } from '../../src/core/lossCurve';
import { NOISE_DIFFERENCE, NOISE_RANGE, NOISE_STEP, trends } from '../../src/core/lossCurveRules';
import { WatchRules } from '../../src/core/watchRules';
import { seededRandom } from '../../src/core/random';
import { median } from '../../src/core/lrCurve';

function normals(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const recorded = (losses: number[]) => {
  const curve = new RunLossCurve();
  losses.forEach((loss, step) => curve.add(step, loss));
  return curve;
};

test('window means of a 210-step run: 21 windows of 10 steps, exact; noise from successive differences', () => {
  const curve = recorded(Array.from({ length: 210 }, (_, i) => i))!.curve(undefined, false)!;
  assert.deepEqual(curve.losses, Array.from({ length: 21 }, (_, j) => 10 * j + 4.5));
  assert.equal(curve.lastStep, 209);
  // Every difference is 1: σ² = 1/2 per step, a mean of 10 steps has standard error √(1/2)/√10.
  assert.ok(Math.abs(curve.noise - Math.sqrt(0.5 / 10)) < 1e-12, String(curve.noise));
  assert.equal(recorded(Array.from({ length: 210 }, (_, i) => i)).curve(undefined, true)!.noise, 0, 'the same batch every step: no sampling noise');
});

test('100,000 steps in bounded memory: the window means stay within a bucket of the exact ones', () => {
  const m = 100_000;
  const curve = recorded(Array.from({ length: m }, (_, i) => i)).curve(undefined, false)!;
  assert.equal(curve.losses.length, 21);
  const exact = Array.from({ length: 21 }, (_, j) => {
    const [a, b] = [Math.ceil((j * m) / 21), Math.ceil(((j + 1) * m) / 21)];
    return (a + b - 1) / 2;
  });
  // Buckets of 128 steps by then: a window's edges move by at most one bucket.
  curve.losses.forEach((l, j) => assert.ok(Math.abs(l - exact[j]) <= 128, `window ${j}: ${l} vs ${exact[j]}`));
});

test('short runs read step by step; under 5 steps or after a NaN/Inf there is no curve to judge', () => {
  assert.deepEqual(recorded([5, 4, 3, 2, 1, 0]).curve(undefined, true)!.losses, [5, 4, 3, 2, 1, 0]);
  assert.equal(recorded([5, 4, 3, 2]).curve(undefined, false), undefined);
  assert.equal(recorded([5, 4, NaN, 2, 1, 0, 0]).curve(undefined, false), undefined);
});

test('the noise bars hold for pure noise (20,000 simulated runs of 21 window means): range, last − first, median step, slope', () => {
  const z = normals(11);
  const ranges: number[] = [];
  let rises = 0;
  let typicalAbove = 0;
  let sloped = 0;
  const runs = 20_000;
  for (let r = 0; r < runs; r++) {
    const points = Array.from({ length: 21 }, z);
    ranges.push(Math.max(...points) - Math.min(...points));
    if (points[20] - points[0] > NOISE_DIFFERENCE) rises++;
    if (median(points.slice(1).map((p, i) => Math.abs(p - points[i]))) >= NOISE_STEP) typicalAbove++;
    if (trends(points, 1)) sloped++;
  }
  ranges.sort((a, b) => a - b);
  const p99 = ranges[Math.floor(0.99 * runs)];
  assert.ok(Math.abs(p99 - NOISE_RANGE) < 0.1, `99th percentile of the range: ${p99}`);
  assert.ok(rises / runs < 0.01, `last − first above the bar: ${rises / runs}`);
  assert.ok(typicalAbove / runs < 1e-3, `median step above the bar: ${typicalAbove / runs}`);
  assert.ok(Math.abs(sloped / runs - 0.01) < 0.003, `a slope read as a trend: ${sloped / runs}`);
});

const layers = [{ name: 'dense', className: 'Dense', weights: [] }];
const rate = { file: '/w/train.js', line: 9, column: 1 };

/** WatchRules fed a run's losses (one layer, healthy ‖g‖), then its end-of-run verdict. */
function judged(losses: number[], plannedSteps?: number, sameBatch = false) {
  const rules = new WatchRules(layers, {}, { rate });
  losses.forEach((loss, step) => rules.observe({ step, epoch: 0, loss, layers: [{ name: 'dense', gradNorm: 1 }] }));
  return rules.atEnd(plannedSteps, sameBatch);
}

test('a run flat for 2,000 steps under batch noise (σ 5 % of the loss): stuck, a warning on the rate line at the last step', () => {
  const z = normals(3);
  const [finding, ...rest] = judged(Array.from({ length: 2000 }, () => 2.3 + 0.115 * z()));
  assert.deepEqual(rest, []);
  assert.deepEqual([finding?.code, finding?.severity, finding?.step, finding?.location], ['loss-not-decreasing', 'warning', 1999, rate]);
  assert.match(finding.message, /^The loss is stuck: it stays at 2\.\d+ \(range 0\.0\d+\) over the whole run: 2,000 steps, as the means of 21 windows of ~95 steps; sampling noise ±0\.01\d+ per window\./);
});

test('near misses: a slow but steady fall (2.3 → 2.1 over 2,000 steps) and a converged run with noisy batches give nothing', () => {
  const z = normals(5);
  assert.deepEqual(judged(Array.from({ length: 2000 }, (_, i) => 2.3 - (0.2 * i) / 2000 + 0.115 * z())), []);
  assert.deepEqual(judged(Array.from({ length: 2000 }, (_, i) => 0.3 + 2 * Math.exp(-i / 100) + 0.1 * z())), []);
});

test('a flat run is stuck at its end unless it was stopped early and its plan outlasts the pace (info); slow but moving is info', () => {
  // 0.05 % over 1,000 full-batch steps: the run the script planned (1,000 steps) is over — stuck.
  const flat = Array.from({ length: 1000 }, (_, i) => 1 - (0.0005 * i) / 999);
  const [stuck] = judged(flat, 1000, true);
  assert.deepEqual([stuck.code, stuck.severity], ['loss-not-decreasing', 'warning']);
  assert.match(stuck.message, /^The loss is stuck: .* over the whole run: 1,000 steps, as the means of 21 windows of ~48 steps; the same batch every step\./);
  // Stopped after 1,000 of 10,000,000 planned steps: at this pace the plan takes off all of it — a slow start.
  const [info] = judged(flat, 10_000_000, true);
  assert.deepEqual([info.code, info.severity], ['loss-not-decreasing', 'info']);
  assert.match(info.message, /At this pace the 10,000,000 steps the script's training plans would take off all of it: a slow start .* Let the planned training run on; if it is still flat/);
  const [slow] = judged(Array.from({ length: 1000 }, (_, i) => 1 - (0.004 * i) / 999), 1000, true);
  assert.deepEqual([slow.severity, slow.message.split(':')[0]], ['info', 'The loss falls slowly']);
});

test('oscillating: a full-batch run bouncing step to step is the profile\'s oscillation; the same swings at batch-noise size are not', () => {
  const bouncing = Array.from({ length: 20 }, (_, i) => 1 + 0.3 * (i % 2 ? 1 : -1) * Math.exp(-i / 40));
  const [osc] = judged(bouncing, undefined, true);
  assert.deepEqual([osc?.code, osc?.severity, osc?.location], ['loss-oscillating', 'warning', rate]);
  assert.match(osc.message, /^The loss oscillates over the run: it changed direction 18 times in 19 steps/);
  // Different batches: the swings are what the batches' noise makes (σ 0.3 per step), not evidence of overshooting.
  const z = normals(9);
  assert.ok(!judged(Array.from({ length: 20 }, () => 1 + 0.3 * z())).some((f) => f.code === 'loss-oscillating'));
});

test('a steady fall within the noise\'s spread (yoavain-ts-script-node-gpu: epoch means 1.13 → 0.74, per-step σ ≈ 0.32) is a trend, not stuck', () => {
  // Its 150 watched steps fall ~34 % while a window of 7 steps still swings by ±0.12: the range of the window means
  // (0.36) is inside 5.7 standard errors, the least-squares slope is ~4 of its standard errors from 0.
  const z = normals(21);
  const run = Array.from({ length: 150 }, (_, i) => 1.13 - (0.39 * i) / 149 + 0.32 * z());
  assert.deepEqual(judged(run), []);
  // Pure noise around the same level: no slope, stuck.
  assert.equal(judged(Array.from({ length: 150 }, () => 0.9 + 0.32 * z()))[0]?.severity, 'warning');
});
