// tfjs-layers' TimeDistributed applies its layer once per time step (K.rnn over the time axis; its porting note:
// tfjs inputs always have a concrete batch size, "which is why we always use the K.rnn approach"). Keras takes
// that path only for a fixed batch size and otherwise applies the layer once to the batch and time axes merged —
// "reshape-based implementation for performance" (keras/layers/wrappers.py, TimeDistributed.call). For a layer that
// treats each example on its own the two compute the same function; on wasm, whose cost here is per kernel call,
// the loop is what makes a TimeDistributed(LSTM) slow: Keras's mnist_hierarchical_rnn (28 rows of 28 pixels, batch
// 8) makes 28 × 28 LSTM cell steps a training step instead of 28: 1.5–1.8× slower a step on wasm, the same loss and
// gradients to 2e-6 (bench/timeDistributed.ts). So the profile runs those layers the Keras way. Layers whose output
// for one example depends on the others in the batch (BatchNormalization), that keep state between calls (a
// stateful RNN) or that draw random numbers (dropout, noise: the same distribution, other draws) keep tfjs's loop.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

/** Layer classes whose output for one example depends on that example alone (and its weights). */
const PER_EXAMPLE = new Set(['Dense', 'LSTM', 'GRU', 'SimpleRNN', 'Conv1D', 'Conv2D', 'Flatten', 'Activation', 'MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D', 'GlobalAveragePooling1D', 'GlobalMaxPooling1D', 'Embedding', 'Reshape']);

type Cell = { dropout?: number; recurrentDropout?: number };
type Inner = { getClassName(): string; stateful?: boolean; cell?: Cell; call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor | Tensor[] };
type Wrapper = { getClassName(): string; layer?: Inner; layers?: Wrapper[]; call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor | Tensor[] };

/** Whether a TimeDistributed's inner layer may run on the batch and time axes merged. */
export function mergeable(inner: Inner | undefined): inner is Inner {
  if (!inner || !PER_EXAMPLE.has(inner.getClassName())) return false;
  // A stateful RNN carries its state across calls; an RNN with dropout draws masks per call.
  return !inner.stateful && !(inner.cell?.dropout ?? 0) && !(inner.cell?.recurrentDropout ?? 0);
}

/** Makes each TimeDistributed layer of `layers` (nested models too) whose layer is per-example run it once on [batch × time, …]; how many. */
export function mergeTimeDistributed(tf: Tf, layers: readonly Wrapper[]): number {
  let count = 0;
  for (const layer of layers) {
    if (layer.layers) count += mergeTimeDistributed(tf, layer.layers);
    if (layer.getClassName() !== 'TimeDistributed' || !mergeable(layer.layer)) continue;
    const inner = layer.layer;
    const loop = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor;
      const [batch, time, ...rest] = x.shape;
      if (batch === undefined || time === undefined) return loop(inputs, kwargs);
      return tf.tidy(() => {
        const result = inner.call(tf.reshape(x, [batch * time, ...rest]), kwargs);
        const y = Array.isArray(result) ? result[0] : result;
        return tf.reshape(y, [batch, time, ...y.shape.slice(1)]);
      });
    };
    count++;
  }
  return count;
}
