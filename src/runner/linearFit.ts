// The best linear fit of the script's labels, for a model with no hidden non-linearity (core/linearFitRule.ts judges it).
// Least squares of each target column on [inputs, 1] over the rows the script's fit() was given: with the inputs
// centred (which takes the constant's column out), an orthonormal basis Q of their columns gives the fitted values'
// sum of squares ‖Qᵀy‖², and R² = ‖Qᵀy‖² / ‖y − ȳ‖². The basis comes from tfjs's own tf.linalg.gramSchmidt: its
// tf.linalg.qr forms m × m Householder products and took 131 s on 2,000 rows of 20 features here (Gram–Schmidt: 1 s).
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { LINEAR_FIT, type LinearFit } from '../core/linearFitRule';
import { seededOrder } from './data';
import { classErrors, squaredErrors } from './linearReach';
import type { Tf } from './tfjsResolve';

/** Features whose spread is below this share of the largest feature's are constant for the fit (a black border pixel). */
const CONSTANT_SHARE = 1e-6;

/** The least-squares affine fit's residuals (centred targets minus their projection on the centred inputs' columns), and
 *  the squared errors of the fit, a constant and the nearest neighbours (runner/linearReach.ts). */
function regressionErrors(tf: Tf, centred: Tensor2D, targets: Tensor2D) {
  const residuals = tf.tidy(() => {
    const y = tf.sub(targets, tf.mean(targets, 0));
    const basis = tf.linalg.gramSchmidt(tf.transpose(centred) as Tensor2D) as Tensor2D;
    return tf.sub(y, tf.matMul(basis, tf.matMul(basis, y), true, false)) as Tensor2D;
  });
  try {
    return squaredErrors(tf, centred, targets, residuals);
  } finally {
    residuals.dispose();
  }
}

/**
 * R² of each target column on the inputs and a constant, with each 0/1 column's share of ones; undefined when the rows
 * cannot say (one input, too many features, fewer rows than features + 2, non-finite values, labels of another shape).
 * `units`: the output's last dimension — sparse class indices against a wider output are expanded to one-hot rows.
 */
export function linearFit(tf: Tf, inputs: Tensor | undefined, labels: Tensor | undefined, units: number): LinearFit | undefined {
  if (!inputs || !labels || inputs.isDisposed || labels.isDisposed) return undefined;
  const total = inputs.shape[0] ?? 0;
  if (total !== labels.shape[0] || total < 3) return undefined;
  const picked = total > LINEAR_FIT.maxRows ? seededOrder(total).slice(0, LINEAR_FIT.maxRows) : undefined;
  const rows = picked?.length ?? total;
  const [xFlat, yFlat, keep] = tf.tidy(() => {
    const take = (t: Tensor) => tf.reshape(tf.cast(picked ? tf.gather(t, picked) : t, 'float32'), [rows, -1]);
    const x = take(inputs);
    const raw = take(labels);
    const width = raw.shape[1] ?? 1;
    // Class indices for a softmax: one column per class, as the loss reads them.
    const y = units > 1 && width === 1 ? tf.oneHot(tf.cast(tf.reshape(raw, [-1]), 'int32'), units).toFloat() : raw;
    const spread = tf.sqrt(tf.moments(x, 0).variance);
    const keep = tf.greater(spread, tf.mul(tf.max(spread), CONSTANT_SHARE));
    return [x, y, keep] as const;
  });
  try {
    const kept = Array.from(keep.dataSync()).flatMap((k, i) => (k ? [i] : []));
    const features = kept.length;
    if (features === 0 || features > LINEAR_FIT.maxFeatures || rows - features - 1 < 1) return undefined;
    const yValues = yFlat.dataSync();
    if (!yValues.every(Number.isFinite)) return undefined;
    const indicator = yValues.every((v) => v === 0 || v === 1);
    const result = tf.tidy(() => {
      const x = tf.gather(xFlat, kept, 1);
      const centred = tf.sub(x, tf.mean(x, 0));
      const y = tf.sub(yFlat, tf.mean(yFlat, 0));
      // One orthonormal row per feature, spanning the centred inputs' columns.
      const basis = tf.linalg.gramSchmidt(tf.transpose(centred) as Tensor2D) as Tensor;
      const fitted = tf.sum(tf.square(tf.matMul(basis, y)), 0);
      const spread = tf.sum(tf.square(y), 0);
      return { fitted: Array.from(fitted.dataSync()), spread: Array.from(spread.dataSync()), shares: Array.from(tf.mean(yFlat, 0).dataSync()) };
    });
    // A column with no spread (one class absent from the rows) has no R²; collinear features make the basis NaN.
    const explained = result.fitted.map((f, i) => (result.spread[i] > 0 ? Math.min(1, f / result.spread[i]) : NaN));
    const used = explained.flatMap((_, i) => (result.spread[i] > 0 ? [i] : []));
    if (!used.length || used.some((i) => !Number.isFinite(explained[i]))) return undefined;
    // How far the linear model gets against the rows' nearest neighbours (core/linearReachRule.ts): class errors for
    // class labels, squared errors for regression targets.
    const centred = tf.tidy(() => { const x = tf.gather(xFlat, kept, 1); return tf.sub(x, tf.mean(x, 0)) as Tensor2D; });
    const errors = indicator ? classErrors(tf, centred, yFlat as Tensor2D) : undefined;
    const squared = indicator ? undefined : regressionErrors(tf, centred, yFlat as Tensor2D);
    centred.dispose();
    return {
      explained: used.map((i) => explained[i]),
      ...(indicator ? { shares: used.map((i) => result.shares[i]) } : {}),
      ...(errors ? { errors } : {}),
      ...(squared ? { squaredErrors: squared } : {}),
      rows,
      features,
    };
  } finally {
    tf.dispose([xFlat, yFlat, keep]);
  }
}
