// The batch of each step of an LR sweep or a confirmation run (runner/lrSweep.ts, runner/lrCheck.ts): its own
// module so that the two import it without importing each other.
import type { Tensor } from '@tensorflow/tfjs';
import { batchOrder, rowBatches } from '../core/lrCurve';
import type { Batches } from './data';
import type { Tf } from './tfjsResolve';

export interface StepBatch {
  xs: Tensor[];
  ys: Tensor[];
  dispose(): void;
}

/**
 * The batch of every step. Whole x/y arrays (fit() or sampleBatch data) are reshuffled row by row every
 * pass, as fit() does each epoch: fixed batches would keep whatever structure the file's row order gives
 * them (class-balanced, sorted…) and so a different loss noise than training sees. A dataset's batches
 * are its own: only their order changes.
 */
export function stepBatches(tf: Tf, data: Batches, steps: number, random: () => number): (step: number) => StepBatch {
  const rows = data.rows?.xs[0].shape[0] ?? 1;
  // One batch of all the rows (batches[0]): a new row order would change nothing.
  if (data.rows && rows > data.rows.size) {
    const { xs, ys, size } = data.rows;
    const plan = rowBatches(rows, size, steps, random);
    return (step) => {
      const gathered = tf.tidy(() => {
        const indices = tf.tensor1d(plan[step], 'int32');
        return { xs: xs.map((t) => tf.gather(t, indices)), ys: ys.map((t) => tf.gather(t, indices)) };
      });
      return { ...gathered, dispose: () => tf.dispose([...gathered.xs, ...gathered.ys]) };
    };
  }
  const order = batchOrder(data.batches.length, steps, random);
  return (step) => ({ ...data.batches[order[step]], dispose: () => undefined });
}
