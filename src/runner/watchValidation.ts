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
  /** What the model trains on: fit's x tensors, fitDataset's datasets, the latest trainOnBatch x. */
  private readonly trainingTensors: Tensor[] = [];
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
    if (method === 'trainOnBatch') this.trainingTensors.length = 0; // only the latest batch: the loop's earlier ones are gone
    if (!this.trainingTensors.includes(x)) this.trainingTensors.push(x);
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
    if (this.trainingTensors.some((t) => t === x || this.sameValues(t, x))) return undefined;
    // The same rows evaluated again (even as a new tensor each time) are the same held-out set: shape and sum.
    const sum = this.tf.tidy(() => this.tf.sum(this.tf.cast(x, 'float32')).dataSync()[0]);
    return { key: `${x.shape.join('x')}:${sum}`, rows: x.shape[0] };
  }

  private sameValues(a: Tensor, b: Tensor): boolean {
    if (a.isDisposed || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i]) || a.dtype !== b.dtype) return false;
    const tf = this.tf;
    return tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1);
  }
}
