// How a custom loss function reduces over the examples of a batch, read at the model's initial predictions on the
// profiled batch: whether it averages or sums them, and whether one example's term reads another example's label
// (core/lossFunctionRule.ts judges the numbers; docs/rules/loss-function.md).
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

export interface LossReduction {
  batch: number;
  rows: number;
  /** The loss on the first half H of the batch written twice (H‖H) over the loss on H: 1 averaged, 2 summed. */
  batchRatio?: number;
  /** max |Δ∂L/∂ŷ_i| over the rows i ≥ 1 when row 0's label changes by 1, over max |∂L/∂ŷ|: 0 for one term per row. */
  crossExample?: number;
}

/**
 * H‖H has exactly H's rows, each twice: any loss that averages one term per row (or a mean over pairs of rows) gives
 * the same value, one that sums them gives twice — exact, with none of the sampling noise of two different halves.
 * The gradient test reads what the shapes cannot (a loss that flattens labels [B, 1] to [B] inside itself sees the
 * same shapes as a correct one): with one term per row, row i's gradient never involves row 0's label.
 */
export function readLossReduction(tf: Tf, loss: LossFn, ys: Tensor, predict: () => Tensor): LossReduction | undefined {
  const rows = Math.floor((ys.shape[0] ?? 0) / 2);
  if (rows < 2) return undefined;
  try {
    return tf.tidy(() => {
      const predictions = predict();
      if (predictions.shape[0] !== ys.shape[0]) return undefined;
      const y = tf.slice(ys, 0, rows);
      const p = tf.slice(predictions, 0, rows);
      const value = (labels: Tensor, outputs: Tensor) => tf.mean(loss(labels, outputs)).dataSync()[0];
      const once = value(y, p);
      const twice = value(tf.concat([y, y]), tf.concat([p, p]));
      const gradient = (labels: Tensor) => tf.grad((q: Tensor) => tf.mean(loss(labels, q)))(p);
      const g = gradient(y);
      const moved = gradient(tf.concat([tf.add(tf.slice(y, 0, 1), tf.onesLike(tf.slice(y, 0, 1))), tf.slice(y, 1, rows - 1)]));
      const others = (t: Tensor) => tf.slice(t, 1, rows - 1);
      const scale = tf.max(tf.abs(g)).dataSync()[0];
      const change = tf.max(tf.abs(tf.sub(others(moved), others(g)))).dataSync()[0];
      return {
        batch: ys.shape[0] ?? 0,
        rows,
        ...(Number.isFinite(once) && Number.isFinite(twice) && Math.abs(once) > 1e-12 ? { batchRatio: twice / once } : {}),
        ...(scale > 0 && Number.isFinite(scale) && Number.isFinite(change) ? { crossExample: change / scale } : {}),
      };
    });
  } catch {
    return undefined; // a loss that cannot take these shapes tells nothing
  }
}
