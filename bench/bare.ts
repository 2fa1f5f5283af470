// Baseline for the cold-start benchmark: what a user's own script pays to import tfjs, pick the same
// backend, build the model and compute one gradient step. Prints nothing but its own timing.
import * as tf from '@tensorflow/tfjs';
import { registerWasmConvBackpropFilter } from '../src/runner/wasmKernels';
import { loadExample } from './cnn';

async function main() {
  const backend = process.argv[2] ?? 'wasm';
  if (backend === 'wasm') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-backend-wasm');
  }
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} unavailable`);
  if (backend === 'wasm') registerWasmConvBackpropFilter(tf);
  const example = loadExample();
  const model = example.createModel();
  const { xs, ys } = example.sampleBatch();
  const x = tf.tensor4d(xs);
  const y = tf.tensor2d(ys);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar);
  await Promise.all(Object.values(grads).map((g) => g.data()));
  await value.data();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
