// A custom loss that is a built-in cross-entropy under another name (runner/lossIdentity.ts): read by its values, it gets
// the built-in's expectation at initialization — −ln(1/C) on logits (docs/rules/initial-loss.md). Profiled end to end on
// the fixtures, and the probe itself on hand-made predictions.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';
import { readLossIdentity } from '../../src/runner/lossIdentity';
import type { Tf } from '../../src/runner/tfjsResolve';

const FIX = (f: string) => fixture('logit-loss', f);
const FILES = ['logits-large.js', 'logits-default.js', 'logits-summed.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const initial = (r: ProfileReport) => r.findings.filter((f) => f.code === 'initial-loss');

test('a wrapper of softmaxCrossEntropy on N(0, 1) logits: initial-loss (warning, the re-initialisation probe\'s when it runs) on the output layer against −ln(1/10)', async () => {
  const r = await report('logits-large.js');
  const [finding, ...rest] = initial(r);
  assert.equal(rest.length, 0, findingSummary(r));
  assert.equal(finding?.severity, 'warning', findingSummary(r));
  assert.equal(finding.line, lineOf(FIX('logit-model.js'), 'L:out'));
  assert.match(finding.message, /expected (value ≈ )?2\.3 \(−ln\(1\/10\) for 10 classes: softmaxCrossEntropyWithLogits gives softmaxCrossEntropy's values\)/);
});

test('near misses: the same wrapper on the default kernel, and the cross-entropy summed over the batch, raise no initial-loss', async () => {
  const quiet = await report('logits-default.js');
  assert.deepEqual(initial(quiet), [], findingSummary(quiet));
  const summed = await report('logits-summed.js');
  assert.deepEqual(initial(summed), [], findingSummary(summed));
});

test('the probe: wrappers of each built-in are identified, a sum, a mean squared error and sparse labels are not', () => {
  const t = tf as unknown as Tf;
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 1, 0], 'int32'), 4).toFloat();
  const z = tf.randomNormal([6, 4], 0, 3, 'float32', 7);
  const labels = { oneHot: true, zeroOne: true };
  const read = (loss: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, activation: string | undefined, p: tf.Tensor = z, l = labels) => readLossIdentity(t, loss, y, () => p, activation, l);
  const logits = read((a, b) => tf.losses.softmaxCrossEntropy(a, b), undefined);
  assert.equal(logits?.equals, 'softmaxCrossEntropy');
  assert.ok(Math.abs(logits!.atUniform - Math.log(4)) < 1e-5, String(logits?.atUniform));
  // Written out by hand: −Σ y·log softmax(z), averaged over the rows.
  assert.equal(read((a, b) => tf.mean(tf.neg(tf.sum(tf.mul(a, tf.logSoftmax(b)), -1))), 'linear')?.equals, 'softmaxCrossEntropy');
  const p = tf.softmax(z);
  assert.equal(read((a, b) => tf.mean(tf.neg(tf.sum(tf.mul(a, tf.log(b)), -1))), 'softmax', p)?.equals, 'categoricalCrossentropy');
  assert.equal(read((a, b) => tf.losses.softmaxCrossEntropy(a, b, undefined, 0, tf.Reduction.SUM), undefined), undefined, 'summed over the batch');
  assert.equal(read((a, b) => tf.losses.meanSquaredError(a, b), undefined), undefined, 'not a cross-entropy');
  assert.equal(read((a, b) => tf.losses.softmaxCrossEntropy(a, b), undefined, z, { oneHot: true, zeroOne: false }), undefined, 'labels not 0/1');
  const yb = tf.tensor2d([[1], [0], [1], [0]]);
  const zb = tf.tensor2d([[2], [-1], [0.5], [3]]);
  assert.equal(readLossIdentity(t, (a, b) => tf.losses.sigmoidCrossEntropy(a, b), yb, () => zb, undefined, { oneHot: false, zeroOne: true })?.equals, 'sigmoidCrossEntropy');
  assert.equal(readLossIdentity(t, (a, b) => tf.mean(tf.metrics.binaryCrossentropy(a, b)), yb, () => tf.sigmoid(zb), 'sigmoid', { oneHot: false, zeroOne: true })?.equals, 'binaryCrossentropy');
});
