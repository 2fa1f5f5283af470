// A watched run whose fit() repeats the same batches in the same order every epoch (shuffle: false): its loss curve
// is judged on windows of whole epochs' worth of steps (core/lossCurve.ts), each holding every batch once, so the
// batches' own differences cannot read as a trend or an oscillation. Replayed at every length a run can be cut at:
// a real slow, steady run (test/fixtures/runner/watch/loss-curve.js at SGD 0.005) never oscillates and, once its
// first epoch has repeated, raises nothing, where equal windows of steps called it oscillating at some lengths and
// stuck at others; a loss that bounces from epoch to epoch still oscillates.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunLossCurve } from '../../src/core/lossCurve';
import { WatchRules } from '../../src/core/watchRules';
import type { Finding } from '../../src/core/protocol';

const recordedRun = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'watch-replay', 'loss-curve-sgd-0.005.json'), 'utf8')) as { epochs: number[]; losses: number[] };

const layers = [{ name: 'dense', className: 'Dense', weights: [] }];
const rate = { file: '/w/train.js', line: 9, column: 1 };

/** The end-of-run verdict of WatchRules fed a run's first `steps` steps. */
function judged(losses: readonly number[], epochs: readonly number[], steps: number, orderRepeats: boolean, plannedSteps?: number): Finding[] {
  const rules = new WatchRules(layers, {}, { rate });
  for (let s = 0; s < steps; s++) rules.observe({ step: s, epoch: epochs[s], loss: losses[s], layers: [{ name: 'dense', gradNorm: 1 }] });
  return rules.atEnd(plannedSteps, false, orderRepeats);
}

const alarms = (findings: Finding[]) => findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => f.code);

test('the recorded slow, steady unshuffled run (5 epochs of 20 batches) cut at every length: never oscillating, and no alarm once an epoch has repeated', () => {
  const { losses, epochs } = recordedRun;
  assert.equal(losses.length, 100);
  const epochMeans = [0, 1, 2, 3, 4].map((e) => losses.slice(20 * e, 20 * e + 20).reduce((a, b) => a + b, 0) / 20);
  assert.ok(epochMeans.every((m, i) => i === 0 || m < epochMeans[i - 1]) && epochMeans[4] < 0.8 * epochMeans[0], `a steady fall: ${epochMeans.join(', ')}`);
  const verdicts = (orderRepeats: boolean) => Array.from({ length: 96 }, (_, i) => ({ steps: i + 5, codes: alarms(judged(losses, epochs, i + 5, orderRepeats, 100)) }));
  const whole = verdicts(true);
  assert.deepEqual(whole.filter((v) => v.codes.includes('loss-oscillating')).map((v) => v.steps), []);
  assert.deepEqual(whole.filter((v) => v.steps > 20 && v.codes.length).map((v) => `${v.steps}: ${v.codes.join(', ')}`), []);
  // The same replay on equal windows of steps (the order not known to repeat) is the false alarm this fixes: it
  // oscillates at a few cut lengths past the middle, and is called stuck at some lengths of its second epoch.
  const equal = verdicts(false);
  const oscillating = equal.filter((v) => v.codes.includes('loss-oscillating')).map((v) => v.steps);
  assert.ok(oscillating.length > 0 && oscillating.every((s) => s > 60 && s < 100), `equal windows: oscillating at ${oscillating.join(', ')}`);
  assert.ok(equal.some((v) => v.steps > 20 && v.codes.includes('loss-not-decreasing')));
});

test('whole-epoch windows remove a repeating batch pattern exactly: 21 overlapping one-epoch windows of a 50-step run', () => {
  // Ten batches an epoch with fixed offsets (mean 0) on a linear trend: every one-epoch window's mean is the trend's
  // mean over it, wherever the window starts.
  const offsets = [0.4, -0.3, 0.1, -0.2, 0.5, -0.5, 0.2, -0.1, 0.3, -0.4];
  const curve = new RunLossCurve();
  for (let s = 0; s < 50; s++) curve.add(s, 3 - 0.01 * s + offsets[s % 10], Math.floor(s / 10));
  const c = curve.curve(undefined, false, true)!;
  assert.equal(c.losses.length, 21);
  c.losses.forEach((l, i) => {
    const start = Math.round((i * 40) / 20);
    assert.ok(Math.abs(l - (3 - 0.01 * (start + 4.5))) < 1e-12, `window ${i}: ${l}`);
  });
  assert.match(c.words.over(20), /50 steps, as the means of 21 windows of 10 steps \(one epoch each: fit\(\) repeats the same batches in the same order every 10 steps, so windows differ by training alone\)/);
  assert.equal(c.noise, 0, 'every window holds the same examples: no sampling noise');
  // Not known to repeat (a shuffled fit, fitDataset, trainOnBatch): equal windows of steps, as before.
  assert.equal(curve.curve(undefined, false, false)!.words.unit, 'window');
  assert.doesNotMatch(curve.curve(undefined, false, false)!.words.over(20), /epoch/);
});

test('a run longer than 21 epochs: disjoint windows of whole epochs (2 of 10 steps each at 42 epochs)', () => {
  const curve = new RunLossCurve();
  for (let s = 0; s < 420; s++) curve.add(s, Math.floor(s / 10), Math.floor(s / 10));
  const c = curve.curve(undefined, false, true)!;
  assert.deepEqual(c.losses, Array.from({ length: 21 }, (_, j) => 2 * j + 0.5));
});

test('a loss that bounces from one pair of epochs to the next under a repeating batch order still oscillates; the same batches on a steady fall are quiet at every length', () => {
  const offsets = [0.3, -0.3, 0.3, -0.3, 0.3, -0.3, 0.3, -0.3, 0.3, -0.3];
  const epochs = Array.from({ length: 420 }, (_, s) => Math.floor(s / 10));
  const bouncing = epochs.map((e, s) => 1 + (Math.floor(e / 2) % 2 ? 0.5 : 0) + offsets[s % 10]);
  assert.deepEqual(alarms(judged(bouncing, epochs, 420, true)), ['loss-oscillating']);
  const steady = epochs.map((_, s) => 2 * Math.exp(-s / 300) + 0.3 + offsets[s % 10]);
  const alarmed = [];
  for (let steps = 5; steps <= 420; steps++) if (alarms(judged(steady, epochs, steps, true, 420)).length) alarmed.push(steps);
  assert.deepEqual(alarmed, []);
});
