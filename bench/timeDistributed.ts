// TimeDistributed(LSTM) the way tfjs runs it (its layer once per time step) against the profile's way (once on the
// batch and time axes merged, as Keras does: src/runner/timeDistributed.ts), on Keras's mnist_hierarchical_rnn
// (bench/diagnosis/cases/kx-mnist-hierarchical-rnn.js: 28 × 28 × 1 digits, LSTM(128) per row, LSTM(128) over the
// rows, batch 8 as its @profile line asks), in one process, interleaved: ms per forward+backward step, and how far
// the two losses and gradients are apart. `node --import tsx bench/timeDistributed.ts [wasm|cpu] [rounds]`
import type * as TfModule from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/core/protocol';
import { mergeTimeDistributed } from '../src/runner/timeDistributed';
import { setUpBackend } from './cnn';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const tf = await setUpBackend((process.argv[2] ?? 'wasm') as BackendChoice);
  const rounds = Number(process.argv[3] ?? 3);
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  const build = () => {
    const x = tf.input({ shape: [28, 28, 1] });
    const rows = tf.layers.timeDistributed({ layer: tf.layers.lstm({ units: 128, kernelInitializer: seeded(1), recurrentInitializer: seeded(2) }) }).apply(x) as TfModule.SymbolicTensor;
    const columns = tf.layers.lstm({ units: 128, kernelInitializer: seeded(3), recurrentInitializer: seeded(4) }).apply(rows) as TfModule.SymbolicTensor;
    return tf.model({ inputs: x, outputs: tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seeded(5) }).apply(columns) as TfModule.SymbolicTensor });
  };
  const looped = build();
  const merged = build();
  mergeTimeDistributed(tf, merged.layers as never);
  const xs = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 9);
  const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10);
  const step = (model: TfModule.LayersModel) =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as TfModule.Tensor) as TfModule.Scalar);
      return { loss: value.dataSync()[0], grads: Object.values(grads).map((g) => g.dataSync()) };
    });
  const times: Record<'loop' | 'merged', number[]> = { loop: [], merged: [] };
  let a = step(looped);
  let b = step(merged);
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    a = step(looped);
    times.loop.push(performance.now() - t);
    t = performance.now();
    b = step(merged);
    times.merged.push(performance.now() - t);
  }
  let relative = 0;
  a.grads.forEach((g, i) => {
    let diff = 0;
    let scale = 0;
    g.forEach((v, j) => ((diff = Math.max(diff, Math.abs(v - b.grads[i][j]))), (scale = Math.max(scale, Math.abs(v)))));
    relative = Math.max(relative, diff / (scale || 1));
  });
  const [loop, fused] = [median(times.loop), median(times.merged)];
  console.log(JSON.stringify({ backend: tf.getBackend(), rounds, loopMs: Math.round(loop), mergedMs: Math.round(fused), ratio: +(loop / fused).toFixed(2), lossLoop: a.loss, lossMerged: b.loss, maxRelativeGradientDifference: +relative.toExponential(2) }));
}

void main();
