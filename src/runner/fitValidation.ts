// The rows a training script validates on, read from its fit() call: the over-regularization verdict judges a
// penalty by them (runner/validationRows.ts, core/regularizationRules.ts).
import type { Tensor } from '@tensorflow/tfjs';
import { innerModel } from './innerModel';
import type { Capture } from './discovery';
import type { PenaltyProbe } from '../core/healthModel';
import type { Tf } from './tfjsResolve';

/** Most validation rows read: a loss over 256 rows is steady to a few per cent, and a reading stays one small pass. */
export const VALIDATION_ROWS = 256;
/** Fewest rows a validation reading is trusted on (data.ts MIN_PROFILE_ROWS: a loss over fewer moves by chance). */
export const MIN_VALIDATION_ROWS = 32;

export type ValidationRows = { xs: Tensor[]; ys: Tensor[]; source: PenaltyProbe['source'] };

/** fit() reads a rank-1 array as one column, as data.ts asFitReads does for the training rows. */
const column = (tf: Tf, t: Tensor) => (t.rank === 1 ? tf.expandDims(t, 1) : t);

function tensors(tf: Tf, value: unknown, count: number): Tensor[] | undefined {
  const list = count > 1 || (Array.isArray(value) && value[0] instanceof tf.Tensor) ? value : [value];
  if (!Array.isArray(list) || list.length !== count) return undefined;
  try {
    return list.map((v) => column(tf, v instanceof tf.Tensor ? v : tf.tensor(v as number[])));
  } catch {
    return undefined; // not rectangular numbers: fit() itself will say so; no validation evidence here
  }
}

function firstRows(tf: Tf, rows: { xs: Tensor[]; ys: Tensor[] }, limit: number): { xs: Tensor[]; ys: Tensor[] } {
  const cut = (t: Tensor) => ((t.shape[0] ?? 0) > limit ? tf.slice(t, 0, limit) : t);
  return { xs: rows.xs.map(cut), ys: rows.ys.map(cut) };
}

/**
 * The rows fit() validates on: its `validationData` ([x, y] or [x, y, weights]), else the last `validationSplit` share
 * of its rows (tfjs and Keras split before shuffling), less any the profiled batch took. Undefined when it has neither
 * or fewer than MIN_VALIDATION_ROWS.
 */
export function fitValidation(tf: Tf, capture: Capture, all: { xs: Tensor[]; ys: Tensor[] }, batchRows: readonly number[]): ValidationRows | undefined {
  if (capture.method !== 'fit') return undefined;
  const inner = innerModel(capture.model);
  const config = capture.args[2] as { validationData?: unknown; validationSplit?: unknown } | undefined;
  const given = config?.validationData;
  if (Array.isArray(given) && given.length >= 2) {
    const xs = tensors(tf, given[0], inner.inputs.length);
    const ys = tensors(tf, given[1], inner.outputs.length);
    if (!xs || !ys || (xs[0].shape[0] ?? 0) < MIN_VALIDATION_ROWS) return undefined;
    return { ...firstRows(tf, { xs, ys }, VALIDATION_ROWS), source: 'validationData' };
  }
  const split = config?.validationSplit;
  if (typeof split !== 'number' || !(split > 0 && split < 1)) return undefined;
  const rows = all.xs[0]?.shape[0] ?? 0;
  const taken = new Set(batchRows);
  const indices = Array.from({ length: rows - Math.floor(rows * (1 - split)) }, (_, i) => Math.floor(rows * (1 - split)) + i).filter((i) => !taken.has(i)).slice(0, VALIDATION_ROWS);
  if (indices.length < MIN_VALIDATION_ROWS) return undefined;
  const picked = tf.tensor1d(indices, 'int32');
  try {
    return { xs: all.xs.map((t) => tf.gather(t, picked)), ys: all.ys.map((t) => tf.gather(t, picked)), source: 'validationSplit' };
  } finally {
    picked.dispose();
  }
}


/** fitValidation on the first call, remembered; undefined if the script has disposed its data by then. */
export function fitValidationOnce(tf: Tf, capture: Capture, all: { xs: Tensor[]; ys: Tensor[] }, batchRows: readonly number[]): () => ValidationRows | undefined {
  let rows: ValidationRows | undefined | null = null;
  return () => {
    if (rows !== null) return rows;
    try {
      return (rows = fitValidation(tf, capture, all, batchRows));
    } catch {
      return (rows = undefined); // the script disposed its data by then: no rows to read
    }
  };
}
