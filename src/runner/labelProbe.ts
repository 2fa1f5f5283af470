// Do the labels belong to their inputs? The profile's steps fit one batch, which a network does with any labels
// (Zhang et al., ICLR 2017); what tells real labels from unrelated ones is whether what it learns carries over to rows
// it did not train on (Arpit et al., ICML 2017: real labels are learned first through patterns the examples share).
// So held-out rows of the script's own data are read (loss, and accuracy for a class output) along the profiled steps,
// and, when the batch was fitted but nothing carried over, along 20 steps on fresh batches of the script's rows, with
// the labels as given and permuted among the rows: labels that carry no more over than permuted ones carry nothing
// of the inputs. The verdict: core/labelRules.ts.
import type { LayersModel, Scalar, Tensor } from '@tensorflow/tfjs';
import { innerModel, seededOrder, type Batch } from './data';
import { quietOutputs } from './quietLoss';
import { paceGuard, type OutOfTime, type ProbeClock } from './probePace';
import { poolBatches } from './poolBatches';
import { rateProbe } from './rateProbe';
import { CONTROL_SIGNAL_SHARE, LABEL_CHECK_EVERY, LABEL_PROBE_STEPS, transferShown } from '../core/labelRules';
import type { WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';

type Inner = ReturnType<typeof innerModel>;
/** Not data.ts's seed: the permutation must not be the one that drew the batch. */
const PERMUTATION_SEED = 4321;

/**
 * How a class output's predictions are read as classes: argmax over a softmax's units against one-hot or sparse labels,
 * or one sigmoid unit against 0/1 labels at 0.5. Undefined for other outputs (regression): only the loss is read there.
 */
function classesOf(tf: Tf, y: Tensor, prediction: Tensor): { truth: Tensor; predicted: Tensor } | undefined {
  const units = prediction.shape[prediction.shape.length - 1] ?? 1;
  const width = y.shape[y.shape.length - 1] ?? 1;
  if (units > 1 && (width === units || width === 1)) {
    const truth = width === 1 ? tf.reshape(tf.cast(y, 'int32'), [-1]) : tf.argMax(tf.reshape(y, [-1, units]), 1);
    return { truth, predicted: tf.argMax(tf.reshape(prediction, [-1, units]), 1) };
  }
  if (units === 1 && width === 1) return { truth: tf.cast(tf.greater(y, 0.5), 'int32'), predicted: tf.cast(tf.greater(prediction, 0.5), 'int32') };
  return undefined;
}

/** The data loss (no penalties, no dropout noise) of the held-out rows on the model's current weights, and the
 *  first output's accuracy when it predicts classes. */
export function heldOutReading(tf: Tf, model: LayersModel, heldOut: NonNullable<Batch['heldOut']>, classes: boolean, perRow = false): { loss: number; accuracy?: number; rowLosses?: number[] } {
  const inner = innerModel(model) as Inner;
  const lossFunctions = inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
  return tf.tidy(() => {
    const outputs = quietOutputs(tf, inner, heldOut.xs);
    const total = lossFunctions.map((fn, i) => fn(heldOut.ys[i], outputs[i])).reduce((a, b) => tf.add(a, b));
    const read = classes ? classesOf(tf, heldOut.ys[0], outputs[0]) : undefined;
    const accuracy = read && tf.mean(tf.cast(tf.equal(read.truth, read.predicted), 'float32')).dataSync()[0];
    // Each row's loss (a built-in loss returns one per row; averaged over any further axes), for a paired comparison.
    const rows = heldOut.xs[0].shape[0] ?? 0;
    const rowLosses = perRow && total.size % rows === 0 ? Array.from(tf.mean(tf.reshape(total, [rows, -1]), 1).dataSync()) : undefined;
    return { loss: (tf.mean(total) as Scalar).dataSync()[0], ...(accuracy !== undefined ? { accuracy } : {}), ...(rowLosses ? { rowLosses } : {}) };
  });
}

/** The share of the held-out rows in their most frequent class: the best accuracy of a guess that reads no input. */
export function inputBlindAccuracy(tf: Tf, model: LayersModel, heldOut: NonNullable<Batch['heldOut']>): number | undefined {
  const inner = innerModel(model) as Inner;
  return tf.tidy(() => {
    const y = heldOut.ys[0];
    const classes = classesOf(tf, y, tf.zeros([1, ...inner.outputs[0].shape.slice(1).map((d) => d ?? 1)]));
    if (!classes) return undefined;
    const truth = classes.truth;
    const counts = tf.sum(tf.oneHot(tf.cast(truth, 'int32'), Math.max(2, tf.max(truth).dataSync()[0] + 1)), 0);
    return tf.max(counts).dataSync()[0] / (truth.shape[0] ?? 1);
  });
}

/**
 * The held-out rows' loss at the best prediction that reads no input: every row predicted as their labels' mean (class
 * frequencies for one-hot or sparse class labels). For a proper scoring rule (cross-entropy, squared error) no
 * prediction made without the inputs does better in expectation. Undefined when the loss cannot take it.
 */
export function inputBlindLoss(tf: Tf, model: LayersModel, heldOut: NonNullable<Batch['heldOut']>): number | undefined {
  const inner = innerModel(model) as Inner;
  const lossFunctions = inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
  try {
    const value = tf.tidy(() => {
      const total = lossFunctions.map((fn, i) => {
        const y = tf.cast(heldOut.ys[i], 'float32');
        const shape = inner.outputs[i].shape;
        const units = shape[shape.length - 1] ?? 1;
        // Sparse class indices against a wider output: the prediction is the classes' frequencies.
        const sparse = units > 1 && y.shape[y.shape.length - 1] === 1;
        const rows = sparse ? tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), units).toFloat() : y;
        const mean = tf.mean(tf.reshape(rows, [-1, sparse ? units : (y.shape[y.shape.length - 1] ?? 1)]), 0);
        const predicted = tf.mul(tf.onesLike(sparse ? tf.reshape(rows, [...y.shape.slice(0, -1), units]) : y), mean);
        return fn(y, predicted);
      }).reduce((a, b) => tf.add(a, b));
      return (tf.mean(total) as Scalar).dataSync()[0];
    });
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

type Rows = NonNullable<Batch['heldOut']>;

/**
 * Held-out loss (and accuracy) at every `every`-th step of a run of `steps` steps (k = 0 the initial weights, and the
 * last), on the first `limit` held-out rows; with the input-blind levels of those rows, as the probe message carries them.
 */
export class HeldOutCurve {
  readonly losses: number[] = [];
  readonly accuracies: number[] = [];
  private readonly rowsRead: Rows;

  /** `classes`: the first output predicts classes (a cross-entropy loss), so its accuracy is read too. */
  constructor(private readonly tf: Tf, private readonly model: LayersModel, heldOut: Rows, private readonly steps: number, readonly every: number, limit: number, private readonly classes: boolean) {
    const count = Math.min(limit, heldOut.xs[0].shape[0] ?? 0);
    this.rowsRead = count < (heldOut.xs[0].shape[0] ?? 0) ? { xs: heldOut.xs.map((t) => tf.slice(t, 0, count)), ys: heldOut.ys.map((t) => tf.slice(t, 0, count)) } : heldOut;
  }

  /** Call with the weights after `step` updates. */
  at(step: number): void {
    if (step > this.steps || (step % this.every !== 0 && step !== this.steps)) return;
    const { loss, accuracy, rowLosses } = heldOutReading(this.tf, this.model, this.rowsRead, this.classes, !this.classes);
    // A regression keeps each row's loss at its best reading: the counterfactual compares two runs row by row.
    if (rowLosses && !(Math.min(...this.losses) <= loss)) this.rowLosses = rowLosses;
    this.losses.push(loss);
    if (accuracy !== undefined) this.accuracies.push(accuracy);
  }

  private rowLosses?: number[];

  private blind?: number;

  /** Whether the readings so far already show transfer (core/labelRules.ts transferShown; a regression: by its loss). */
  transferSoFar(): boolean {
    const readings = { factor: 1, losses: this.losses, every: this.every, rows: this.rows };
    if (!this.classes) {
      this.baseline ??= inputBlindLoss(this.tf, this.model, this.rowsRead);
      return transferShown({ ...readings, baseline: this.baseline }, true);
    }
    if (!this.accuracies.length) return false;
    this.blind ??= inputBlindAccuracy(this.tf, this.model, this.rowsRead);
    return transferShown({ ...readings, accuracies: this.accuracies, blindAccuracy: this.blind });
  }

  private baseline?: number;

  get rows(): number {
    return this.rowsRead.xs[0].shape[0] ?? 0;
  }

  /** The readings as a `labels` probe message's fields (core/labelRules.ts reads them). */
  message(factor: number, fresh: boolean) {
    const baseline = inputBlindLoss(this.tf, this.model, this.rowsRead);
    const blindAccuracy = this.accuracies.length ? inputBlindAccuracy(this.tf, this.model, this.rowsRead) : undefined;
    return {
      type: 'probe', kind: 'labels', factor, losses: this.losses, every: this.every, rows: this.rows,
      ...(fresh ? { fresh } : {}),
      ...(baseline !== undefined ? { baseline } : {}),
      ...(blindAccuracy !== undefined ? { accuracies: this.accuracies, blindAccuracy } : {}),
      ...(fresh && this.rowLosses ? { rowLosses: this.rowLosses } : {}),
    } as const;
  }

  dispose(heldOut: Rows): void {
    if (this.rowsRead !== heldOut) this.tf.dispose([...this.rowsRead.xs, ...this.rowsRead.ys]);
  }
}

/** Not the permutation's seed: the control's linear map is drawn apart from every other draw. */
const CONTROL_SEED = 8765;

/**
 * The positive control's targets for a regression: a fixed random linear map of the (flattened) inputs, standardised,
 * carrying CONTROL_SIGNAL_SHARE of the variance, and seeded Gaussian noise the rest — targets that do depend on the
 * inputs, in the simplest way any of these models can represent, with noise as a real target has (noise slows what a few
 * steps learn as much as the signal's form), given the pool targets' mean and spread per column. For the pool and the
 * held-out rows alike (one map). Undefined for several inputs or outputs.
 */
export function linearControlTargets(tf: Tf, pool: Rows, heldOut: Rows): { pool: Tensor; heldOut: Tensor } | undefined {
  if (pool.xs.length !== 1 || pool.ys.length !== 1) return undefined;
  return tf.tidy(() => {
    const flat = (t: Tensor) => tf.reshape(tf.cast(t, 'float32'), [t.shape[0] ?? 0, -1]);
    const x = flat(pool.xs[0]);
    const y = flat(pool.ys[0]);
    const map = tf.randomNormal([x.shape[1] ?? 1, y.shape[1] ?? 1], 0, 1, 'float32', CONTROL_SEED);
    const projected = tf.matMul(x, map);
    const { mean, variance } = tf.moments(projected, 0);
    const target = tf.moments(y, 0);
    const sd = tf.sqrt(target.variance);
    const make = (xs: Tensor, seed: number) => {
      const signal = tf.div(tf.sub(tf.matMul(flat(xs), map), mean), tf.sqrt(tf.add(variance, 1e-12)));
      const noise = tf.randomNormal(signal.shape, 0, 1, 'float32', seed);
      const mixed = tf.add(tf.mul(signal, Math.sqrt(CONTROL_SIGNAL_SHARE)), tf.mul(noise, Math.sqrt(1 - CONTROL_SIGNAL_SHARE)));
      return tf.reshape(tf.add(tf.mul(mixed, sd), target.mean), [xs.shape[0] ?? 0, ...pool.ys[0].shape.slice(1)]);
    };
    return { pool: make(pool.xs[0], CONTROL_SEED + 1), heldOut: make(heldOut.xs[0], CONTROL_SEED + 2) };
  });
}

/** Which labels a fresh-batch run trains on: as given (factor 1), permuted among the pool's rows (0), or the
 *  positive control's (−1, regression: linearControlTargets). */
export type FreshLabels = 'given' | 'permuted' | 'control';
const FACTOR: Record<FreshLabels, number> = { given: 1, permuted: 0, control: -1 };
/** The runs in order: classes against the labels permuted; a regression also against the positive control (its guard:
 *  core/labelRules.ts). The labels as given come first, and end the probe when they show transfer. */
export const freshRuns = (regression: boolean): FreshLabels[] => (regression ? ['given', 'control', 'permuted'] : ['given', 'permuted']);
export const FRESH_NOTE: Record<FreshLabels, string> = { given: '', permuted: ' with the labels permuted', control: ' with targets a linear map of the inputs gives' };

/**
 * LABEL_PROBE_STEPS steps from the initial weights with the model's own optimizer settings, each on the next batch of
 * the pool (the script's rows but the held-out ones; cycled when it holds fewer), with the labels as given, permuted
 * among the pool's rows, or the control's; the held-out rows read along the way. Undefined without a pool or a
 * copyable optimizer; out of time (with the steps it took) once its pace says it would end past `deadline` on `clock`.
 */
export async function freshBatchesProbe(
  tf: Tf,
  model: LayersModel,
  initial: WeightSnapshot,
  batch: Batch,
  labels: FreshLabels,
  stochastic: boolean,
  classes: boolean,
  steps = LABEL_PROBE_STEPS,
  deadline = Number.POSITIVE_INFINITY,
  clock: ProbeClock = () => 0,
): Promise<ReturnType<HeldOutCurve['message']> & { trainLosses: number[] } | OutOfTime | undefined> {
  const pool = batch.heldOut && (await batch.pool?.());
  if (!pool || !batch.heldOut) return undefined;
  const poolRows = pool.xs[0].shape[0] ?? 0;
  const size = Math.min(batch.xs[0].shape[0] ?? 0, poolRows);
  if (size < 1) return undefined;
  const control = labels === 'control' ? linearControlTargets(tf, pool, batch.heldOut) : undefined;
  if (labels === 'control' && !control) return undefined;
  const heldOut = control ? { xs: batch.heldOut.xs, ys: [control.heldOut] } : batch.heldOut;
  const order = labels === 'permuted' ? tf.tensor1d(seededOrder(poolRows, PERMUTATION_SEED), 'int32') : undefined;
  const ys = control ? [control.pool] : order ? pool.ys.map((y) => tf.gather(y, order)) : pool.ys;
  order?.dispose();
  const batches = poolBatches(tf, pool, size, ys);
  // All the held-out rows, at the same steps as along the profile: on batches of a few rows the accuracy swings with
  // the classes of the last batch, so the best reading is kept, not the last.
  const curve = new HeldOutCurve(tf, model, heldOut, steps, LABEL_CHECK_EVERY, Number.MAX_SAFE_INTEGER, classes);
  try {
    // The labels as given: stopped as soon as the held-out rows show transfer (the verdict is then quiet whatever follows),
    // so a healthy model pays only for the steps it needs to show it. The control likewise: it has shown what it shows.
    // Past the time budget the run stops and judges nothing. Each run is projected on its own: the ones after it usually
    // stop early (at transfer), and a run that cannot fit stops itself, so the budget stays a cap on all of them.
    const pace = paceGuard(steps, deadline, 1, clock);
    const trainLosses = await rateProbe(tf, model, initial, batches.rowsAt, 1, steps, stochastic, (step) => {
      if (pace.overdue(step)) return false;
      curve.at(step);
      return labels === 'permuted' || !curve.transferSoFar();
    });
    if (pace.outOfTime) return { outOfTime: true, steps: pace.step };
    return trainLosses ? { ...curve.message(FACTOR[labels], true), trainLosses } : undefined;
  } finally {
    batches.dispose();
    if (ys !== pool.ys) tf.dispose(ys);
    curve.dispose(heldOut);
    if (control) tf.dispose([control.pool, control.heldOut]);
  }
}
