// The batch to profile on: captured from fit/fitDataset/trainOnBatch, a `sampleBatch` export, or
// synthesized from the model's input shapes and loss. Always returned as tensors, one per input/output.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { RUN_DEFAULTS } from '../core/defaults';
import { JUDGED_LOSS, LABEL_PROBE_STEPS, MIN_JUDGED_BATCH } from '../core/labelRules';
import { datasetRows, firstDatasetElement, nextElement, type DatasetIterator } from './datasetRows';
import { seededRandom } from '../core/random';
import { DiscoveryError, type Capture } from './discovery';
import { innerModel } from './innerModel';
import { pullWithSites } from './tensorSites';
import { rejectStrings } from './stringData';
import type { SourceLocation } from '../core/protocol';
import type { Tf } from './tfjsResolve';
import { fitValidationOnce, type ValidationRows } from './fitValidation';
import { DATA_SEED, lossNames, synthesizeBatch } from './modelShapes';
import type { RateSchedule } from './rateSchedule';

export interface Batch {
  xs: Tensor[];
  ys: Tensor[];
  source: 'fit' | 'sampleBatch' | 'synthetic';
  note: string;
  /** The optimizer steps the script's own fit()/fitDataset() call plans (epochs × batches per epoch), when it says. */
  plannedSteps?: number;
  /** All the labels the script's fit() call was given (not only this batch's rows), per output. */
  labels?: Tensor[];
  /** With labels: all the inputs the script's fit() call was given, per model input (runner/labelBalance.ts counts tokens). */
  inputs?: Tensor[];
  /** The inputs of every row the script's fit() call trains on (validationSplit's rows left out), per input: what a
   *  quadratic loss's curvature is measured on (runner/curvatureProbe.ts). */
  trainingInputs?: () => Tensor[];
  /** fit()'s batches per epoch, when known: 1 means every step sees the whole training set (full-batch descent). */
  batchesPerEpoch?: number;
  /** The batch size the script's fit() trains with, when it says (the profiled batch may be wider: MIN_PROFILE_ROWS). */
  scriptBatch?: number;
  /** Rows in each optimizer step of the script's own plan, when known: fit()'s batchSize (tfjs's default 32) up to its training
   *  rows, trainOnBatch()'s rows, fitDataset()'s first element's rows. What a loss summed over the batch is multiplied by. */
  stepRows?: number;
  /** fitDataset(): the lines that made the batch's inputs and targets, where user code made them (tensorSites.pullWithSites). */
  datasetSites?: { inputs: (SourceLocation | undefined)[]; targets: (SourceLocation | undefined)[] };
  /** Rows of the script's fit() data that are not in this batch (fitDataset(): the elements after its own), up to
   *  WIDE_HELD_OUT_ROWS, when it has them: what the profiled steps learn is judged on them (runner/labelProbe.ts). */
  heldOut?: { xs: Tensor[]; ys: Tensor[] };
  /** With heldOut: the other rows, up to LABEL_PROBE_STEPS batches (runner/labelProbe.ts), copied (fitDataset: pulled)
   *  on the first call, by a probe that needs them; undefined if the script has disposed its data by then. */
  pool?: () => Promise<{ xs: Tensor[]; ys: Tensor[] } | undefined>;
  /** fit()'s validationData, or its validationSplit rows the batch did not take (runner/validationRows.ts), copied on
   *  the first call; undefined when it has neither. */
  validation?: () => ValidationRows | undefined;
  /** The rate each planned step takes when the script's fit() callbacks set one (runner/rateSchedule.ts): the profile and the plan probes follow it. */
  rateSchedule?: RateSchedule;
}

export { innerModel } from './innerModel';

const DEFAULT_BATCH = RUN_DEFAULTS.syntheticBatchSize;

function toTensor(tf: Tf, value: unknown, what: string): Tensor {
  if (value instanceof tf.Tensor) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    try {
      return tf.tensor(value as number[]);
    } catch (error) {
      throw new DiscoveryError('bad-data', `${what} is not a rectangular number array: ${(error as Error).message}`);
    }
  }
  throw new DiscoveryError('bad-data', `${what} must be a tf.Tensor or a nested number array, got ${value === null ? 'null' : typeof value}.`);
}

function toTensorList(tf: Tf, value: unknown, count: number, what: string): Tensor[] {
  if (count > 1) {
    if (!Array.isArray(value) || value.length !== count) {
      throw new DiscoveryError('bad-data', `${what} must be an array of ${count} tensors/arrays (the model has ${count}), got ${Array.isArray(value) ? `${value.length}` : typeof value}.`);
    }
    return value.map((v, i) => toTensor(tf, v, `${what}[${i}]`));
  }
  if (Array.isArray(value) && value.length === 1 && (value[0] instanceof tf.Tensor)) return [value[0]];
  return [toTensor(tf, value, what)];
}

function sliceBatch(tf: Tf, tensors: Tensor[], size: number): Tensor[] {
  return tensors.map((t) => (t.shape[0] !== undefined && t.shape[0] > size ? tf.slice(t, 0, size) : t));
}

/**
 * Fewest examples the profile judges a script's training on when its own batches are smaller (and no batch
 * size was asked for): on one example a ReLU unit is "dead" half the time by chance, and an all-zero example
 * has an exactly zero gradient below every ReLU; the mean gradient of 32 is what the script's steps follow
 * on average. docs/rules/evidence.md.
 */
export const MIN_PROFILE_ROWS = 32;

/**
 * fit() and trainOnBatch() read a rank-1 array as one column (tfjs-layers standardizeInputData expands it to [n, 1],
 * as Keras does), so labels given as tensor1d train a Dense(1) output: the profiled batch takes them the same way.
 */
const asFitReads = (tf: Tf, tensors: Tensor[]): Tensor[] => tensors.map((t) => (t.rank === 1 ? tf.expandDims(t, 1) : t));

/** The x/y the intercepted fit/trainOnBatch call was given, whole, and the batch size it would train with. */
function capturedArrays(tf: Tf, capture: Capture, batchSize: number | undefined): { xs: Tensor[]; ys: Tensor[]; size: number; scriptBatch?: number } {
  const inner = innerModel(capture.model);
  const [x, y, config] = capture.args;
  const fitBatch = (config as { batchSize?: number } | undefined)?.batchSize;
  return {
    xs: asFitReads(tf, toTensorList(tf, x, inner.inputs.length, `${capture.method} x`)),
    ys: asFitReads(tf, toTensorList(tf, y, inner.outputs.length, `${capture.method} y`)),
    size: batchSize ?? (fitBatch !== undefined ? Math.max(fitBatch, MIN_PROFILE_ROWS) : capture.method === 'fit' ? DEFAULT_BATCH : Number.MAX_SAFE_INTEGER),
    scriptBatch: fitBatch,
  };
}

function datasetElementTensors(tf: Tf, capture: Capture, element: { xs: unknown; ys: unknown }): { xs: Tensor[]; ys: Tensor[] } {
  const inner = innerModel(capture.model);
  const xs = toTensorList(tf, element.xs, inner.inputs.length, 'fitDataset xs');
  const ys = toTensorList(tf, element.ys, inner.outputs.length, 'fitDataset ys');
  rejectStrings(capture, xs, 'xs');
  rejectStrings(capture, ys, 'ys');
  return { xs, ys };
}

export async function batchFromCapture(tf: Tf, capture: Capture, batchSize: number | undefined): Promise<Batch> {
  const note = `the first batch of the script's ${capture.method}() call`;
  if (capture.method === 'fitDataset') {
    const iterator = await (capture.args[0] as { iterator(): Promise<DatasetIterator> }).iterator();
    const { xs, ys, sites } = await pullWithSites(async () => datasetElementTensors(tf, capture, await firstDatasetElement(iterator)));
    const size = batchSize ?? Number.MAX_SAFE_INTEGER;
    const batch = { xs: sliceBatch(tf, xs, size), ys: sliceBatch(tf, ys, size) };
    const taken = batch.xs[0]?.shape[0] ?? 0;
    const next = async () => ((element) => element && datasetElementTensors(tf, capture, element))(await nextElement(iterator));
    const sizes = { heldOutRows: Math.max(taken, WIDE_HELD_OUT_ROWS), fewest: HELD_OUT_ROWS, poolRows: poolRowsFor(taken) };
    const split = judgesLabels(capture.model, taken) ? await datasetRows(tf, next, { xs, ys }, sizes) : undefined;
    const elementRows = xs[0]?.shape[0];
    return { ...batch, ...(split ?? {}), source: 'fit', note, plannedSteps: trainingStepsOf(capture, undefined), datasetSites: sites, ...(elementRows ? { stepRows: elementRows } : {}) };
  }
  const captured = capturedArrays(tf, capture, batchSize);
  rejectStrings(capture, captured.xs, 'x');
  rejectStrings(capture, captured.ys, 'y');
  const { size, scriptBatch } = captured;
  const rows = captured.xs[0]?.shape[0] ?? 0;
  // fit() shuffles its rows before batching unless told not to: its first batch is a random draw, not the
  // first rows in file order (one class, or an all-zero row, when the data is sorted).
  const shuffles = capture.method === 'fit' && (capture.args[2] as { shuffle?: unknown } | undefined)?.shuffle !== false;
  const order = shuffles && rows > size ? seededOrder(rows) : undefined;
  const draw = order && tf.tensor1d(order.slice(0, size), 'int32');
  const xs = draw ? captured.xs.map((t) => tf.gather(t, draw)) : sliceBatch(tf, captured.xs, size);
  const ys = draw ? captured.ys.map((t) => tf.gather(t, draw)) : sliceBatch(tf, captured.ys, size);
  draw?.dispose();
  const taken = Math.min(rows, size);
  const fileOrder = capture.method === 'fit' ? (order ?? Array.from({ length: rows }, (_, i) => i)) : undefined;
  const split = fileOrder && heldOutRows(tf, captured, fileOrder, taken, rows);
  const widened = batchSize === undefined && scriptBatch !== undefined && taken > scriptBatch;
  const perEpoch = capture.method === 'fit' ? fitStepsPerEpoch(capture, rows, scriptBatch) : undefined;
  return {
    xs,
    ys,
    // All of fit()'s labels (a trainOnBatch call holds one batch only: too few to count classes by).
    ...(capture.method === 'fit' ? { labels: captured.ys, inputs: captured.xs, trainingInputs: () => trainingRows(tf, capture, captured.xs, rows) } : {}),
    ...(split ?? {}),
    // Copied only by a profile whose penalty decides the step (runner/validationRows.ts), not on every fit().
    ...(fileOrder ? { validation: fitValidationOnce(tf, capture, captured, fileOrder.slice(0, taken)) } : {}),
    source: 'fit',
    plannedSteps: trainingStepsOf(capture, perEpoch),
    batchesPerEpoch: perEpoch,
    ...(scriptBatch !== undefined ? { scriptBatch } : {}),
    ...stepRowsOf(capture, rows, scriptBatch),
    note:
      (draw
        ? `a batch of ${taken} rows of the script's ${capture.method}() call, drawn as ${capture.method}() shuffles them (seeded)`
        : widened
          ? taken === rows
            ? `all ${taken} rows of the script's ${capture.method}() call`
            : `the first ${taken} of the ${rows} rows of the script's ${capture.method}() call, in its order`
          : note) +
      (widened ? `, where the script trains on batches of ${scriptBatch}: fewer examples say little about dead units or vanishing gradients` : ''),
  };
}

/** fit()'s validationSplit: the share of the rows (the last ones, before shuffling) it validates on instead of training. */
function splitOf(capture: Capture): number {
  const split = (capture.args[2] as { validationSplit?: unknown } | undefined)?.validationSplit;
  return typeof split === 'number' && split > 0 && split < 1 ? split : 0;
}

/** The rows fit() trains on: all of them, or the first ⌊rows·(1 − validationSplit)⌋ (copies: the caller disposes them);
 *  none once the script has disposed its data. */
function trainingRows(tf: Tf, capture: Capture, xs: Tensor[], rows: number): Tensor[] {
  if (xs.some((t) => t.isDisposed)) return [];
  const split = splitOf(capture);
  return split ? xs.map((t) => tf.slice(t, 0, Math.floor(rows * (1 - split)))) : xs.map((t) => tf.clone(t));
}

/** The rows each of the script's steps trains on: trainOnBatch() all it is given, fit() its batchSize (default 32) up to its training rows. */
function stepRowsOf(capture: Capture, rows: number, scriptBatch: number | undefined): { stepRows?: number } {
  const split = splitOf(capture);
  const training = capture.method === 'fit' && split ? Math.floor(rows * (1 - split)) : rows;
  if (training <= 0) return {};
  return { stepRows: capture.method === 'fit' ? Math.min(scriptBatch ?? 32, training) : training };
}

/** fit() steps ⌈training rows / batchSize⌉ times an epoch (tfjs's default batchSize is 32; validationSplit holds rows out). */
function fitStepsPerEpoch(capture: Capture, rows: number, scriptBatch: number | undefined): number | undefined {
  const split = splitOf(capture);
  const training = split ? Math.floor(rows * (1 - split)) : rows;
  return training > 0 ? Math.ceil(training / (scriptBatch ?? 32)) : undefined;
}

/** Every row index of `rows`, in a seeded random order (the same on every run). */
export function seededOrder(rows: number, seed = DATA_SEED): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Held-out rows: never fewer than the fewest examples the profile judges on (MIN_PROFILE_ROWS): a loss over fewer moves
 * by chance more than by learning. The profiled steps read max(batch, HELD_OUT_ROWS) of them at a few steps; the
 * fresh-batch probes, run only when that showed nothing, read up to WIDE_HELD_OUT_ROWS at their start and end (an
 * accuracy's binomial error over 128 rows is half that over 32).
 */
export const HELD_OUT_ROWS = MIN_PROFILE_ROWS;
export const WIDE_HELD_OUT_ROWS = 128;

/** The label probe's pool: LABEL_PROBE_STEPS of its batches. */
const poolRowsFor = (taken: number) => LABEL_PROBE_STEPS * taken;

/** Whether labels-unrelated can judge the model's output and batch (one output, a class loss, MIN_JUDGED_BATCH rows):
 *  only then are a dataset's rows held out (pulling them runs the script's data pipeline). */
const judgesLabels = (model: LayersModel, taken: number) => {
  const losses = lossNames(model);
  return losses.length === 1 && JUDGED_LOSS.test(losses[0]) && taken >= MIN_JUDGED_BATCH;
};

/**
 * The rows after the batch's in the same order (fit()'s shuffle or the file's), when there are enough of them, and the
 * rest as the pool the label probe trains on: up to LABEL_PROBE_STEPS batches, so a large data set is not copied whole,
 * and copied only when the probe needs it (20 batches of images are hundreds of MB).
 */
function heldOutRows(tf: Tf, captured: { xs: Tensor[]; ys: Tensor[] }, order: number[], taken: number, rows: number): Pick<Batch, 'heldOut' | 'pool'> | undefined {
  const count = Math.min(rows - taken, Math.max(taken, WIDE_HELD_OUT_ROWS));
  if (count < HELD_OUT_ROWS) return undefined;
  const rest = [...order.slice(0, taken), ...order.slice(taken + count)].slice(0, poolRowsFor(taken));
  const take = (indices: number[]) => {
    const picked = tf.tensor1d(indices, 'int32');
    try {
      return { xs: captured.xs.map((t) => tf.gather(t, picked)), ys: captured.ys.map((t) => tf.gather(t, picked)) };
    } finally {
      picked.dispose();
    }
  };
  let pool: { xs: Tensor[]; ys: Tensor[] } | undefined;
  const disposed = () => [...captured.xs, ...captured.ys].some((t) => t.isDisposed);
  return { heldOut: take(order.slice(taken, taken + count)), pool: async () => (pool ??= disposed() ? undefined : take(rest)) };
}

/** Everything the LR range test cycles through: equal-sized batches of the available data. */
export interface Batches {
  /** A dataset's batches; for whole x/y arrays (`rows`) only their first batch (shape checks, batch size). */
  batches: { xs: Tensor[]; ys: Tensor[] }[];
  /** Whole x/y arrays (fit() or sampleBatch data) and the batch size: the sweep cuts new batches from their reshuffled rows every pass. */
  rows?: { xs: Tensor[]; ys: Tensor[]; size: number };
  source: Batch['source'];
  note: string;
  /** The optimizer steps of the script's own training call (epochs × batches per epoch), when it says. */
  trainingSteps?: number;
}

/** epochs × batches per epoch of an intercepted fit()/fitDataset() call, when its config gives them. */
function trainingStepsOf(capture: Capture, batchesPerEpoch: number | undefined): number | undefined {
  if (capture.method === 'trainOnBatch') return undefined;
  const config = (capture.method === 'fit' ? capture.args[2] : capture.args[1]) as { epochs?: unknown; batchesPerEpoch?: unknown } | undefined;
  const epochs = typeof config?.epochs === 'number' && config.epochs > 0 ? config.epochs : 1;
  const perEpoch = capture.method === 'fitDataset' ? (typeof config?.batchesPerEpoch === 'number' ? config.batchesPerEpoch : undefined) : batchesPerEpoch;
  return perEpoch ? Math.round(epochs * perEpoch) : undefined;
}

/**
 * Whole x/y tensors as the sweep's data: their first batch of `size` rows and how many batches a pass
 * holds (⌊rows/size⌋: a smaller remainder is left out, so every batch is alike; fewer rows than size:
 * one batch of all of them).
 */
function wholeRows(tf: Tf, xs: Tensor[], ys: Tensor[], size: number): Pick<Batches, 'batches' | 'rows'> & { perPass: number; take: number } {
  const rows = xs[0].shape[0] ?? 1;
  const take = Math.min(size, rows);
  const first = (t: Tensor) => (take === rows ? t : tf.slice(t, 0, take));
  return { batches: [{ xs: xs.map(first), ys: ys.map(first) }], rows: { xs, ys, size: take }, perPass: Math.floor(rows / take), take };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;

/**
 * The LR range test's data, on the same paths as profiling but all of it: the intercepted call's whole
 * x/y split by its batch size (fitDataset: up to `maxBatches` elements), else the exported sampleBatch
 * (split by batchSize when given), else one synthetic batch, flagged: with random labels the curve only
 * shows where training diverges.
 */
export async function sweepBatches(
  tf: Tf,
  model: LayersModel,
  capture: Capture | undefined,
  sampleBatch: unknown,
  batchSize: number | undefined,
  maxBatches: number,
): Promise<Batches> {
  if (capture?.method === 'fitDataset') {
    const iterator = await (capture.args[0] as { iterator(): Promise<DatasetIterator> }).iterator();
    const batches: Batches['batches'] = [];
    while (batches.length < maxBatches) {
      const element = await nextElement(iterator);
      if (!element) break;
      const { xs, ys } = datasetElementTensors(tf, capture, element);
      batches.push({ xs: sliceBatch(tf, xs, batchSize ?? Number.MAX_SAFE_INTEGER), ys: sliceBatch(tf, ys, batchSize ?? Number.MAX_SAFE_INTEGER) });
    }
    if (!batches.length) throw new DiscoveryError('bad-data', 'The dataset passed to fitDataset yielded no batch.');
    return { batches, source: 'fit', note: `${plural(batches.length, 'batch')} of the script's fitDataset() call`, trainingSteps: trainingStepsOf(capture, undefined) };
  }
  if (capture) {
    const { xs, ys, size } = capturedArrays(tf, capture, batchSize);
    const { perPass, take, ...data } = wholeRows(tf, xs, ys, size);
    // fit() runs a smaller last batch too: ⌈rows/size⌉ steps per epoch.
    const perEpoch = Math.ceil((xs[0].shape[0] ?? take) / take);
    return { ...data, source: 'fit', note: `the script's ${capture.method}() data in ${plural(perPass, 'batch')} of ${take}`, trainingSteps: trainingStepsOf(capture, perEpoch) };
  }
  if (sampleBatch !== undefined) {
    const { xs, ys } = await batchFromExport(tf, model, sampleBatch, undefined);
    const { perPass, take, ...data } = wholeRows(tf, xs, ys, batchSize ?? Number.MAX_SAFE_INTEGER);
    return { ...data, source: 'sampleBatch', note: `the exported sampleBatch in ${plural(perPass, 'batch')} of ${take}` };
  }
  const { xs, ys, note } = synthesizeBatch(tf, model, batchSize);
  return { batches: [{ xs, ys }], source: 'synthetic', note: `${note} — random labels: the curve only shows where training diverges, not a good learning rate` };
}

export async function batchFromExport(tf: Tf, model: LayersModel, sampleBatch: unknown, batchSize: number | undefined): Promise<Batch> {
  const inner = innerModel(model);
  const value = typeof sampleBatch === 'function' ? await (sampleBatch as () => unknown)() : sampleBatch;
  if (!value || typeof value !== 'object' || !('xs' in value) || !('ys' in value)) {
    throw new DiscoveryError('bad-data', 'sampleBatch must be (or return) an object {xs, ys}.');
  }
  const { xs, ys } = value as { xs: unknown; ys: unknown };
  const size = batchSize ?? Number.MAX_SAFE_INTEGER;
  return {
    xs: sliceBatch(tf, toTensorList(tf, xs, inner.inputs.length, 'sampleBatch xs'), size),
    ys: sliceBatch(tf, toTensorList(tf, ys, inner.outputs.length, 'sampleBatch ys'), size),
    source: 'sampleBatch',
    note: 'the exported sampleBatch',
  };
}
