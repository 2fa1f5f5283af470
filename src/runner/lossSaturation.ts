// Whether a custom loss stays finite at predictions a softmax or sigmoid output really reaches in float32: exact
// 0s and 1s. A hand-written −Σ y·log ŷ is fine at the initial weights and turns NaN (0·log 0) thousands of steps
// later, once training makes the output certain; Keras and tfjs clip inside their own cross-entropies for exactly
// this reason. Read here at three patterns on a few rows of the batch's labels; core/lossSaturationRule.ts judges
// them (docs/rules/nan-prone-loss.md). No forward pass of the model: the predictions are made from the labels.
import type { Tensor } from '@tensorflow/tfjs';
import type { OutputInfo, SourceLocation } from '../core/protocol';
import { mapToSource, userFrame } from './callSites';
import type { Tf } from './tfjsResolve';

type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
type Saturation = NonNullable<OutputInfo['lossSaturation']>;
type Pattern = Saturation['probes'][number]['pattern'];

/** Rows of the batch read: the probe's cost is a few small loss evaluations, never a model pass. */
export const SATURATION_ROWS = 8;

/**
 * The predictions of each pattern, for labels y of shape [rows, units] (float32). The last row stays at the
 * uncommitted prediction (1/C, or 0.5): a term per example that is non-finite at a saturated example shows
 * anyway, while a loss whose singularity needs every example of the batch fitted exactly at once (√ of a batch
 * MSE at 0) is not what a single saturating example brings about.
 */
function patterns(tf: Tf, y: Tensor, activation: 'softmax' | 'sigmoid'): [Pattern, Tensor][] {
  const [rows, units] = y.shape as [number, number];
  const keepLast = (p: Tensor) => tf.concat([tf.slice(p, [0, 0], [rows - 1, units]), tf.fill([1, units], activation === 'softmax' ? 1 / units : 0.5)]);
  if (activation === 'sigmoid') {
    const right = tf.cast(tf.greaterEqual(y, 0.5), 'float32');
    return [
      ['confident-right', keepLast(right)],
      ['confident-wrong', keepLast(tf.sub(1, right))],
    ];
  }
  const label = tf.argMax(y, 1);
  const other = tf.mod(tf.add(label, 1), units);
  const right = tf.oneHot(tf.cast(label, 'int32'), units);
  const wrong = tf.oneHot(tf.cast(other, 'int32'), units);
  const found: [Pattern, Tensor][] = [
    ['confident-right', keepLast(tf.cast(right, 'float32'))],
    ['confident-wrong', keepLast(tf.cast(wrong, 'float32'))],
  ];
  // One class exactly 0 (a logit ~104 below the largest), the rest shared: reached long before certainty.
  if (units >= 3) found.push(['one-zero', keepLast(tf.div(tf.sub(1, tf.cast(wrong, 'float32')), units - 1))]);
  return found;
}

/** Value of mean(loss) and whether its gradient with respect to the predictions is finite everywhere. */
function read(tf: Tf, loss: LossFn, y: Tensor, p: Tensor): { value: number; gradientFinite: boolean } {
  const { value, grad } = tf.valueAndGrad((q: Tensor) => tf.mean(loss(y, q)))(p);
  return { value: value.dataSync()[0], gradientFinite: tf.all(tf.isFinite(grad)).dataSync()[0] === 1 };
}

/**
 * Where the user's loss first makes a non-finite tensor at these predictions (else its first op): every tensor the
 * engine tracks during one call gets the user's stack frame, as tensorSites.ts does while data is built.
 */
function firstNonFiniteSite(tf: Tf, loss: LossFn, y: Tensor, p: Tensor): SourceLocation | undefined {
  const engine = (tf as unknown as { engine?: () => Record<string, unknown> }).engine?.();
  const method = engine && (typeof engine.trackTensor === 'function' ? 'trackTensor' : typeof engine.registerTensor === 'function' ? 'registerTensor' : undefined);
  if (!engine || !method) return undefined;
  const made: { tensor: Tensor; site: SourceLocation }[] = [];
  const original = engine[method] as (this: unknown, tensor: Tensor, ...rest: unknown[]) => unknown;
  engine[method] = function (this: unknown, tensor: Tensor, ...rest: unknown[]) {
    const site = userFrame();
    if (site) made.push({ tensor, site });
    return original.call(this, tensor, ...rest);
  };
  try {
    loss(y, p);
  } finally {
    engine[method] = original;
  }
  const bad = made.find(({ tensor }) => tensor.dtype === 'float32' && !tensor.isDisposed && Array.from(tensor.dataSync() as Float32Array).some((x) => !Number.isFinite(x)));
  const site = (bad ?? made[0])?.site;
  return site && mapToSource(site.file, site.line, site.column);
}

/**
 * The user's loss and the clipped built-in cross-entropy (tfjs-layers' categoricalCrossentropy / binaryCrossentropy:
 * predictions clipped to [ε, 1 − ε], ε = 1e-7 as in Keras) at each pattern. Undefined when the output is not a
 * softmax/sigmoid, the labels do not have the output's shape, or the loss cannot take these tensors.
 */
export function readLossSaturation(tf: Tf, loss: LossFn, ys: Tensor, activation: string | undefined, units: number): Saturation | undefined {
  const kind = activation === 'softmax' && units >= 2 ? 'softmax' : activation === 'sigmoid' ? 'sigmoid' : undefined;
  const batch = ys.shape[0] ?? 0;
  if (!kind || batch < 2 || ys.shape[ys.shape.length - 1] !== units) return undefined;
  const rows = Math.min(SATURATION_ROWS, batch);
  const metrics = tf.metrics as unknown as Record<string, LossFn | undefined>;
  const builtIn = kind === 'softmax' ? metrics.categoricalCrossentropy : metrics.binaryCrossentropy;
  try {
    const probes = tf.tidy(() => {
      const labels = tf.cast(tf.slice(ys, 0, rows), 'float32');
      const flat = tf.reshape(labels, [-1, units]);
      return patterns(tf, flat, kind).map(([pattern, p]) => {
        const shaped = tf.reshape(p, labels.shape);
        const user = read(tf, loss, labels, shaped);
        const reference = builtIn ? read(tf, builtIn, labels, shaped) : { value: 0, gradientFinite: true };
        return { pattern, ...user, reference: reference.value, referenceGradientFinite: reference.gradientFinite, shaped, labels };
      });
    });
    const failing = probes.find((p) => !Number.isFinite(p.value) || !p.gradientFinite);
    const location = failing ? tf.tidy(() => firstNonFiniteSite(tf, loss, failing.labels, failing.shaped)) : undefined;
    tf.dispose(probes.flatMap((p) => [p.shaped, p.labels]));
    return { rows, probes: probes.map(({ pattern, value, gradientFinite, reference, referenceGradientFinite }) => ({ pattern, value, gradientFinite, reference, referenceGradientFinite })), ...(location ? { location } : {}) };
  } catch {
    return undefined; // a loss that cannot take these shapes tells nothing
  }
}
