// The MNIST CNN of examples/mnist-cnn and its real batch, shared by the benchmark scripts.
import * as path from 'node:path';

// Benchmarks run from the repository root (bench/run.mjs sets cwd).
const example = path.resolve('examples/mnist-cnn/model.js');

export function loadExample(): { createModel(): import('@tensorflow/tfjs').LayersModel; sampleBatch(): { xs: number[][][][]; ys: number[][] } } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(example);
}
