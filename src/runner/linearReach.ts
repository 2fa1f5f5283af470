// What a linear model reaches on the script's rows against what the rows allow (core/linearReachRule.ts judges it):
// for classes, the training error of a softmax regression fitted to convergence, and the leave-one-out error of the
// ⌈√n⌉-nearest-neighbour rule; for regression targets, the least-squares fit's squared error and the ⌈√n⌉-nearest-
// neighbour regression's leave-one-out squared error. The neighbours read the inputs standardised per feature (their
// distances must not be set by one feature's units; a linear model's optimum is the same affine map either way).
import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { LINEAR_REACH, type ClassErrors, type SquaredErrors } from '../core/linearReachRule';
import type { Tf } from './tfjsResolve';

/** One class index per row from 0/1 label columns: a single column is two classes; several must be one-hot. */
function classIndices(tf: Tf, y: Tensor2D): { classes: Tensor1D; count: number } | undefined {
  const width = y.shape[1];
  if (width === 1) return { classes: tf.tidy(() => tf.cast(tf.reshape(y, [-1]), 'int32') as Tensor1D), count: 2 };
  const oneHot = tf.tidy(() => tf.all(tf.equal(tf.sum(y, 1), 1)).dataSync()[0] === 1);
  return oneHot ? { classes: tf.tidy(() => tf.argMax(y, 1) as Tensor1D), count: width } : undefined;
}

/** Share of rows whose predicted class (argmax of `scores`) is not theirs. */
const errorOf = (tf: Tf, scores: Tensor, classes: Tensor1D) => tf.tidy(() => 1 - tf.mean(tf.cast(tf.equal(tf.argMax(scores, 1), classes), 'float32')).dataSync()[0]);

/** The lowest training error a softmax regression reaches: full-batch Adam from zero weights on a convex loss. */
function linearError(tf: Tf, x: Tensor2D, classes: Tensor1D, count: number): number {
  const targets = tf.oneHot(classes, count);
  const weights = tf.variable(tf.zeros([x.shape[1], count]));
  const bias = tf.variable(tf.zeros([count]));
  const optimizer = tf.train.adam(LINEAR_REACH.rate);
  const scores = () => tf.add(tf.matMul(x, weights), bias);
  try {
    for (let step = 0; step < LINEAR_REACH.steps; step++) {
      tf.tidy(() => {
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, scores()) as Scalar);
      });
    }
    return tf.tidy(() => errorOf(tf, scores(), classes));
  } finally {
    optimizer.dispose();
    tf.dispose([targets, weights, bias]);
  }
}

/** Each row's k = ⌈√n⌉ nearest other rows (Euclidean), [rows, k] indices: a row is never its own neighbour (leave-one-out). */
function nearestOthers(tf: Tf, x: Tensor2D): Tensor2D {
  const rows = x.shape[0];
  const k = Math.min(LINEAR_REACH.neighbours(rows), rows - 1);
  return tf.tidy(() => {
    const norms = tf.sum(tf.square(x), 1, true);
    const distances = tf.add(tf.sub(norms, tf.mul(2, tf.matMul(x, x, false, true))), tf.transpose(norms));
    // A row is not its own neighbour: its distance is set beyond every other.
    const others = tf.add(distances, tf.mul(tf.eye(rows), tf.add(tf.max(distances), 1)));
    return tf.topk(tf.neg(others), k).indices as Tensor2D;
  });
}

/** Leave-one-out error of the majority vote of each row's k nearest other rows (ties to the lower class). */
function neighboursError(tf: Tf, x: Tensor2D, classes: Tensor1D, count: number): number {
  return tf.tidy(() => {
    const votes = tf.sum(tf.oneHot(tf.gather(classes, nearestOthers(tf, x)), count), 1);
    return errorOf(tf, votes, classes);
  });
}

/** The inputs standardised per feature (centred inputs in): no feature's units set the neighbours' distances. */
const standardise = (tf: Tf, x: Tensor2D) => tf.tidy(() => tf.div(x, tf.sqrt(tf.moments(x, 0).variance)) as Tensor2D);

/**
 * Regression targets: the mean squared error (per row, averaged over the target columns) of the best constant, of the
 * least-squares affine fit (`linearResiduals`, the fit's residuals from runner/linearFit.ts) and of the k-NN
 * regression, each row predicted by the mean of its k nearest other rows' targets (leave-one-out); with the standard
 * error of the mean of the per-row differences linear − neighbours (the two errors are read on the same rows: paired).
 */
export function squaredErrors(tf: Tf, x: Tensor2D, y: Tensor2D, linearResiduals: Tensor2D): SquaredErrors | undefined {
  const rows = x.shape[0];
  if (rows < 3) return undefined;
  return tf.tidy(() => {
    const standardised = standardise(tf, x);
    // [rows, k, columns] → each row's neighbours' mean target.
    const predicted = tf.mean(tf.gather(y, nearestOthers(tf, standardised)), 1);
    const perRow = (residuals: Tensor) => tf.mean(tf.square(residuals), 1);
    const linear = perRow(linearResiduals);
    const neighbours = perRow(tf.sub(y, predicted));
    const constant = perRow(tf.sub(y, tf.mean(y, 0)));
    const gap = tf.sub(linear, neighbours);
    const read = (t: Tensor) => tf.mean(t).dataSync()[0];
    return { constant: read(constant), linear: read(linear), neighbours: read(neighbours), gapError: Math.sqrt(tf.moments(gap).variance.dataSync()[0] / rows) };
  });
}

/** Error rates of a constant, the best linear classifier and the k-NN rule on `x` (centred inputs) and 0/1 labels `y`. */
export function classErrors(tf: Tf, x: Tensor2D, y: Tensor2D): ClassErrors | undefined {
  const labels = classIndices(tf, y);
  if (!labels || x.shape[0] < 3) return undefined;
  const { classes, count } = labels;
  const standardised = standardise(tf, x);
  try {
    const frequent = tf.tidy(() => tf.max(tf.sum(tf.oneHot(classes, count), 0)).dataSync()[0]);
    return {
      chance: 1 - frequent / x.shape[0],
      linear: linearError(tf, standardised, classes, count),
      neighbours: neighboursError(tf, standardised, classes, count),
    };
  } finally {
    tf.dispose([classes, standardised]);
  }
}
