// The runner measures dead units and saturated outputs for every activation that core/activations.ts puts
// in HARD_ZERO and SATURATING (any spelling), and the shares equal the ones computed directly from each
// layer's outputs on the same batch: dead = share of units that are 0 for every example, active = share of units
// positive for every example (core/inputRules.ts reads both); saturated =
// share of outputs in the tails (|y| > 0.99 for tanh/softsign, y < 0.01 or y > 0.99 otherwise).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GradientProfiler } from '../../src/runner/gradientProfiler';
import { HARD_ZERO, SATURATING, ZERO_CENTRED } from '../../src/core/activations';

const ACTIVATIONS = ['relu', 'relu6', 'elu', 'sigmoid', 'hardSigmoid', 'tanh', 'softsign', 'linear'];

test('dead and saturated shares for each activation family match the layer outputs', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const input = tf.input({ shape: [6] });
  // A wide-scale kernel pushes part of the outputs into the tails; a bias of -1000 turns units 0 and 1 off, +1000 unit 2 on.
  const heads = ACTIVATIONS.map((activation, i) =>
    tf.layers.dense({ name: activation, units: 8, activation: activation as never, kernelInitializer: tf.initializers.randomNormal({ stddev: 40, seed: 10 + i }) }).apply(input) as tf.SymbolicTensor,
  );
  const outputs = heads.map((h, i) => tf.layers.dense({ name: `out_${ACTIVATIONS[i]}`, units: 1 }).apply(h) as tf.SymbolicTensor);
  const model = tf.model({ inputs: input, outputs });
  for (const activation of ACTIVATIONS) {
    const layer = model.getLayer(activation);
    layer.setWeights([layer.getWeights()[0], tf.tensor1d([-1000, -1000, 1000, 0, 0, 0, 0, 0])]);
  }
  model.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
  const x = tf.randomNormal([16, 6], 0, 1, 'float32', 3);
  const ys = outputs.map(() => tf.zeros([16, 1]));

  const record = await new GradientProfiler(tf, model).step(0, { xs: [x], ys, source: 'sampleBatch', note: 'test' }, false);
  const layerOutputs = tf.model({ inputs: input, outputs: heads }).predict(x) as tf.Tensor[];
  ACTIVATIONS.forEach((activation, i) => {
    const stats = record.layers.find((l) => l.name === activation)!;
    const y = layerOutputs[i].arraySync() as number[][];
    if (HARD_ZERO.has(activation)) {
      const dead = y[0].filter((_, unit) => y.every((row) => row[unit] <= 0)).length / 8;
      assert.equal(stats.deadShare, dead, `${activation} deadShare`);
      assert.ok(dead > 0 && dead < 1, `${activation}: the fixture should have some dead units, has ${dead}`);
      const active = y[0].filter((_, unit) => y.every((row) => row[unit] > 0)).length / 8;
      assert.equal(stats.activeShare, active, `${activation} activeShare`);
      assert.ok(active > 0 && active + dead < 1, `${activation}: the fixture should have some always-positive units, has ${active}`);
    } else assert.equal(stats.deadShare ?? stats.activeShare, undefined, `${activation} deadShare/activeShare`);
    if (SATURATING.has(activation)) {
      const flat = y.flat();
      const inTails = flat.filter((v) => (ZERO_CENTRED.has(activation) ? Math.abs(v) > 0.99 : v < 0.01 || v > 0.99)).length / flat.length;
      assert.ok(Math.abs(stats.saturatedShare! - inTails) < 1e-6, `${activation}: saturatedShare ${stats.saturatedShare} vs ${inTails}`);
      assert.ok(inTails > 0 && inTails < 1, `${activation}: the fixture should saturate part of the outputs, ${inTails}`);
    } else assert.equal(stats.saturatedShare, undefined, `${activation} saturatedShare`);
  });
  tf.dispose([x, ...ys, ...layerOutputs]);
  model.dispose();
});
