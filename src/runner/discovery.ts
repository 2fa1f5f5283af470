// Finds the model in the user's module: an exported model, a factory function, or — for training
// scripts — the model (and data) of the first fit/fitDataset/trainOnBatch call, which is intercepted so
// the script stops there instead of training.
import type { LayersModel } from '@tensorflow/tfjs';
import type { ErrorKind } from '../core/protocol';
import type { Tf } from './tfjsResolve';

export class DiscoveryError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly details?: string[]) {
    super(message);
  }
}

export const FACTORY_NAMES = ['createModel', 'buildModel', 'getModel'];
const NOT_CANDIDATES = new Set(['sampleBatch', '__esModule']);

export function isLayersModel(value: unknown): value is LayersModel {
  return !!value && typeof value === 'object' && typeof (value as LayersModel).getLayer === 'function' && Array.isArray((value as LayersModel).layers);
}

function isPlainFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(value));
}

export interface Capture {
  model: LayersModel;
  method: 'fit' | 'fitDataset' | 'trainOnBatch';
  args: unknown[];
}

/** Replaces fit/fitDataset/trainOnBatch so that the first call hands over the model and its data. */
export function interceptTraining(tf: Tf): Promise<Capture> {
  return new Promise((resolve) => {
    let captured = false;
    for (const cls of [tf.LayersModel, tf.Sequential]) {
      const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['fit', 'fitDataset', 'trainOnBatch'] as const) {
        if (!Object.prototype.hasOwnProperty.call(proto, method)) continue;
        proto[method] = function (this: LayersModel, ...args: unknown[]) {
          if (!captured) {
            captured = true;
            resolve({ model: this, method, args });
          }
          // Never settles: the training script stops here while we profile.
          return new Promise(() => undefined);
        };
      }
    }
  });
}

/** Parameter names of a function, for the "needs arguments" message. */
export function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  // Loaded here, on the rare needs-arguments path, to keep the runner's start-up lean.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('acorn') as typeof import('acorn');
  const text = Function.prototype.toString.call(fn);
  for (const wrapped of [`(${text})`, `({${text}})`]) {
    try {
      const program = parse(wrapped, { ecmaVersion: 'latest' }) as unknown as { body: { expression: Record<string, unknown> }[] };
      let node = program.body[0].expression as Record<string, unknown>;
      if (node.type === 'ObjectExpression') node = (node.properties as Record<string, unknown>[])[0].value as Record<string, unknown>;
      return (node.params as { start: number; end: number }[]).map((p) => wrapped.slice(p.start, p.end));
    } catch {
      // a method shorthand parses only in the object form; try it next
    }
  }
  return Array.from({ length: fn.length }, (_, i) => `arg${i + 1}`);
}

export interface Discovered {
  model: LayersModel;
  discovery: 'model-export' | 'factory';
  exportName: string;
}

function describeExports(ns: Record<string, unknown>): string[] {
  return Object.keys(ns)
    .filter((k) => k !== '__esModule')
    .map((k) => `${k}: ${isLayersModel(ns[k]) ? 'model' : typeof ns[k]}`);
}

/**
 * Picks the model from the module's exports. Returns undefined when nothing qualifies (the caller then
 * waits for a training call); throws for ambiguity or a factory that needs arguments it was not given.
 */
export async function discoverModel(
  ns: Record<string, unknown>,
  exportName: string | undefined,
  args: unknown[] | undefined,
): Promise<Discovered | undefined> {
  const entries = Object.entries(ns).filter(([k]) => !NOT_CANDIDATES.has(k));
  if (exportName !== undefined) {
    if (!(exportName in ns)) {
      throw new DiscoveryError('no-model', `The module has no export named "${exportName}".`, describeExports(ns));
    }
    return useExport(exportName, ns[exportName], args, ns);
  }
  // Deduplicate: CommonJS `module.exports = model` appears as `default` and as itself.
  const models = uniqueByValue(entries.filter(([, v]) => isLayersModel(v)));
  if (models.length === 1) return { model: models[0][1] as LayersModel, discovery: 'model-export', exportName: models[0][0] };
  if (models.length > 1) {
    throw new DiscoveryError(
      'ambiguous-export',
      `The module exports several models (${models.map(([k]) => k).join(', ')}). Choose one with --export NAME.`,
      models.map(([k]) => k),
    );
  }
  const functions = uniqueByValue(entries.filter(([, v]) => isPlainFunction(v)));
  const preferred = functions.filter(([k]) => k === 'default' || FACTORY_NAMES.includes(k));
  const chosen = preferred.length > 0 ? preferred : functions.length === 1 ? functions : [];
  if (chosen.length > 1) {
    throw new DiscoveryError(
      'ambiguous-export',
      `The module exports several model factories (${chosen.map(([k]) => k).join(', ')}). Choose one with --export NAME.`,
      chosen.map(([k]) => k),
    );
  }
  if (chosen.length === 1) return useExport(chosen[0][0], chosen[0][1], args, ns);
  return undefined;
}

function uniqueByValue(entries: [string, unknown][]): [string, unknown][] {
  const seen = new Map<unknown, [string, unknown]>();
  for (const entry of entries) {
    const existing = seen.get(entry[1]);
    // Prefer a real name over `default` when both point at the same value.
    if (!existing || existing[0] === 'default') seen.set(entry[1], entry);
  }
  return [...seen.values()];
}

async function useExport(name: string, value: unknown, args: unknown[] | undefined, ns: Record<string, unknown>): Promise<Discovered> {
  if (isLayersModel(value)) return { model: value, discovery: 'model-export', exportName: name };
  if (!isPlainFunction(value)) {
    throw new DiscoveryError('no-model', `Export "${name}" is neither a tf.LayersModel nor a function returning one (it is ${typeof value}).`, describeExports(ns));
  }
  if (value.length > 0 && args === undefined) {
    const params = parameterNames(value);
    throw new DiscoveryError(
      'needs-args',
      `The factory "${name}" needs arguments (${params.join(', ')}). Pass them as a JSON array with --args, e.g. --args '[${params.map(() => '…').join(', ')}]'.`,
      params,
    );
  }
  const result = await value(...(args ?? []));
  if (!isLayersModel(result)) {
    throw new DiscoveryError('no-model', `The factory "${name}" returned ${result === null ? 'null' : typeof result}, not a tf.LayersModel.`);
  }
  return { model: result, discovery: 'factory', exportName: name };
}
