// Where the user's code created each tensor, so that a finding about the data (labels the loss cannot
// read, targets outside the output's range, unscaled inputs) can point at the line that made the tensor
// given to fit() — where the preprocessing fix goes — rather than at a layer. Every tensor, whether made by
// tf.tensor2d() or by an op such as .div(255), passes through the engine's trackTensor (registerTensor in
// tfjs 1.x); a wrapper there keeps the first user frame of the stack in a WeakMap keyed by the tensor.
// Only while the user's module builds its data: capture stops at the first training call (and when
// loading ends), so profiling steps, which make thousands of tensors, pay nothing.
import type { Tensor } from '@tensorflow/tfjs';
import type { DataLocations, SourceLocation } from '../core/protocol';
import { mapToSource, userFrame } from './callSites';
import { innerModel } from './innerModel';
import type { Capture } from './discovery';
import type { Tf } from './tfjsResolve';

const sites = new WeakMap<object, SourceLocation>();
const patched = new WeakSet<object>();
let capturing = false;
let captured = 0;
/** While a fitDataset() pipeline makes the profiled batch: every tensor made with a user frame, in order. */
let recording: { shape: number[]; site: SourceLocation }[] | undefined;

/**
 * A stack walk through tfjs's optimised code costs ~10-40 µs (2 loaded cores), several times the op itself.
 * Building a model and its data makes a few hundred tensors; past this many captures only bulk tensors are
 * captured, so a loop that makes thousands of per-example tensors pays for none of them, while the
 * tf.stack()/tf.concat() that gathers them into the data given to fit() still gets its line.
 */
export const CAPTURE_ALL_FIRST = 1000;
/** Elements of a tensor captured after the first CAPTURE_ALL_FIRST: ≥ 4,096 (16 KB of float32), data in bulk. */
export const BULK_ELEMENTS = 4096;

/** The user's line that created this tensor, mapped through the file's source map (TypeScript). */
export function tensorSiteOf(tensor: unknown): SourceLocation | undefined {
  const site = tensor && typeof tensor === 'object' ? sites.get(tensor) : undefined;
  return site && mapToSource(site.file, site.line, site.column);
}

/** Starts recording creation sites (idempotent per engine); `stopTensorCapture` ends it. */
export function installTensorCreationCapture(tf: Tf): void {
  const engine = (tf as unknown as { engine?: () => Record<string, unknown> }).engine?.();
  if (!engine) return;
  capturing = true;
  if (patched.has(engine)) return;
  const method = typeof engine.trackTensor === 'function' ? 'trackTensor' : typeof engine.registerTensor === 'function' ? 'registerTensor' : undefined;
  if (!method) return;
  patched.add(engine);
  const original = engine[method] as (this: unknown, tensor: object, ...rest: unknown[]) => unknown;
  engine[method] = function (this: unknown, tensor: object, ...rest: unknown[]) {
    // The source map is read only when a finding asks (tensorSiteOf): here just the raw frame.
    if (recording) {
      const site = userFrame();
      if (site) {
        sites.set(tensor, site);
        recording.push({ shape: [...((tensor as { shape?: number[] }).shape ?? [])], site });
      }
    } else if (capturing && (captured < CAPTURE_ALL_FIRST || ((tensor as { size?: number }).size ?? 0) >= BULK_ELEMENTS) && !sites.has(tensor)) {
      captured++;
      const site = userFrame();
      if (site) sites.set(tensor, site);
    }
    return original.call(this, tensor, ...rest);
  };
}

export function stopTensorCapture(): void {
  capturing = false;
}

/**
 * The lines that made a fitDataset() batch. tf.data makes a pipeline's elements only when the batch is pulled
 * (after the script's own code has stopped at its fitDataset() call), by running the user's callbacks — a map()
 * transform, a generator — and, with .batch(), stacking their per-example tensors inside tf.data, where no user
 * frame is on the stack. So the pull is recorded: each batch tensor gets the line that made it when that was the
 * user's code (a generator yielding whole batches), else the line of the last tensor the user's code made with
 * its per-example shape (its shape without the batch axis .batch() adds: tfjs-data's batch stacks elements along
 * a new first axis), i.e. the last operation of the callback that produced it — where the preprocessing fix goes.
 * None found (elements tf.data made itself from plain arrays, a CSV file): undefined, and the finding keeps the
 * fitDataset() line.
 */
export async function pullWithSites<T extends { xs: Tensor[]; ys: Tensor[] }>(pull: () => Promise<T>): Promise<T & { sites: { inputs: (SourceLocation | undefined)[]; targets: (SourceLocation | undefined)[] } }> {
  const made: { shape: number[]; site: SourceLocation }[] = [];
  recording = made;
  let batch: T;
  try {
    batch = await pull();
  } finally {
    recording = undefined;
  }
  const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  const siteOf = (t: Tensor): SourceLocation | undefined => {
    const own = sites.get(t);
    if (own) return mapToSource(own.file, own.line, own.column);
    const perExample = t.shape.slice(1);
    const last = (shape: readonly number[]) => [...made].reverse().find((m) => sameShape(m.shape, shape));
    const maker = last(perExample) ?? last(t.shape);
    return maker && mapToSource(maker.site.file, maker.site.line, maker.site.column);
  };
  return { ...batch, sites: { inputs: batch.xs.map(siteOf), targets: batch.ys.map(siteOf) } };
}

/** A fit()/trainOnBatch() argument as its tensors, in the model's input (or output) order. */
function tensorsOf(value: unknown, names: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && !('shape' in value)) return names.map((n) => (value as Record<string, unknown>)[n]);
  return [value];
}

/**
 * The data lines of an intercepted training call: per model input / output the line that created the
 * tensor passed in, else the call's own line. A fitDataset() call's elements are made when its batch is
 * pulled (pullWithSites gives their lines as `datasetSites`); where no user line made them, its own line.
 */
export function dataLocationsOf(capture: Capture, datasetSites?: { inputs: (SourceLocation | undefined)[]; targets: (SourceLocation | undefined)[] }): DataLocations | undefined {
  const { site: call } = capture;
  const inner = innerModel(capture.model) as unknown as { inputNames?: string[]; outputNames?: string[] };
  const lines = (value: unknown, names: readonly string[]) => {
    const found = tensorsOf(value, names).map((t) => tensorSiteOf(t) ?? call);
    return found.length && found.every((l): l is SourceLocation => l !== undefined) ? found : undefined;
  };
  const dataset = capture.method === 'fitDataset';
  const [x, y] = capture.args;
  // What no line of the script made gets the call's line, as fit()'s tensors do.
  const fromDataset = (found: (SourceLocation | undefined)[] | undefined) => {
    const all = (found ?? [undefined]).map((l) => l ?? call);
    return all?.length && all.every((l): l is SourceLocation => l !== undefined) ? all : undefined;
  };
  const inputs = dataset ? fromDataset(datasetSites?.inputs) : lines(x, inner.inputNames ?? []);
  const targets = dataset ? fromDataset(datasetSites?.targets) : lines(y, inner.outputNames ?? []);
  if (!call && !inputs && !targets) return undefined;
  return { ...(call ? { call } : {}), ...(inputs ? { inputs } : {}), ...(targets ? { targets } : {}) };
}
