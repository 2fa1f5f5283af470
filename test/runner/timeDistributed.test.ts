// TimeDistributed run on the batch and time axes merged (src/runner/timeDistributed.ts), as Keras does for
// performance: for per-example layers the same outputs and gradients as tfjs's per-time-step loop (float32
// rounding apart) with far fewer kernel calls; layers that couple the examples of a batch (BatchNormalization),
// keep state (a stateful RNN) or draw random numbers (an RNN with dropout) keep the loop.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mergeTimeDistributed } from '../../src/runner/timeDistributed';
import type { Tf } from '../../src/runner/tfjsResolve';

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

function hierarchical(inner: () => tf.layers.Layer): tf.LayersModel {
  const x = tf.input({ shape: [6, 5, 3] });
  const rows = tf.layers.timeDistributed({ layer: inner() }).apply(x) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(rows) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: seeded(9) }).apply(flat) as tf.SymbolicTensor });
}
const lstm = (extra: Record<string, unknown> = {}) => () => tf.layers.lstm({ units: 7, kernelInitializer: seeded(1), recurrentInitializer: seeded(2), ...extra });
const dense = () => tf.layers.dense({ units: 7, activation: 'tanh', kernelInitializer: seeded(3) });

const xs = tf.randomNormal([4, 6, 5, 3], 0, 1, 'float32', 5);
const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4);

function outputsAndGradients(model: tf.LayersModel) {
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar);
  return { loss: value.dataSync()[0], grads: Object.values(grads).map((g) => Array.from(g.dataSync())) };
}
const kernels = async (model: tf.LayersModel) => (await tf.profile(() => void (model.apply(xs, { training: true }) as tf.Tensor).dataSync())).kernels.length;
const maxRelative = (a: number[][], b: number[][]) => Math.max(...a.map((g, i) => Math.max(...g.map((v, j) => Math.abs(v - b[i][j]))) / Math.max(...g.map(Math.abs))));

for (const [name, inner] of [['LSTM', lstm()], ['Dense', dense]] as const) {
  test(`TimeDistributed(${name}): the same loss and gradients as the per-step loop, in fewer kernel calls`, async () => {
    assert.ok(await tf.setBackend('cpu'));
    const looped = hierarchical(inner);
    const merged = hierarchical(inner);
    merged.setWeights(looped.getWeights());
    assert.equal(mergeTimeDistributed(tf as unknown as Tf, merged.layers as never), 1);
    const a = outputsAndGradients(looped);
    const b = outputsAndGradients(merged);
    assert.ok(Math.abs(a.loss - b.loss) <= 1e-6 * a.loss, `${a.loss} vs ${b.loss}`);
    assert.equal(a.grads.length, b.grads.length);
    assert.ok(maxRelative(a.grads, b.grads) < 1e-5, `gradients differ by ${maxRelative(a.grads, b.grads)}`);
    const [loopCalls, mergedCalls] = [await kernels(looped), await kernels(merged)];
    assert.ok(mergedCalls * 3 < loopCalls, `kernel calls: loop ${loopCalls}, merged ${mergedCalls}`);
  });
}

test('near misses: BatchNormalization, a stateful LSTM and an LSTM with dropout keep the per-step loop', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const x = tf.input({ batchShape: [4, 6, 5, 3] });
  const norm = tf.layers.timeDistributed({ layer: tf.layers.batchNormalization() });
  const stateful = tf.layers.timeDistributed({ layer: tf.layers.lstm({ units: 3, stateful: true }) });
  const dropped = tf.layers.timeDistributed({ layer: tf.layers.lstm({ units: 3, dropout: 0.2 }) });
  const model = tf.model({ inputs: x, outputs: [norm.apply(x), stateful.apply(x), dropped.apply(x)] as tf.SymbolicTensor[] });
  const calls = [norm, stateful, dropped].map((l) => (l as unknown as { call: unknown }).call);
  assert.equal(mergeTimeDistributed(tf as unknown as Tf, model.layers as never), 0);
  assert.deepEqual([norm, stateful, dropped].map((l) => (l as unknown as { call: unknown }).call), calls);
});
