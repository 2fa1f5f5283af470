// Custom losses read at the outputs a softmax/sigmoid reaches in float32 (runner/lossSaturation.ts →
// core/lossSaturationRule.ts, docs/rules/nan-prone-loss.md). The probe itself, called on tensors: an unclipped log
// is NaN/Inf there, the clipped built-in reference matches its closed form, and clipped, epsilon, squared-error and
// batch-RMSE losses stay finite. Then whole profiles: nan-prone-loss on the line of the log, quiet near misses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { readLossSaturation, SATURATION_ROWS } from '../../src/runner/lossSaturation';
import type { Tf } from '../../src/runner/tfjsResolve';
import type { OutputInfo } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

type Loss = (y: tf.Tensor, p: tf.Tensor) => tf.Tensor;
type Saturation = NonNullable<OutputInfo['lossSaturation']>;
const T = tf as unknown as Tf;
const EPS = 1e-7;
const C = 3;
// 12 one-hot rows of 3 classes: class i % 3.
const oneHot = tf.tensor2d(Array.from({ length: 12 }, (_, i) => Array.from({ length: C }, (_, j) => (j === i % C ? 1 : 0))));
const binary = tf.tensor2d(Array.from({ length: 12 }, (_, i) => [i % 2]));
const probe = (loss: Loss, ys = oneHot, activation = 'softmax', units = C): Saturation => {
  const read = readLossSaturation(T, loss, ys, activation, units);
  assert.ok(read, 'the probe gives a reading');
  return read;
};
const at = (s: Saturation, pattern: string) => s.probes.find((p) => p.pattern === pattern)!;
const allFinite = (s: Saturation) => s.probes.every((p) => Number.isFinite(p.value) && p.gradientFinite);

const plainLog: Loss = (y, p) => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(p)), 1))); // L:plain

test.before(async () => {
  assert.equal(await tf.setBackend('cpu'), true);
});

test('an unclipped −Σ y·log ŷ: NaN at every pattern (0·log 0); the built-in reference is finite at its closed form', () => {
  const s = probe(plainLog);
  assert.equal(s.rows, SATURATION_ROWS);
  assert.deepEqual(s.probes.map((p) => p.pattern), ['confident-right', 'confident-wrong', 'one-zero']);
  assert.ok(Number.isNaN(at(s, 'confident-right').value));
  assert.ok(Number.isNaN(at(s, 'confident-wrong').value));
  assert.ok(Number.isNaN(at(s, 'one-zero').value));
  // Clipped to [ε, 1 − ε]: 7 certain rows cost −ln(1 − ε) ≈ ε (right) or −ln ε (wrong) each, the uncommitted last row ln 3.
  const right = at(s, 'confident-right').reference;
  const wrong = at(s, 'confident-wrong').reference;
  assert.ok(Math.abs(right - Math.log(C) / 8) < 1e-5, `right ${right}`);
  assert.ok(Math.abs(wrong - (7 * -Math.log(EPS) + Math.log(C)) / 8) < 1e-3, `wrong ${wrong}`);
  assert.ok(s.probes.every((p) => p.referenceGradientFinite));
  // The location is the line of the op that made the first non-finite value: the tf.log of this file's plainLog.
  assert.equal(s.location?.line, lineOf(__filename, '// L' + ':plain'));
});

test('−log Σ y·ŷ (the labelled class only): finite when certain and right, Inf when certain of a wrong class', () => {
  const s = probe((y, p) => tf.neg(tf.mean(tf.log(tf.sum(tf.mul(y, p), 1)))));
  assert.ok(Number.isFinite(at(s, 'confident-right').value) && at(s, 'confident-right').gradientFinite);
  assert.equal(at(s, 'confident-wrong').value, Infinity);
  assert.ok(Number.isFinite(at(s, 'one-zero').value), 'the zero is at a wrong class, which this loss never reads');
});

test('clipped, epsilon-added and squared-error losses stay finite with finite gradients at every pattern', () => {
  const clipped: Loss = (y, p) => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, EPS, 1 - EPS))), 1)));
  const epsilon: Loss = (y, p) => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(p, EPS))), 1)));
  const squared: Loss = (y, p) => tf.mean(tf.square(tf.sub(y, p)));
  const builtIn: Loss = (y, p) => tf.metrics.categoricalCrossentropy(y, p);
  for (const [name, loss] of Object.entries({ clipped, epsilon, squared, builtIn })) {
    const s = probe(loss);
    assert.ok(allFinite(s), `${name}: ${JSON.stringify(s.probes)}`);
    assert.equal(s.location, undefined, name);
  }
});

test('a √ of the batch MSE (its gradient is NaN only when every example is fitted exactly at once) stays finite; a per-example distance is not', () => {
  const batchRmse: Loss = (y, p) => tf.sqrt(tf.mean(tf.square(tf.sub(y, p))));
  assert.ok(allFinite(probe(batchRmse)), JSON.stringify(probe(batchRmse).probes));
  // ‖ŷ − y‖ per example: its gradient is 0/0 at any example predicted exactly, which one saturating row brings about.
  const distance: Loss = (y, p) => tf.mean(tf.sqrt(tf.sum(tf.square(tf.sub(y, p)), 1)));
  const right = at(probe(distance), 'confident-right');
  assert.ok(Number.isFinite(right.value) && !right.gradientFinite, JSON.stringify(right));
});

test('sigmoid outputs: an unclipped binary cross-entropy is NaN at certain-right and Inf at certain-wrong; tfjs-layers binaryCrossentropy is finite', () => {
  const bce: Loss = (y, p) => tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))))));
  const s = probe(bce, binary, 'sigmoid', 1);
  assert.deepEqual(s.probes.map((p) => p.pattern), ['confident-right', 'confident-wrong']);
  assert.ok(Number.isNaN(at(s, 'confident-right').value));
  assert.equal(at(s, 'confident-wrong').value, Infinity);
  assert.ok(allFinite(probe((y, p) => tf.metrics.binaryCrossentropy(y, p), binary, 'sigmoid', 1)));
});

test('no reading where the patterns do not apply: a linear output, labels not of the output shape, a loss that throws', () => {
  assert.equal(readLossSaturation(T, plainLog, oneHot, 'linear', C), undefined);
  assert.equal(readLossSaturation(T, plainLog, tf.tensor2d([[0], [1], [2], [0]]), 'softmax', C), undefined);
  assert.equal(readLossSaturation(T, () => { throw new Error('shape'); }, oneHot, 'softmax', C), undefined);
});

// Whole profiles: the rule on the finding list, at the line of the log.
const FIX = (f: string) => fixture('nan-loss', f);
const FILES = ['log-softmax.js', 'bce-sigmoid.js', 'clipped-log.js', 'mse-softmax.js', 'log-softmax-slow.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const nanProne = (r: ProfileReport) => r.findings.filter((f) => f.code === 'nan-prone-loss');

test('profiles: an unclipped log in a custom loss is a nan-prone-loss warning on the line of the log (softmax and sigmoid outputs)', async () => {
  const softmax = await report('log-softmax.js');
  const [finding, ...rest] = nanProne(softmax);
  assert.equal(rest.length, 0, findingSummary(softmax));
  assert.equal(finding?.severity, 'warning', findingSummary(softmax));
  assert.equal(finding.line, lineOf(FIX('log-softmax.js'), 'L:log'));
  assert.match(finding.message, /The loss crossEntropy turns non-finite at outputs the softmax reaches: it gives NaN with 7 of 8 rows of the batch certain of the labelled class/);
  assert.match(finding.message, /The built-in categorical cross-entropy, which clips the predictions to \[1e-7, 1 − 1e-7\], gives 0\.14 at the first/); // ln 3 / 8 = 0.137
  assert.match(finding.message, /Already [\d.]+ % of the examples' outputs passed 0\.99 in the profiled steps/);
  const sigmoid = await report('bce-sigmoid.js');
  assert.equal(nanProne(sigmoid)[0]?.severity, 'warning', findingSummary(sigmoid));
  assert.equal(nanProne(sigmoid)[0]?.line, lineOf(FIX('bce-sigmoid.js'), 'L:loss'), findingSummary(sigmoid));
  assert.match(nanProne(sigmoid)[0].message, /binary cross-entropy/);
});

test('profiles: the clipped log and a squared error on the same softmax raise no nan-prone-loss', async () => {
  for (const f of ['clipped-log.js', 'mse-softmax.js']) assert.deepEqual(nanProne(await report(f)), [], `${f}: ${findingSummary(await report(f))}`);
});

test('profiles: the same unclipped log under Adam 1e-3, whose outputs stay below 0.99 in the profiled steps, is an info', async () => {
  const slow = await report('log-softmax-slow.js');
  const [finding] = nanProne(slow);
  assert.equal(finding?.severity, 'info', findingSummary(slow));
  assert.equal(finding.line, lineOf(FIX('log-softmax-slow.js'), 'L:log'));
  assert.match(finding.message, /No example's output passed 0\.99 in the \d+ profiled steps/);
});
