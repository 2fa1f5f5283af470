// What a profile reads of the model's outputs before training: per output layer, its labels' statistics and — for a
// custom loss — what the loss does at known predictions (reduction, identity, saturation, target range) and where the
// output's activations are born (protocol OutputInfo), for the initial-loss and output rules.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { OutputInfo } from '../core/protocol';
import { OUTPUT_RANGE } from '../core/dataRules';
import { isCustomLoss, isOneHot, isZeroOne } from './weightChecks';
import { readLossReduction } from './lossReduction';
import { readLossIdentity } from './lossIdentity';
import { readLossSaturation } from './lossSaturation';
import { readTargetRangeLoss } from './targetRange';
import { readOutputBirth } from './outputBirth';
import { activationOf, type AnyLayer } from './modelLayers';
import type { Batch, innerModel } from './data';
import type { Tf } from './tfjsResolve';

type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Output layers and their labels, for the initial-loss and output rules: a C-class cross-entropy starts
 * near ln C, a mean squared error near the mean of y² (outputs ≈ 0 at initialization).
 */
export function readOutputInfo(tf: Tf, inner: ReturnType<typeof innerModel>, lossFunctions: LossFunction[], batch: Batch, lossNames: string[]): OutputInfo[] {
  return inner.outputLayers.map((layer, i) => {
    const ys = batch.ys[i];
    const [meanSquare, variance, min, max, fractional, negative] = tf.tidy(() => {
      const y = tf.cast(ys, 'float32');
      return [
        tf.mean(tf.square(y)).dataSync()[0],
        tf.moments(y).variance.dataSync()[0],
        tf.min(y).dataSync()[0],
        tf.max(y).dataSync()[0],
        tf.mean(tf.cast(tf.notEqual(y, tf.round(y)), 'float32')).dataSync()[0],
        tf.mean(tf.cast(tf.less(y, 0), 'float32')).dataSync()[0],
      ];
    });
    const shape = inner.outputs[i].shape;
    const units = shape[shape.length - 1] ?? 1;
    const oneHot = isOneHot(min, max, fractional, meanSquare, units);
    const lossProbe = isCustomLoss(lossNames[i]) && isZeroOne(min, max, fractional) ? readLoss(tf, lossFunctions[i], ys, units, !oneHot) : undefined;
    const predict = () => ([] as Tensor[]).concat(inner.apply(batch.xs, { training: false }) as Tensor | Tensor[])[i];
    const lossReduction = isCustomLoss(lossNames[i]) ? readLossReduction(tf, lossFunctions[i], ys, predict) : undefined;
    const activation = activationOf(layer as unknown as AnyLayer);
    const lossIdentity = isCustomLoss(lossNames[i]) ? readLossIdentity(tf, lossFunctions[i], ys, predict, activation, { oneHot, zeroOne: isZeroOne(min, max, fractional) }) : undefined;
    // A tf.layers.softmax() output layer has no activation in its config but produces the same exact 0s and 1s.
    const saturating = activation ?? (layer.getClassName() === 'Softmax' ? 'softmax' : undefined);
    const lossSaturation = isCustomLoss(lossNames[i]) ? readLossSaturation(tf, lossFunctions[i], ys, saturating, units) : undefined;
    const range = activation === undefined ? undefined : OUTPUT_RANGE[activation];
    const outputBirth = readOutputBirth(tf, inner as unknown as LayersModel, layer as never, batch.xs);
    const targetRangeLoss = isCustomLoss(lossNames[i]) && range ? readTargetRangeLoss(tf, lossFunctions[i], ys, range, min, max) : undefined;
    return {
      layer: layer.name,
      activation,
      loss: lossNames[i] ?? 'custom',
      units,
      labelMeanSquare: meanSquare,
      labelVariance: variance,
      labelMin: min,
      labelMax: max,
      labelFractional: fractional,
      labelNegative: negative,
      ...(lossProbe ? { lossProbe } : {}),
      ...(lossReduction ? { lossReduction } : {}),
      ...(lossIdentity ? { lossIdentity } : {}),
      ...(lossSaturation ? { lossSaturation } : {}),
      ...(targetRangeLoss ? { targetRangeLoss } : {}),
      ...(outputBirth ? { outputBirth } : {}),
    };
  });
}

/**
 * A custom loss at the labels, at confident logits and at confidently wrong predictions (protocol OutputInfo.lossProbe):
 * one-hot rows — the labels × 5 and the labels shifted one class (a softmax reads only differences between classes);
 * other 0/1 labels (`binary`: each unit its own sigmoid) — (2y − 1) × 5 and 1 − y.
 */
function readLoss(tf: Tf, lossFn: LossFunction, ys: Tensor, units: number, binary: boolean): { atLabels: number; atScaled: number; atWrong: number; atSigned?: number; binary?: boolean } | undefined {
  try {
    return tf.tidy(() => {
      const y = tf.cast(ys, 'float32');
      const flat = tf.reshape(y, [-1, units]);
      const wrong = binary ? tf.sub(1, y) : tf.reshape(tf.concat([tf.slice(flat, [0, 1], [-1, units - 1]), tf.slice(flat, [0, 0], [-1, 1])], 1), y.shape);
      const signed = tf.mul(tf.sub(tf.mul(y, 2), 1), 5);
      const confident = binary ? signed : tf.mul(y, 5);
      const at = (prediction: Tensor) => tf.mean(lossFn(y, prediction)).dataSync()[0];
      // A hand-written binary cross-entropy has 0·log 0 = NaN at exact 0/1 predictions: read probabilities as
      // tfjs's and Keras's own cross-entropies do, clipped to [1e-7, 1 − 1e-7] (their epsilon), when exact ones fail.
      const atProbabilities = (prediction: Tensor) => ((v) => (Number.isFinite(v) ? v : at(tf.clipByValue(prediction, 1e-7, 1 - 1e-7))))(at(prediction));
      return { atLabels: atProbabilities(y), atScaled: at(confident), atWrong: atProbabilities(wrong), ...(binary ? { binary } : { atSigned: at(signed) }) };
    });
  } catch {
    return undefined; // a loss that cannot take these shapes tells nothing
  }
}
