// Finds the model in the user's module: an exported model, a factory function, or — for training
// scripts — the model (and data) of the first fit/fitDataset/trainOnBatch call, which is intercepted so
// the script stops there instead of training.
import type { LayersModel } from '@tensorflow/tfjs';
import type { ErrorKind, SourceLocation } from '../core/protocol';
import { userCallSite } from './callSites';
import type { Tf } from './tfjsResolve';
import { defaultArguments, parameterNames, trainsInItsText } from './entryPoints';
import { customLoopsArmed, interceptCustomLoops, type CustomLoop } from './customLoop';
import { interceptPredictLoops } from './predictLoop';
import type { VariableLoop } from './variableLoop';

export class DiscoveryError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly details?: string[], readonly location?: SourceLocation) {
    super(message);
  }
}

export const FACTORY_NAMES = ['createModel', 'buildModel', 'getModel'];
/** Names that mark a training entry among several function exports when their text does not tell. */
const ENTRY_NAMES = ['train', 'run', 'main', 'trainModel', 'fit', 'start'];
const NOT_CANDIDATES = new Set(['sampleBatch', '__esModule']);

export function isLayersModel(value: unknown): value is LayersModel {
  return !!value && typeof value === 'object' && typeof (value as LayersModel).getLayer === 'function' && Array.isArray((value as LayersModel).layers);
}

function isPlainFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function' && !isClass(value);
}

export interface Capture {
  model: LayersModel;
  method: 'fit' | 'fitDataset' | 'trainOnBatch';
  args: unknown[];
  /** The user's line of this call (where data findings fall back to when the data's own line is unknown). */
  site?: SourceLocation;
}

/** The first fit/fitDataset/trainOnBatch call: `first` once it happened, `next` resolves with it. */
export interface TrainingCalls {
  first?: Capture;
  next: Promise<Capture>;
  /** A custom training loop's first update (profiling only): `loop` once it happened, `nextLoop` resolves with it. */
  loop?: CustomLoop;
  nextLoop?: Promise<CustomLoop>;
  /** A core-API loop's first update of bare tf.variables (profiling only; runner/variableLoop.ts). */
  variableLoop?: VariableLoop;
  nextVariableLoop?: Promise<VariableLoop>;
}

/**
 * Replaces fit/fitDataset/trainOnBatch so that the first call hands over the model and its data. With the run's
 * time limit, a script still predicting with a compiled model past half of it is stopped there (predictLoop.ts).
 */
export function interceptTraining(tf: Tf, limitSeconds?: number): TrainingCalls {
  const calls = {} as TrainingCalls;
  calls.next = new Promise((resolve) => {
    for (const cls of [tf.LayersModel, tf.Sequential]) {
      const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['fit', 'fitDataset', 'trainOnBatch'] as const) {
        if (!Object.prototype.hasOwnProperty.call(proto, method)) continue;
        proto[method] = function (this: LayersModel, ...args: unknown[]) {
          if (!calls.first) {
            calls.first = { model: this, method, args, site: userCallSite() };
            resolve(calls.first);
          }
          // Never settles: the training script stops here while we profile.
          return new Promise(() => undefined);
        };
      }
    }
  });
  let variablesFound: (loop: VariableLoop) => void = () => undefined;
  calls.nextVariableLoop = new Promise((resolve) => {
    variablesFound = (loop) => {
      if (!calls.variableLoop) resolve((calls.variableLoop = loop));
    };
  });
  calls.nextLoop = new Promise((resolve) => {
    const found = (loop: CustomLoop) => {
      if (!calls.loop) resolve((calls.loop = loop));
    };
    interceptCustomLoops(tf, () => !calls.first, found, variablesFound);
    if (limitSeconds) interceptPredictLoops(tf, limitSeconds * 1000, () => !calls.first && customLoopsArmed(), found);
  });
  return calls;
}

export interface Discovered {
  model: LayersModel;
  discovery: 'model-export' | 'factory' | 'training-entry';
  exportName: string;
  /** A training entry: its intercepted training call (model and data). */
  captured?: Capture;
  /** How the export was called, for the report (no-op callbacks). */
  note?: string;
}

/** A function export that returned nothing yet may still train (e.g. `loadData().then(train)`). */
export interface AwaitingTraining {
  awaiting: string;
}

/**
 * The exported classes, when a module offers no model: a class that builds its model in its constructor
 * (an agent, a trainer, a bot's core) is the most frequent such module in real projects (bench/realworld:
 * 4 of 9 "no model" cases). It is never constructed here: its constructor wants arguments the tool cannot
 * know. The sentence tells the user what to export instead.
 */
export function classExportsNote(ns: Record<string, unknown>): string {
  const exported = Object.entries(ns).filter(([k, v]) => k !== '__esModule' && isClass(v));
  const classes = [...new Set(exported.map(([k, v]) => (v as { name?: string }).name || k))];
  if (!classes.length) return '';
  const list = classes.map((c) => `class ${c}`).join(', ');
  // --export takes the export's key, which for a default export is "default", not the class's own name.
  return ` The module exports ${list}: Gradient Lens does not construct classes unasked (their constructors need arguments it cannot know). To construct one, name it and its constructor's arguments: --export ${exported[0][0]} --args '[…]'; or export a function that returns the model, or profile the file that creates and trains it.`;
}

/**
 * A class as written (`class X {}`) or as Babel and TypeScript compile one for ES5 (bench/realworld batch 13: a
 * project's committed Babel build): a constructor function whose methods live on its `prototype`. ECMAScript gives
 * an ordinary function a `prototype` holding only `constructor`, and arrow/async functions none; class methods are
 * defined on it (Babel's _createClass, TypeScript's `X.prototype.m = function …`), and Babel's call-check makes
 * calling one without `new` throw "Cannot call a class as a function" — so it is never a factory to call.
 */
function isClass(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return true;
  const proto: unknown = (value as { prototype?: unknown }).prototype;
  if (!proto || typeof proto !== 'object') return false;
  return Object.getOwnPropertyNames(proto).some((key) => key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, key)?.value === 'function');
}

/** The object a CommonJS module assigned to module.exports (kept as a non-enumerable `default`), if it is one. */
function commonJsExportsObject(ns: Record<string, unknown>): Record<string, unknown> | undefined {
  const exported = ns.default;
  const enumerable = Object.getOwnPropertyDescriptor(ns, 'default')?.enumerable;
  return exported && typeof exported === 'object' && !enumerable ? (exported as Record<string, unknown>) : undefined;
}

/**
 * An ES module's `export default { getModel, … }`: an object literal holding the module's functions, the bundler-era
 * form of `module.exports = { getModel }` (Vue and webpack projects; bench/realworld batch 11). The app calls
 * `imported.getModel(size)`, so its properties are the exports to look at, called with the object as `this`. Only a
 * plain object: a model, a class instance or an array is what it is.
 */
function defaultExportObject(ns: Record<string, unknown>): Record<string, unknown> | undefined {
  const exported = ns.default;
  if (!exported || typeof exported !== 'object' || !Object.getOwnPropertyDescriptor(ns, 'default')?.enumerable || isLayersModel(exported)) return undefined;
  const proto = Object.getPrototypeOf(exported);
  return proto === Object.prototype || proto === null ? (exported as Record<string, unknown>) : undefined;
}

/**
 * `--export NAME` means what `require(file).NAME` is, called as the user's own code calls it: on the
 * exports object. A module that exports an instance (`module.exports = new FlowersModel()`) has its factory
 * as a method on the class's prototype, reading `this` (a cached model): it is found there, not among the
 * own properties, and gets its instance as `this` (bench/realworld batch 3: tfjs-transferlearning).
 */
function namedExport(ns: Record<string, unknown>, name: string): { value: unknown; holder?: object } | undefined {
  const exportsObject = commonJsExportsObject(ns);
  if (Object.prototype.hasOwnProperty.call(ns, name)) return { value: ns[name], holder: exportsObject };
  if (exportsObject && !(name in Object.prototype) && typeof exportsObject[name] === 'function') return { value: exportsObject[name], holder: exportsObject };
  const defaultObject = defaultExportObject(ns);
  if (defaultObject && Object.prototype.hasOwnProperty.call(defaultObject, name)) return { value: defaultObject[name], holder: defaultObject };
  return undefined;
}

/** Methods of an exported instance's class, which --export can name (never called unasked: they may need `this` set up). */
export function instanceMethodsNote(ns: Record<string, unknown>): string {
  const exportsObject = commonJsExportsObject(ns);
  const proto = exportsObject && Object.getPrototypeOf(exportsObject);
  if (!proto || proto === Object.prototype) return '';
  const methods = Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, k)?.value === 'function');
  if (!methods.length) return '';
  const className = (proto.constructor as { name?: string } | undefined)?.name || 'an object';
  return ` The module exports an instance of ${className} with the methods ${methods.join(', ')}: if one builds the model, choose it with --export NAME (and --args for its parameters).`;
}

/** The functions of an `export default { … }` object when none was chosen unasked (several, none a factory by name). */
export function defaultObjectNote(ns: Record<string, unknown>): string {
  const functions = Object.entries(defaultExportObject(ns) ?? {}).filter(([, v]) => isPlainFunction(v)).map(([k]) => k);
  if (!functions.length) return '';
  return ` The default export is an object with the functions ${functions.join(', ')}: if one builds the model, choose it with --export NAME (and --args for its parameters).`;
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
  training: TrainingCalls,
): Promise<Discovered | AwaitingTraining | undefined> {
  const defaultObject = defaultExportObject(ns);
  const entries = [...Object.entries(ns), ...Object.entries(defaultObject ?? {})].filter(([k]) => !NOT_CANDIDATES.has(k));
  if (exportName !== undefined) {
    const named = namedExport(ns, exportName);
    if (!named) throw new DiscoveryError('no-model', `The module has no export named "${exportName}".`, describeExports(ns));
    return useExport(exportName, named.value, args, ns, training, named.holder);
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
  const chosen = preferred.length > 0 ? preferred : functions.length === 1 ? functions : trainingEntries(functions);
  if (chosen.length > 1) {
    throw new DiscoveryError(
      'ambiguous-export',
      `The module exports several model factories (${chosen.map(([k]) => k).join(', ')}). Choose one with --export NAME.`,
      chosen.map(([k]) => k),
    );
  }
  if (chosen.length === 1) {
    const [name, value] = chosen[0];
    const inDefault = !!defaultObject && defaultObject[name] === value && ns[name] !== value;
    return useExport(name, value, args, ns, training, inDefault ? defaultObject : commonJsExportsObject(ns));
  }
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

/** Among several function exports, the one that trains: by its own text, else by its name. */
function trainingEntries(functions: [string, unknown][]): [string, unknown][] {
  const byText = functions.filter(([, fn]) => trainsInItsText(fn as (...args: unknown[]) => unknown));
  if (byText.length === 1) return byText;
  const byName = functions.filter(([k]) => ENTRY_NAMES.includes(k));
  return byName.length === 1 ? byName : [];
}

/**
 * Calls a function export and tells a factory from a training entry by what happens first: it returns a
 * model (factory), or it calls fit/fitDataset/trainOnBatch (training entry, intercepted as for scripts).
 */
async function useExport(
  name: string,
  value: unknown,
  args: unknown[] | undefined,
  ns: Record<string, unknown>,
  training: TrainingCalls,
  /** The object the function is a method of (`this` in `require(file).NAME()`), for CommonJS exports. */
  holder?: object,
): Promise<Discovered | AwaitingTraining> {
  if (isLayersModel(value)) return { model: value, discovery: 'model-export', exportName: name };
  if (isClass(value)) return constructExport(name, value as new (...a: unknown[]) => object, args, training);
  if (!isPlainFunction(value)) {
    throw new DiscoveryError('no-model', `Export "${name}" is neither a tf.LayersModel nor a function returning one (it is ${typeof value}).`, describeExports(ns));
  }
  const defaults = args === undefined ? defaultArguments(value) : { args, callbacks: [] };
  if (!defaults) {
    const params = parameterNames(value);
    throw new DiscoveryError(
      'needs-args',
      `The factory "${name}" needs arguments (${params.join(', ')}). Pass them as a JSON array with --args, e.g. --args '[${params.map(() => '…').join(', ')}]'.`,
      params,
    );
  }
  const note = defaults.callbacks.length ? `called ${value.name || name}() with a no-op for ${defaults.callbacks.join(', ')}` : undefined;
  const returned = value.apply(holder, defaults.args);
  const outcome = training.first
    ? { capture: training.first }
    : await Promise.race([Promise.resolve(returned).then((result) => ({ result })), training.next.then((capture) => ({ capture }))]);
  if ('capture' in outcome) return { model: outcome.capture.model, discovery: 'training-entry', exportName: name, captured: outcome.capture, note };
  const result = outcome.result;
  if (isLayersModel(result)) return { model: result, discovery: 'factory', exportName: name, note };
  // A factory that returns its model inside an object (`return { squatCountModel, labels }`).
  const held = result && typeof result === 'object' ? Object.entries(result).filter(([, v]) => isLayersModel(v)) : [];
  if (held.length === 1) {
    const inObject = `the model in the "${held[0][0]}" property of what ${name}() returned`;
    return { model: held[0][1] as LayersModel, discovery: 'factory', exportName: name, note: note ? `${note}; ${inObject}` : inObject };
  }
  if (result === undefined) return { awaiting: name };
  throw new DiscoveryError('no-model', `The factory "${name}" returned ${result === null ? 'null' : typeof result}, not a tf.LayersModel, and called no fit/fitDataset/trainOnBatch.`);
}

/**
 * `--export NAME` of a class: ECMAScript forbids calling a class constructor without `new` (its [[Call]]
 * throws a TypeError), so the model that NAME makes from --args is `new NAME(...args)`, as the user's own
 * code makes it — a tf.Sequential subclass, or an instance holding its model in a property. Only when asked
 * by name: unasked, classes are never constructed (classExportsNote).
 */
function constructExport(name: string, cls: new (...a: unknown[]) => object, args: unknown[] | undefined, training: TrainingCalls): Discovered {
  if (args === undefined && cls.length > 0) {
    throw new DiscoveryError(
      'needs-args',
      `The class "${name}" takes ${cls.length} constructor argument${cls.length > 1 ? 's' : ''}. Pass them as a JSON array with --args, e.g. --args '[${Array<string>(cls.length).fill('…').join(', ')}]'.`,
    );
  }
  const instance = new cls(...(args ?? []));
  const note = `constructed new ${cls.name || name}(${args?.length ? '…' : ''})`;
  if (training.first) return { model: training.first.model, discovery: 'training-entry', exportName: name, captured: training.first, note };
  if (isLayersModel(instance)) return { model: instance, discovery: 'factory', exportName: name, note };
  const held = Object.entries(instance).filter(([, v]) => isLayersModel(v));
  if (held.length === 1) return { model: held[0][1] as LayersModel, discovery: 'factory', exportName: name, note: `${note}; the model in its "${held[0][0]}" property` };
  throw new DiscoveryError(
    'no-model',
    held.length > 1
      ? `new ${name}(…) holds several models (${held.map(([k]) => k).join(', ')}): export a function that returns the one to profile.`
      : `new ${name}(…) is not a tf.LayersModel and holds none in its properties.`,
  );
}
