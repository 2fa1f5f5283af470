// Baseline for the cold-start benchmark: what a user's own script pays to import tfjs, pick the same
// backend, build the model and compute one gradient step. Prints nothing but its own timing.
import type * as TfModule from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/core/protocol';
import { loadExample, setUpBackend } from './cnn';

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as BackendChoice;
  const tf = await setUpBackend(backend);
  const example = loadExample();
  const model = example.createModel();
  const { xs, ys } = example.sampleBatch();
  const x = tf.tensor4d(xs);
  const y = tf.tensor2d(ys);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as TfModule.Tensor) as TfModule.Scalar);
  await Promise.all(Object.values(grads).map((g) => g.data()));
  await value.data();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
