// The MNIST CNN of examples/mnist-cnn, its real batch, and the backend set-up shared by the benchmarks.
import * as path from 'node:path';
import type * as TfModule from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/core/protocol';
import { loadTfjs, type Tf } from '../src/runner/tfjsResolve';

// Benchmarks run from the repository root (bench/run.mjs sets cwd).
const example = path.resolve('examples/mnist-cnn/model.js');

/**
 * tfjs on the given backend, chosen the way the runner chooses it (same instance for the example's own
 * require of tfjs). For 'tensorflow', GRADIENT_LENS_NATIVE_ANCHOR names a file in a workspace whose
 * node_modules holds a working tfjs-node (the native lane).
 */
export async function setUpBackend(backend: BackendChoice): Promise<Tf> {
  const anchor = backend === 'tensorflow' ? process.env.GRADIENT_LENS_NATIVE_ANCHOR : example;
  if (!anchor) throw new Error('GRADIENT_LENS_NATIVE_ANCHOR must name a file in a workspace with tfjs-node');
  return (await loadTfjs(anchor, path.resolve('.'), backend)).tf;
}

export function loadExample(): { createModel(): TfModule.LayersModel; sampleBatch(): { xs: number[][][][]; ys: number[][] } } {
  return require(example);
}
