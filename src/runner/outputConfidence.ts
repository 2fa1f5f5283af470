// How confident an output layer's probabilities are, and how many examples are confidently wrong. A confident
// output that agrees with its label is what training aims at (a sigmoid trained on one-hot targets puts 9 of
// every 10 outputs below 0.01); a confidently wrong one costs up to the clip floor, and beyond the clip gets no gradient.
import type { Scalar, Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

/** A probability beyond this (or below 1 − it, for a sigmoid) is a committed answer: the saturated-output rule's bound. */
export const CONFIDENT = 0.99;

/** Labels as the loss reads them against this output: elementwise (one-hot / 0-1), class indices, or unreadable. */
function labelForm(output: Tensor, labels: Tensor | undefined): 'same' | 'indices' | undefined {
  if (!labels) return undefined;
  const channels = output.shape[output.shape.length - 1] ?? 1;
  const rows = output.size / channels;
  if (labels.size === output.size && labels.shape[0] === output.shape[0]) return 'same';
  if (channels > 1 && labels.size === rows) return 'indices';
  return undefined;
}

/**
 * [confident share, confidently wrong share] of an output layer, or the confident share alone when the labels
 * cannot be matched to it. softmax: examples whose largest probability exceeds CONFIDENT, and of all examples those
 * whose largest class is not the labelled one; sigmoid: outputs outside [1 − CONFIDENT, CONFIDENT], and of all
 * examples those with an output on the side away from its label (above CONFIDENT where the label is < 0.5, below
 * 1 − CONFIDENT where it is ≥ 0.5).
 */
export function outputConfidence(tf: Tf, output: Tensor, labels: Tensor | undefined, kind: 'softmax' | 'sigmoid'): Tensor {
  const channels = output.shape[output.shape.length - 1] ?? 1;
  const form = labelForm(output, labels);
  if (kind === 'softmax') {
    // A softmax over one unit is exactly 1 for every example: its "class" carries no answer to judge.
    if (channels === 1) return tf.mean(tf.cast(tf.greater(output, CONFIDENT), 'float32')) as Scalar;
    const rows = tf.reshape(output, [-1, channels]);
    const confident = tf.greater(tf.max(rows, 1), CONFIDENT);
    const share = tf.mean(tf.cast(confident, 'float32')) as Scalar;
    if (!form || !labels) return share;
    const labelled = form === 'same' ? tf.argMax(tf.reshape(labels, [-1, channels]), 1) : tf.cast(tf.reshape(labels, [-1]), 'int32');
    const wrong = tf.logicalAnd(confident, tf.notEqual(tf.argMax(rows, 1), labelled));
    return tf.stack([share, tf.mean(tf.cast(wrong, 'float32'))]);
  }
  const high = tf.greater(output, CONFIDENT);
  const low = tf.less(output, 1 - CONFIDENT);
  const share = tf.mean(tf.cast(tf.logicalOr(high, low), 'float32')) as Scalar;
  // Labels outside [0, 1] (regression targets) have no side to be wrong on.
  if (form !== 'same' || !labels || tf.any(tf.logicalOr(tf.less(labels, 0), tf.greater(labels, 1))).dataSync()[0]) return share;
  const positive = tf.greaterEqual(tf.reshape(labels, output.shape), 0.5);
  const wrong = tf.logicalOr(tf.logicalAnd(high, tf.logicalNot(positive)), tf.logicalAnd(low, positive));
  // Per example, as for a softmax: a row with any output confidently wrong.
  const wrongRows = tf.any(tf.reshape(wrong, [-1, channels]), 1);
  return tf.stack([share, tf.mean(tf.cast(wrongRows, 'float32'))]);
}
