// How many examples of each class the labels given to fit() hold (core/classBalance.ts judges the counts;
// docs/rules/class-imbalance.md). All the labels, not the profiled batch: a class of 1 % is absent from most batches.
// Counted only when the labels are classes: one-hot rows, class indices for a multi-unit output, or 0/1 for
// one unit; anything else (regression targets, multi-label rows, sequences) gives undefined.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

export function classCounts(tf: Tf, labels: Tensor, units: number): number[] | undefined {
  if (labels.rank !== 2 || (labels.shape[0] ?? 0) === 0) return undefined;
  const width = labels.shape[1] ?? 0;
  return tf.tidy(() => {
    const y = tf.cast(labels, 'float32');
    const binary = tf.logicalOr(tf.equal(y, 0), tf.equal(y, 1)).all().dataSync()[0] === 1;
    if (width === units && units >= 2) {
      // One-hot rows: every value 0 or 1 and each row sums to 1; the column sums are the counts.
      const oneHot = binary && tf.equal(tf.sum(y, 1), 1).all().dataSync()[0] === 1;
      return oneHot ? Array.from(tf.sum(y, 0).dataSync()) : undefined;
    }
    if (width !== 1) return undefined;
    if (units === 1) return binary ? ((ones) => [y.shape[0]! - ones, ones])(tf.sum(y).dataSync()[0]) : undefined;
    // Class indices for a multi-unit output (sparse categorical labels).
    const values = y.dataSync();
    const counts = new Array<number>(units).fill(0);
    for (const v of values) {
      if (!Number.isInteger(v) || v < 0 || v >= units) return undefined;
      counts[v]++;
    }
    return counts;
  });
}
