// The noise-free pass the loss curve of models with dropout/noise is measured on (src/runner/quietLoss.ts): with
// BatchNormalization present it equals the training-mode output of the same model without its dropout layers
// (batch statistics, as the optimizer sees them), gives the same numbers every call, and leaves the moving
// statistics and the dropout rates as they were; without BatchNormalization it is inference mode.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { quietOutputs } from '../../src/runner/quietLoss';

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

function bnModel(dropout: boolean): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.batchNormalization({ inputShape: [4], name: 'bn' }));
  model.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: seeded(1), name: 'h' }));
  if (dropout) model.add(tf.layers.dropout({ rate: 0.5, name: 'drop' }));
  if (dropout) model.add(tf.layers.gaussianNoise({ stddev: 0.3, name: 'noise' }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: seeded(2), name: 'out' }));
  return model;
}

// Columns far from 0 for their spread (years): inference mode with half-warmed moving statistics is far off.
const x = tf.tensor2d(Array.from({ length: 16 }, (_, i) => [1990 + (i % 7), 2000 + ((i * 3) % 11), 50 + (i % 5), 0.5 * (i % 3)]));

test('with BatchNormalization: the training-mode output without the noise, the same every call; moving statistics and rates untouched', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const noisy = bnModel(true);
  const twin = bnModel(false);
  // Half-warmed moving statistics, as after a few dozen training steps.
  const bn = noisy.getLayer('bn');
  const [gamma, beta] = bn.getWeights();
  bn.setWeights([gamma, beta, tf.fill([4], 700), tf.fill([4], 30)]);
  twin.setWeights(noisy.getWeights());
  const before = bn.getWeights().map((w) => Array.from(w.dataSync()));

  const quiet = quietOutputs(tf, noisy, [x])[0];
  const again = quietOutputs(tf, noisy, [x])[0];
  const expected = twin.apply(x, { training: true }) as tf.Tensor;
  const inference = noisy.apply(x, { training: false }) as tf.Tensor;
  const diff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
  assert.ok(diff(quiet, expected) < 1e-5, `vs the dropout-free twin in training mode: ${diff(quiet, expected)}`);
  assert.equal(diff(quiet, again), 0, 'no dropout or noise left');
  assert.ok(diff(quiet, inference) > 0.1, `inference mode (moving statistics) differs: ${diff(quiet, inference)}`);
  assert.deepEqual(bn.getWeights().map((w) => Array.from(w.dataSync())), before, 'moving mean and variance restored');
  assert.equal((noisy.getLayer('drop') as unknown as { rate: number }).rate, 0.5);
  assert.equal((noisy.getLayer('noise') as unknown as { stddev: number }).stddev, 0.3);
});

test('without BatchNormalization: inference mode', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: seeded(3) }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: seeded(4) }));
  const quiet = quietOutputs(tf, model, [x])[0];
  const inference = model.apply(x, { training: false }) as tf.Tensor;
  assert.equal(tf.max(tf.abs(tf.sub(quiet, inference))).dataSync()[0], 0);
});
