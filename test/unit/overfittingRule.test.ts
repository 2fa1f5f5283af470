// overfitting in a watched run (core/overfittingRule.ts; docs/rules/overfitting.md), on closed-form epoch curves: a
// validation loss that passes its minimum while the training loss keeps falling fires (Prechelt's GL_5, persisting,
// beyond the epochs' wobble); one that wobbles within its noise, or rises only while the training loss rises too, does
// not; a training loss that falls by decades while the validation loss never falls fires at the end (d2l §3.7's
// textbook case); without val_loss the run says once, as information, that nothing can be judged.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OverfittingWatch, OVERFITTING } from '../../src/core/overfittingRule';
import { WatchRules } from '../../src/core/watchRules';
import { seededRandom } from '../../src/core/random';
import type { Finding, LayerInfo } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/w/train.js', line, column: 1 });
const layers: LayerInfo[] = [
  { name: 'small', className: 'Dense', location: at(10), weights: [{ name: 'small/kernel', shape: [30, 10], trainable: true }] },
  { name: 'big', className: 'Dense', location: at(9), weights: [{ name: 'big/kernel', shape: [784, 30], trainable: true }, { name: 'big/bias', shape: [30], trainable: true }] },
];
const STEPS_PER_EPOCH = 100;

/** Every epoch's logs through the rule as the runner hands them in, then its end. */
function judge(train: (e: number) => number, val: ((e: number) => number) | undefined, epochs: number): { online: Finding[]; end: Finding[] } {
  const watch = new OverfittingWatch(layers);
  const online: Finding[] = [];
  for (let e = 0; e < epochs; e++) {
    const logs: Record<string, number> = { loss: train(e) };
    if (val) logs.val_loss = val(e);
    online.push(...watch.observe({ epoch: e, step: (e + 1) * STEPS_PER_EPOCH - 1, logs }));
  }
  return { online, end: watch.atEnd() };
}

const falling = (e: number) => 2 * Math.exp(-e / 8);

test('a U-shaped validation loss under a falling training loss: overfitting from its lowest epoch, on the layer with the most weights', () => {
  // val = 0.5 + 0.002·(e − 10)²: lowest at epoch 10 (0.5); GL > 5 % once |e − 10| > 3.5, i.e. from epoch 14.
  const { online, end } = judge(falling, (e) => 0.5 + 0.002 * (e - 10) ** 2, 30);
  assert.equal(online.length, 1, JSON.stringify(online));
  const f = online[0];
  assert.equal(f.code, 'overfitting');
  assert.equal(f.severity, 'warning');
  // The running median of 3 flattens the symmetric minimum over epochs 9–11 (0-based): the first of them is the best.
  assert.equal(f.step, 10 * STEPS_PER_EPOCH - 1, 'the step that ended the best epoch');
  assert.equal(f.layer, 'big');
  assert.deepEqual(f.location, at(9));
  // Smoothed GL > 5 % from epoch 14 (median of 13–15: 0.518, 3.6 % … epoch 15: 0.532); confirmed when the running
  // median at 0-based epoch 16 (0.572 = 0.5 + 0.002·6², 14 % above 0.502) is in, i.e. once epoch 17 is.
  assert.match(f.message, /passed its lowest 0\.5 at epoch 10 \(step 999\)/);
  assert.match(f.message, /rose to 0\.57 by epoch 17 \(14 % above it/);
  assert.match(f.message, /earlyStopping/);
  assert.match(f.message, /weight decay/);
  assert.deepEqual(end, [], 'reported once');
});

test('a validation loss that falls to a plateau and wobbles there within its noise: quiet over 40 seeds', () => {
  const fired: number[] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const random = seededRandom(seed);
    // Box–Muller normal noise of σ = 4 % of the plateau 0.5 (GL of single epochs reaches 10-20 %).
    const noise = Array.from({ length: 30 }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    const { online, end } = judge(falling, (e) => (0.5 + 0.5 * Math.exp(-e / 3)) * (1 + 0.04 * noise[e]), 30);
    if ([...online, ...end].some((f) => f.severity === 'warning')) fired.push(seed);
  }
  assert.deepEqual(fired, []);
});

test('one epoch\'s low dip, or spikes of single epochs, on a flat validation loss: quiet (the running median of 3 removes them)', () => {
  // A dip to 0.45 at epoch 5 of a flat 0.6: raw GL 33 % at every later epoch; spikes to 1.2 at every third epoch.
  const dip = judge(falling, (e) => (e === 5 ? 0.45 : 0.6), 30);
  assert.deepEqual([...dip.online, ...dip.end], []);
  const spikes = judge(falling, (e) => 0.6 + 0.1 * Math.exp(-e / 3) + (e % 3 === 1 ? 0.6 : 0), 30);
  assert.deepEqual([...spikes.online, ...spikes.end], []);
});

test('a validation loss that rises only while the training loss rises too: not overfitting (instability)', () => {
  // Both fall to epoch 10, then both climb: no widening gap while training improves.
  const train = (e: number) => (e <= 10 ? 2 * Math.exp(-e / 8) : 2 * Math.exp(-10 / 8) * (1 + 0.1 * (e - 10)));
  const { online, end } = judge(train, (e) => 0.5 + 0.002 * (e - 10) ** 2 * (e > 10 ? 1 : 0) + (e <= 10 ? 0.05 * (10 - e) : 0), 30);
  assert.deepEqual([...online, ...end], []);
});

test('a validation loss just under GL 5 % at the end of the run: quiet (Prechelt\'s α is the bar)', () => {
  // Lowest 0.5 at epoch 10, then rises to 0.524 (GL 4.8 %) and stays there.
  const { online, end } = judge(falling, (e) => (e <= 10 ? 0.5 + 0.01 * (10 - e) : 0.5 + 0.024 * Math.min(1, (e - 10) / 3)), 30);
  assert.deepEqual([...online, ...end], []);
});

test('a training loss that falls six decades while the validation loss never falls: overfitting at the end (d2l §3.7)', () => {
  // d2l-weight-decay-0's curve in closed form: train 0.0344·10^(−0.8e), validation 0.0352 + 1e-5·sin(e).
  const { online, end } = judge((e) => 0.0344 * 10 ** (-0.8 * e), (e) => 0.0352 + 1e-5 * Math.sin(e), 10);
  assert.deepEqual(online, []);
  assert.equal(end.length, 1);
  assert.equal(end[0].code, 'overfitting');
  assert.equal(end[0].severity, 'warning');
  assert.equal(end[0].step, 10 * STEPS_PER_EPOCH - 1);
  assert.match(end[0].message, /training loss fell 0\.034 → 2\.2e-9 .* while the validation loss never fell below its first epoch.s 0\.035 /);
});

test('near misses of the never-carried-over form: a validation loss that falls beyond its wobble, a training loss that falls less than a decade', () => {
  const valFalls = judge((e) => 0.0344 * 10 ** (-0.8 * e), (e) => 0.0352 * (1 - 0.02 * e), 10);
  assert.deepEqual([...valFalls.online, ...valFalls.end], []);
  const trainFallsLittle = judge((e) => 0.0344 * (1 - 0.09 * e), () => 0.0352, 10);
  assert.ok(0.0344 * (1 - 0.09 * 9) > OVERFITTING.trainFall * 0.0344);
  assert.deepEqual([...trainFallsLittle.online, ...trainFallsLittle.end], []);
});

test('a flat training loss with a rising validation loss: nothing judged before the training loss has fallen', () => {
  const { online, end } = judge(() => 1, (e) => 0.5 + 0.01 * e, 20);
  assert.deepEqual([...online, ...end], []);
});

test('no val_loss in the epochs\' logs: information once at the end, that overfitting cannot be judged; one epoch says nothing', () => {
  const { online, end } = judge(falling, undefined, 5);
  assert.deepEqual(online, []);
  assert.equal(end.length, 1);
  assert.equal(end[0].severity, 'info');
  assert.match(end[0].message, /cannot be judged: the 5 epochs recorded report no validation loss .*validationData or validationSplit/);
  assert.deepEqual(judge(falling, undefined, 1).end, []);
});

test('WatchRules: epochs feed the rule; a run that turned NaN judges no overfitting after it', () => {
  const rules = new WatchRules(layers);
  const epoch = (e: number) => ({ epoch: e, step: e, logs: { loss: falling(e), val_loss: 0.5 + 0.002 * (e - 10) ** 2 } });
  const found = Array.from({ length: 30 }, (_, e) => rules.observeEpoch(epoch(e))).flat();
  assert.deepEqual(found.map((f) => f.code), ['overfitting']);
  const broken = new WatchRules(layers);
  broken.nonFinite(3, undefined, 'loss', '');
  assert.deepEqual(Array.from({ length: 30 }, (_, e) => broken.observeEpoch(epoch(e))).flat(), []);
  assert.deepEqual(broken.atEnd(30, false), []);
});
