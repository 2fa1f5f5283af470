// A custom loss read at the labels and at the labels clipped into the output activation's range: whether the loss is
// a distance to the targets that the output cannot close (core/dataRules.ts judges it; docs/rules/output-activation.md).
// Built-in regression losses are known to be distances; a hand-written one (e.g. `(y, p) => tf.losses.huberLoss(y, p)`)
// is read, so that its targets outside a tanh/sigmoid output's range are judged the same way.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';

type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

export interface TargetRangeLoss {
  /** The loss at predictions equal to the labels: a distance gives ~0. */
  atLabels: number;
  /** The loss at the best predictions the output can make: the labels clipped into its range. */
  atClipped: number;
}

/** Undefined when every label is within the range, or the loss cannot take these predictions. */
export function readTargetRangeLoss(tf: Tf, loss: LossFn, ys: Tensor, range: readonly [number, number], min: number, max: number): TargetRangeLoss | undefined {
  if (min >= range[0] && max <= range[1]) return undefined;
  try {
    return tf.tidy(() => {
      const y = tf.cast(ys, 'float32');
      const at = (prediction: Tensor) => tf.mean(loss(y, prediction)).dataSync()[0];
      // clipByValue takes finite bounds: an unbounded side clips at the largest label, i.e. not at all.
      const clipped = tf.clipByValue(y, range[0], Number.isFinite(range[1]) ? range[1] : Math.max(max, range[0]));
      const reading = { atLabels: at(y), atClipped: at(clipped) };
      return Number.isFinite(reading.atLabels) && Number.isFinite(reading.atClipped) ? reading : undefined;
    });
  } catch {
    return undefined; // a loss that cannot take these shapes tells nothing
  }
}
