// Which built-in cross-entropy a custom loss computes, read by value: a hand-written wrapper such as
// `(y, logits) => tf.losses.softmaxCrossEntropy(y, logits)` has a name the rules cannot know, but if it gives the
// built-in's values wherever it is read, it is that loss, and what the rules know of it holds — above all Karpathy's
// "verify loss @ init": a C-class cross-entropy starts at −ln(1/C) (core/lossRules.ts, docs/rules/initial-loss.md).
// Read at three predictions: the model's own at its initial weights, the uninformative one (every class alike) and a
// confidently wrong one. No extra model pass: the caller's predictions are reused.
import type { Tensor } from '@tensorflow/tfjs';
import type { OutputInfo } from '../core/protocol';
import type { Tf } from './tfjsResolve';

type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
export type LossIdentity = NonNullable<OutputInfo['lossIdentity']>;

/**
 * Agreement needed at every point, relative to the built-in's value: float32 rounding of the same arithmetic is ~1e-6;
 * tfjs's own clip (probabilities kept in [1e-7, 1 − 1e-7]) moves a value only where a prediction is within 1e-7 of 0
 * or 1, which the three points avoid except the model's own (then they disagree and nothing is claimed). A loss
 * summed over the batch, or over the classes of a sigmoid, is off by a factor ≥ 2.
 */
export const IDENTITY_TOLERANCE = 1e-3;

/**
 * The built-in a custom loss may compute, for the output's activation and labels: on probabilities (softmax,
 * sigmoid) Keras's cross-entropies; on a linear output, tf.losses' cross-entropies on logits. One-hot rows of ≥ 2
 * classes read as a softmax; other 0/1 labels as independent sigmoid units.
 */
function candidate(tf: Tf, activation: string | undefined, oneHot: boolean): { name: LossIdentity['equals']; loss: LossFn; uniform: (units: number) => number; wrong: (y: Tensor) => Tensor } | undefined {
  const mean = (t: Tensor) => tf.mean(t);
  const shifted = (y: Tensor) => tf.concat([tf.slice(y, [0, 1], [-1, -1]), tf.slice(y, [0, 0], [-1, 1])], 1);
  if (activation === 'softmax' && oneHot) {
    return { name: 'categoricalCrossentropy', loss: (y, p) => mean(tf.metrics.categoricalCrossentropy(y, p)), uniform: (units) => 1 / units, wrong: (y) => tf.add(tf.mul(shifted(y), 0.8), 0.2 / (y.shape[1] ?? 1)) };
  }
  if (activation === 'sigmoid' && !oneHot) {
    return { name: 'binaryCrossentropy', loss: (y, p) => mean(tf.metrics.binaryCrossentropy(y, p)), uniform: () => 0.5, wrong: (y) => tf.add(tf.mul(tf.sub(1, y), 0.8), 0.1) };
  }
  if (activation === undefined || activation === 'linear') {
    if (oneHot) return { name: 'softmaxCrossEntropy', loss: (y, z) => tf.losses.softmaxCrossEntropy(y, z), uniform: () => 0, wrong: (y) => tf.mul(shifted(y), 5) };
    return { name: 'sigmoidCrossEntropy', loss: (y, z) => tf.losses.sigmoidCrossEntropy(y, z), uniform: () => 0, wrong: (y) => tf.mul(tf.sub(1, tf.mul(y, 2)), 5) };
  }
  return undefined;
}

/**
 * Whether `loss` equals the built-in cross-entropy for this output at the model's initial predictions `initial`, at the
 * uninformative prediction (every class 1/C, 0.5, or logits 0) and at a confidently wrong one. Labels must be class
 * labels: one-hot rows of ≥ 2 classes, or 0/1 (the caller's label statistics say which).
 */
export function readLossIdentity(tf: Tf, loss: LossFn, ys: Tensor, initial: () => Tensor, activation: string | undefined, labels: { oneHot: boolean; zeroOne: boolean }): LossIdentity | undefined {
  if (!labels.zeroOne || ys.rank !== 2) return undefined;
  const units = ys.shape[1] ?? 0;
  const oneHot = labels.oneHot && units >= 2;
  const reference = candidate(tf, activation, oneHot);
  if (!reference) return undefined;
  try {
    return tf.tidy(() => {
      const y = tf.cast(ys, 'float32');
      const p0 = initial();
      if (p0.shape.join() !== y.shape.join()) return undefined;
      const uniform = tf.fill(y.shape, reference.uniform(units));
      const points = [p0, uniform, reference.wrong(y)];
      const values = points.map((p) => [tf.mean(loss(y, p)).dataSync()[0], reference.loss(y, p).dataSync()[0]]);
      const agrees = values.every(([mine, theirs]) => Number.isFinite(mine) && Number.isFinite(theirs) && Math.abs(mine - theirs) <= IDENTITY_TOLERANCE * Math.max(Math.abs(theirs), 1e-6));
      return agrees ? { equals: reference.name, atUniform: values[1][0] } : undefined;
    });
  } catch {
    return undefined; // a loss that cannot take these shapes tells nothing
  }
}
