// One profiling step (gradients + every statistic + histograms + optimizer step) against one plain
// trainOnBatch of the same model, batch and backend, in one process. Prints JSON medians in ms.
import { GradientProfiler } from '../src/runner/gradientProfiler';
import type { Batch } from '../src/runner/data';
import type { BackendChoice } from '../src/core/protocol';
import { loadExample, setUpBackend } from './cnn';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as BackendChoice;
  const repeats = Number(process.argv[3] ?? 15);
  const tf = await setUpBackend(backend);
  const example = loadExample();
  const { xs, ys } = example.sampleBatch();
  const x = tf.tensor4d(xs);
  const y = tf.tensor2d(ys);
  const plainModel = example.createModel();
  const profiledModel = example.createModel();
  const profiler = new GradientProfiler(tf, profiledModel);
  const batch: Batch = { xs: [x], ys: [y], source: 'sampleBatch', note: '' };
  const plain: number[] = [];
  const profiled: number[] = [];
  for (let i = 0; i < repeats + 3; i++) {
    // Interleave the two so machine noise hits both alike; the first 3 rounds warm up.
    let t = performance.now();
    await plainModel.trainOnBatch(x, y);
    if (i >= 3) plain.push(performance.now() - t);
    t = performance.now();
    await profiler.step(i, batch, true);
    if (i >= 3) profiled.push(performance.now() - t);
  }
  console.log(JSON.stringify({ backend, plainMs: median(plain), profiledMs: median(profiled) }));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
