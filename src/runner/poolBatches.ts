// Fresh batches for the probes that train on the script's rows (runner/labelProbe.ts, horizonProbe.ts,
// validationRows.ts): step k trains on the next `size` rows of the pool, cycling when the pool holds fewer than the
// steps need.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

/** The rows of step k (`rowsAt`), and `dispose` for every slice handed out. `ys`: the pool's labels, or a permutation of them. */
export function poolBatches(tf: Tf, pool: { xs: Tensor[]; ys: Tensor[] }, size: number, ys: Tensor[] = pool.ys) {
  const poolRows = pool.xs[0].shape[0] ?? 0;
  const made: Tensor[] = [];
  const rowsAt = (step: number) => {
    const start = (step * size) % poolRows;
    const count = Math.min(size, poolRows - start);
    const cut = (t: Tensor) => {
      const piece = tf.slice(t, start, count);
      made.push(piece);
      return piece;
    };
    return { xs: pool.xs.map(cut), ys: ys.map(cut) };
  };
  return { rowsAt, dispose: () => tf.dispose(made) };
}
