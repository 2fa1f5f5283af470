// Watch reads the validation a script computes itself, not only fit()'s val_loss: its own model.evaluate(x, y) and
// model.evaluateDataset(ds) calls on the watched model — in a loop of fit({epochs: 1}) calls, in an onEpochEnd
// callback, between trainOnBatch steps. A call on rows the model trains on (the very tensor or dataset given to
// fit/fitDataset/trainOnBatch, or a tensor of equal shape and values) is a training loss, not validation, and is not
// read. Each reading is paired with the mean training loss of the steps since that held-out set's previous reading, as
// fit()'s epoch `loss` is the mean of its batches' (core/overfittingRule.ts judges the pairs).
import type { Tensor } from '@tensorflow/tfjs';
import type { ValidationSource, WatchValidation } from '../core/watchProtocol';
import { userCallSite } from './callSites';
import type { Tf } from './tfjsResolve';

type Evaluated = Tensor | Tensor[];

/**
 * How many distinct fit() inputs are remembered as training rows. A script that builds a new x every epoch (augmented
 * or freshly sampled rows) would otherwise grow the set with its run; its evaluate() on training rows comes right after
 * the fit() that trained on them (the loop's own training loss), so the latest fits are the ones that matter. 64 also
 * covers a loop that fits each of up to 64 fixed chunks of a dataset in turn; past that, evaluate() on the oldest chunk
 * reads as validation. A fingerprint is a short string: the set stays a few kilobytes whatever the run's length.
 */
export const TRAINING_SETS_KEPT = 64;

/** The first tensor of evaluate()'s x (a tensor, an array of them, or a name → tensor map). */
function firstTensor(tf: Tf, x: unknown): Tensor | undefined {
  if (x instanceof tf.Tensor) return x;
  if (Array.isArray(x)) return x.find((t) => t instanceof tf.Tensor);
  if (x && typeof x === 'object') return Object.values(x).find((t) => t instanceof tf.Tensor);
  return undefined;
}

export class ValidationReader {
  /** Sum and count of the finite step losses recorded so far. */
  private lossSum = 0;
  private lossCount = 0;
  /** Per held-out set, the sums at its previous reading. */
  private readonly marks = new Map<string, { sum: number; count: number }>();
  /**
   * What the model trains on: the fingerprints of fit's latest TRAINING_SETS_KEPT x tensors (insertion order = age)
   * and the tensors themselves, weakly (held by the script, not by us); fitDataset's datasets; the latest trainOnBatch
   * x, compared value by value (one tensor, replaced every step: fingerprinting each batch would read back every step).
   */
  private readonly trainingPrints = new Set<string>();
  private fitInputs = new WeakSet<Tensor>();
  private latestBatch: Tensor | undefined;
  private readonly trainingObjects = new WeakSet<object>();
  private readonly datasetKeys = new WeakMap<object, string>();
  private datasets = 0;

  constructor(
    private readonly tf: Tf,
    private readonly context: { isWatched(model: object): boolean; position(): { step: number; epoch: number } | undefined },
    private readonly emit: (reading: WatchValidation) => void,
  ) {}

  /** Every recorded optimizer step's loss. */
  noteStep(loss: number): void {
    if (!Number.isFinite(loss)) return;
    this.lossSum += loss;
    this.lossCount++;
  }

  /** A training call's data (fit's x, fitDataset's dataset, trainOnBatch's x): evaluate() on it is no validation. */
  noteTraining(method: 'fit' | 'fitDataset' | 'trainOnBatch', data: unknown): void {
    if (method === 'fitDataset') {
      if (data && typeof data === 'object') this.trainingObjects.add(data);
      return;
    }
    const x = firstTensor(this.tf, data);
    if (!x) return;
    if (method === 'trainOnBatch') {
      // Only the latest batch: the loop's earlier ones are gone.
      this.trainingPrints.clear();
      this.fitInputs = new WeakSet();
      this.latestBatch = x;
      return;
    }
    this.fitInputs.add(x);
    const { print } = this.fingerprint(x);
    this.trainingPrints.delete(print); // re-inserted as the newest
    this.trainingPrints.add(print);
    if (this.trainingPrints.size > TRAINING_SETS_KEPT) this.trainingPrints.delete(this.trainingPrints.values().next().value!);
  }

  /** Wraps evaluate/evaluateDataset of LayersModel and Sequential (Sequential's call its inner model's: one reading). */
  intercept(): void {
    const isWatched = (model: object) => this.context.isWatched(model);
    const read = (source: ValidationSource, data: unknown, result: Evaluated, at?: ReturnType<typeof userCallSite>) => this.read(source, data, result, at ?? userCallSite());
    let depth = 0;
    for (const cls of [this.tf.LayersModel, this.tf.Sequential]) {
      const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
      if (Object.prototype.hasOwnProperty.call(proto, 'evaluate')) {
        const evaluate = proto.evaluate;
        proto.evaluate = function (this: object, ...args: unknown[]) {
          if (depth > 0 || !isWatched(this)) return evaluate.apply(this, args);
          depth++;
          let result: Evaluated;
          try {
            result = evaluate.apply(this, args) as Evaluated;
          } finally {
            depth--;
          }
          read('evaluate', args[0], result);
          return result;
        };
      }
      if (Object.prototype.hasOwnProperty.call(proto, 'evaluateDataset')) {
        const evaluateDataset = proto.evaluateDataset;
        proto.evaluateDataset = async function (this: object, ...args: unknown[]) {
          if (depth > 0 || !isWatched(this)) return evaluateDataset.apply(this, args);
          const at = userCallSite();
          depth++;
          let result: Evaluated;
          try {
            result = (await evaluateDataset.apply(this, args)) as Evaluated;
          } finally {
            depth--;
          }
          read('evaluateDataset', args[0], result, at);
          return result;
        };
      }
    }
  }

  private read(source: ValidationSource, data: unknown, result: Evaluated, at: ReturnType<typeof userCallSite>): void {
    try {
      const position = this.context.position();
      if (!position) return; // evaluated before the first training step: no training loss to pair it with
      const held = this.heldOut(source, data);
      if (!held) return;
      const mark = this.marks.get(held.key) ?? { sum: 0, count: 0 };
      if (this.lossCount === mark.count) return; // evaluated again without training in between
      const lossTensor = Array.isArray(result) ? result[0] : result;
      if (!lossTensor || lossTensor.isDisposed) return;
      const loss = lossTensor.dataSync()[0];
      const trainLoss = (this.lossSum - mark.sum) / (this.lossCount - mark.count);
      this.marks.set(held.key, { sum: this.lossSum, count: this.lossCount });
      this.emit({ ...position, source, loss, trainLoss, key: held.key, ...(held.rows ? { rows: held.rows } : {}), ...(at ? { file: at.file, line: at.line, column: at.column } : {}) });
    } catch {
      // Reading validation must never break the user's run.
    }
  }

  /** The held-out set's key and rows, or undefined when evaluate() ran on training data. */
  private heldOut(source: ValidationSource, data: unknown): { key: string; rows?: number } | undefined {
    if (source === 'evaluateDataset') {
      if (!data || typeof data !== 'object' || this.trainingObjects.has(data)) return undefined;
      let key = this.datasetKeys.get(data);
      if (!key) this.datasetKeys.set(data, (key = `dataset ${++this.datasets}`));
      return { key };
    }
    const x = firstTensor(this.tf, data);
    if (!x || x.isDisposed) return undefined;
    if (this.fitInputs.has(x) || (this.latestBatch && (this.latestBatch === x || this.sameValues(this.latestBatch, x)))) return undefined;
    const { print, sum, finite } = this.fingerprint(x);
    // Equal values give equal fingerprints; a non-finite one says nothing about the values (NaN ≠ NaN, as tf.equal has it).
    if (finite && this.trainingPrints.has(print)) return undefined;
    // The same rows evaluated again (even as a new tensor each time) are the same held-out set: shape and sum.
    return { key: `${x.shape.join('x')}:${sum}`, rows: x.shape[0] };
  }

  /**
   * A tensor's shape, dtype and three sums of its values: all of them, and weighted by row index and by column index
   * (the rest of each row), so that equal tensors always agree and the same values in another row or column order do
   * not. Two different sets of rows agreeing on all three float sums would take a constructed coincidence.
   */
  private fingerprint(x: Tensor): { print: string; sum: number; finite: boolean } {
    const tf = this.tf;
    const [sum, byRow, byColumn] = tf.tidy(() => {
      const total = tf.sum(tf.cast(x, 'float32'));
      const rows = x.shape.length ? x.shape[0] : 1;
      if (!x.size) return [total.dataSync()[0], 0, 0];
      const columns = x.size / rows;
      const matrix = tf.reshape(tf.cast(x, 'float32'), [rows, columns]);
      const weighted = (sums: Tensor, n: number) => tf.sum(tf.mul(sums, tf.range(1, n + 1)));
      return Array.from(tf.stack([total, weighted(tf.sum(matrix, 1), rows), weighted(tf.sum(matrix, 0), columns)]).dataSync());
    });
    return { print: `${x.shape.join('x')} ${x.dtype} ${sum} ${byRow} ${byColumn}`, sum, finite: [sum, byRow, byColumn].every(Number.isFinite) };
  }

  private sameValues(a: Tensor, b: Tensor): boolean {
    if (a.isDisposed || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i]) || a.dtype !== b.dtype) return false;
    const tf = this.tf;
    return tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1);
  }
}
