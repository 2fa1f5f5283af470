// Held-out rows and the label probe's pool for a fitDataset() call (runner/labelProbe.ts reads them), taken from the
// same iterator as the profiled batch: a tf.data iterator restarts its pipeline and, with shuffle(), reshuffles it,
// so a second iterator could hand back the profiled batch's own rows as "held out". The profile stops the script at
// fitDataset() and the runner exits afterwards, so what is pulled here is never missing from a training run; the LR
// sweep pulls its batches the same way (data.ts sweepBatches).
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';
import { DiscoveryError } from './discovery';

type Rows = { xs: Tensor[]; ys: Tensor[] };

export type DatasetIterator = { next(): Promise<{ value: unknown; done: boolean }> };

/** The next {xs, ys} element of a fitDataset() iterator, undefined once it is done. */
export async function nextElement(iterator: DatasetIterator): Promise<{ xs: unknown; ys: unknown } | undefined> {
  const { value, done } = await iterator.next();
  if (done) return undefined;
  if (!value || typeof value !== 'object') throw new DiscoveryError('bad-data', 'fitDataset elements must be {xs, ys}.');
  const element = value as { xs?: unknown; ys?: unknown };
  if (element.xs === undefined || element.ys === undefined) {
    throw new DiscoveryError('bad-data', 'fitDataset elements must be {xs, ys}.');
  }
  return { xs: element.xs, ys: element.ys };
}

export async function firstDatasetElement(iterator: DatasetIterator): Promise<{ xs: unknown; ys: unknown }> {
  const element = await nextElement(iterator);
  if (!element) throw new DiscoveryError('bad-data', 'The dataset passed to fitDataset yielded no batch.');
  return element;
}

/** The next element of a dataset's iterator as tensors, undefined once it is done. */
export type NextRows = () => Promise<Rows | undefined>;

/** Elements pulled for the held-out rows at most: a dataset of single rows gives one row an element. */
const MAX_HELD_OUT_ELEMENTS = 256;

/** Elements (rows along axis 0) joined into one set of tensors; undefined if they cannot be (e.g. sequences of
 *  different lengths). The elements are disposed either way. */
function joined(tf: Tf, elements: Rows[]): Rows | undefined {
  if (!elements.length) return undefined;
  try {
    const join = (pick: (e: Rows) => Tensor[]) => pick(elements[0]).map((_, i) => (elements.length === 1 ? tf.clone(pick(elements[0])[i]) : tf.concat(elements.map((e) => pick(e)[i]), 0)));
    return { xs: join((e) => e.xs), ys: join((e) => e.ys) };
  } catch {
    return undefined;
  } finally {
    tf.dispose(elements.flatMap((e) => [...e.xs, ...e.ys]));
  }
}

const rowsOf = (rows: Rows) => rows.xs[0]?.shape[0] ?? 0;

/** Pulls elements until they hold `wanted` rows (or the dataset ends, or `maxElements` were pulled). */
async function pull(next: NextRows, wanted: number, maxElements: number): Promise<Rows[]> {
  const elements: Rows[] = [];
  let rows = 0;
  while (rows < wanted && elements.length < maxElements) {
    const element = await next();
    if (!element) break;
    elements.push(element);
    rows += rowsOf(element);
  }
  return elements;
}

/**
 * The elements after the profiled one as held-out rows (`heldOutRows` of them, none if fewer than `fewest`), and a pool
 * pulled only when the label probe asks for it: the profiled element's rows and the elements after the held-out ones,
 * up to `poolRows` — the same rows a fit() on arrays gives (data.ts heldOutRows).
 */
export async function datasetRows(
  tf: Tf,
  next: NextRows,
  first: Rows,
  sizes: { heldOutRows: number; fewest: number; poolRows: number },
): Promise<{ heldOut: Rows; pool: () => Promise<Rows | undefined> } | undefined> {
  const held = joined(tf, await pull(next, sizes.heldOutRows, MAX_HELD_OUT_ELEMENTS));
  if (!held || rowsOf(held) < sizes.fewest) {
    if (held) tf.dispose([...held.xs, ...held.ys]);
    return undefined;
  }
  const extra = rowsOf(held) - sizes.heldOutRows;
  const heldOut = extra > 0 ? trimmed(tf, held, sizes.heldOutRows) : held;
  let pool: Promise<Rows | undefined> | undefined;
  const copy = async () => {
    if ([...first.xs, ...first.ys].some((t) => t.isDisposed)) return undefined;
    const own = { xs: first.xs.map((t) => tf.clone(t)), ys: first.ys.map((t) => tf.clone(t)) };
    const rest = await pull(next, Math.max(0, sizes.poolRows - rowsOf(first)), Number.MAX_SAFE_INTEGER);
    return joined(tf, [own, ...rest]);
  };
  return { heldOut, pool: () => (pool ??= copy()) };
}

/** The first `rows` rows of `all`, which is disposed. */
function trimmed(tf: Tf, all: Rows, rows: number): Rows {
  const cut = (t: Tensor) => tf.slice(t, 0, rows);
  const out = { xs: all.xs.map(cut), ys: all.ys.map(cut) };
  tf.dispose([...all.xs, ...all.ys]);
  return out;
}
