// Records where every layer object is created. The Layer base constructor assigns `this.id`; a setter
// for `id` on Layer.prototype therefore sees every layer (factories, `new` of custom subclasses, layers
// built in loops or helpers, inner layers of wrappers) at the moment of creation. The first stack frame
// outside TensorFlow.js, this runner and the layer's own constructors is the user's line; the user frames
// behind it (the lines that called the helper that made the layer) are kept too, for core/layerPlacement.
import * as path from 'node:path';
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CreationFrame, SourceLocation } from '../core/protocol';
import { collapseRecursion, type ScopedFrame } from '../core/layerPlacement';
import type { Tf } from './tfjsResolve';
import type { LayersModel } from '@tensorflow/tfjs';

/** Each layer's user frames at its creation, innermost first (recursion folded). */
const creationChains = new WeakMap<object, CreationFrame[]>();
/** Every model the program created (a LayersModel is a layer too): a custom training loop names its model by its weights. */
const models: WeakRef<LayersModel>[] = [];

export function createdModels(): LayersModel[] {
  return models.map((ref) => ref.deref()).filter((m): m is LayersModel => m !== undefined);
}
const runnerDir = __dirname;

/** The line that created the layer: the innermost user frame. */
export function creationSiteOf(layer: object): SourceLocation | undefined {
  const frame = creationChains.get(layer)?.[0];
  return frame && { file: frame.file, line: frame.line, column: frame.column };
}

/** The user frames of the layer's creation, innermost first: placeLayers decides which of them it belongs on. */
export function creationChainOf(layer: object): CreationFrame[] | undefined {
  return creationChains.get(layer);
}

function isLibraryFrame(file: string): boolean {
  return (
    file.startsWith('node:') ||
    file.includes(`${path.sep}node_modules${path.sep}`) ||
    file.startsWith(runnerDir + path.sep) ||
    !path.isAbsolute(file)
  );
}

function constructorNames(layer: object): Set<string> {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(layer); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name) names.add(proto.constructor.name);
  }
  return names;
}

function toPath(fileName: string): string {
  return fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName;
}

/** Maps a generated position back through an inline source map (TypeScript / transpiled ESM). */
export function mapToSource(file: string, line: number, column: number): SourceLocation {
  const map = findSourceMap(file);
  if (map) {
    const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry && entry.originalSource !== undefined && entry.originalLine !== undefined) {
      return {
        file: toPath(entry.originalSource.startsWith('file://') || path.isAbsolute(entry.originalSource) ? entry.originalSource : path.resolve(path.dirname(file), entry.originalSource)),
        line: entry.originalLine + 1,
        column: (entry.originalColumn ?? 0) + 1,
      };
    }
  }
  return { file, line, column };
}

/** The first user frame of the current stack, skipping frames of the given constructor names. */
export function userCallSite(skipConstructors: Set<string> = new Set()): SourceLocation | undefined {
  const frame = userFrame(skipConstructors);
  return frame && mapToSource(frame.file, frame.line, frame.column);
}

function stackFrames(limit: number): NodeJS.CallSite[] {
  const originalPrepare = Error.prepareStackTrace;
  const originalLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    return new Error().stack as unknown as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = originalPrepare;
    Error.stackTraceLimit = originalLimit;
  }
}

/** The user frames of a stack (generated positions), innermost first, with the function each runs in. */
function userFramesOf(frames: NodeJS.CallSite[], skipConstructors: Set<string>, first: boolean): ScopedFrame[] {
  const out: ScopedFrame[] = [];
  for (const frame of frames) {
    const name = frame.getFileName();
    if (!name) continue;
    const file = toPath(name);
    if (isLibraryFrame(file)) continue;
    if (frame.isConstructor() && skipConstructors.has(frame.getFunctionName() ?? frame.getTypeName() ?? '')) continue;
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (line == null || column == null) continue;
    if (first) return [{ file, line, column }];
    // The function's own position identifies it (two functions may share a name): collapseRecursion's key.
    const scope = `${file}:${frame.getEnclosingLineNumber?.() ?? '?'}:${frame.getEnclosingColumnNumber?.() ?? '?'}:${frame.getFunctionName() ?? ''}`;
    out.push({ file, line, column, scope, ...(frame.getFunctionName() ? { function: frame.getFunctionName()! } : {}) });
  }
  return out;
}

/** As userCallSite, but the generated position (not yet mapped through a source map): cheap enough to take often. */
export function userFrame(skipConstructors: Set<string> = new Set()): SourceLocation | undefined {
  return userFramesOf(stackFrames(60), skipConstructors, true)[0];
}

/**
 * Deep enough for a helper called by a helper inside a recursive builder under tfjs's own frames (a layer's
 * constructor chain is ~5 frames; a factory the runner calls adds the runner's and Node's loader frames).
 */
const CREATION_STACK_DEPTH = 200;

/** Every user frame of the current stack, innermost first, recursion folded, each mapped to its source. */
function userChain(skipConstructors: Set<string>): CreationFrame[] {
  return collapseRecursion(userFramesOf(stackFrames(CREATION_STACK_DEPTH), skipConstructors, false)).map((f) => ({
    ...mapToSource(f.file, f.line, f.column),
    ...(f.function ? { function: f.function } : {}),
  }));
}

let installed = false;

export function installLayerCreationCapture(tf: Tf): void {
  if (installed) return;
  installed = true;
  const proto = (tf.layers.Layer as unknown as { prototype: object }).prototype;
  Object.defineProperty(proto, 'id', {
    configurable: true,
    get() {
      return undefined;
    },
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'id', { value, writable: true, enumerable: true, configurable: true });
      const chain = userChain(constructorNames(this));
      const loaded = chain.length ? undefined : loadSiteIfDeserializing();
      if (chain.length) creationChains.set(this, chain);
      else if (loaded) creationChains.set(this, [loaded]);
      if (typeof (this as { getLayer?: unknown }).getLayer === 'function') models.push(new WeakRef(this as LayersModel));
    },
  });
}

/** The user's line of the latest tf.loadLayersModel('…') call (see installLoadCapture). */
let lastLoadSite: SourceLocation | undefined;

/** While TensorFlow.js builds a loaded model's layers from their saved config, the line that asked for the load. */
function loadSiteIfDeserializing(): SourceLocation | undefined {
  if (!lastLoadSite) return undefined;
  const originalPrepare = Error.prepareStackTrace;
  let frames: NodeJS.CallSite[];
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    frames = new Error().stack as unknown as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = originalPrepare;
  }
  return frames.some((f) => /deserialize|fromConfig/i.test(f.getFunctionName() ?? '')) ? lastLoadSite : undefined;
}

let loadInstalled = false;

/**
 * tf.loadLayersModel('file://…/model.json') builds every layer inside TensorFlow.js after an await (reading
 * the files), where no frame of the user's is on the stack any more; those layers belong on the line that
 * asked for the load (bench/realworld batch 5: a function returning a locally saved model). Load routers are
 * consulted synchronously within that call, so a router that handles nothing sees the user's line.
 */
export function installLoadCapture(tf: Tf): void {
  if (loadInstalled) return;
  loadInstalled = true;
  const io = (tf as unknown as { io?: { registerLoadRouter?: (router: (url: unknown) => null) => void } }).io;
  io?.registerLoadRouter?.(() => {
    lastLoadSite = userCallSite() ?? lastLoadSite;
    return null;
  });
}

const compileSites = new WeakMap<object, SourceLocation>();

/** Where the user's code last called compile() on this model (a Sequential or its inner model). */
export function compileSiteOf(model: object): SourceLocation | undefined {
  return compileSites.get(model) ?? compileSites.get((model as { model?: object }).model ?? model);
}

let compileInstalled = false;

/**
 * Records the user's line of every compile() call, as layer creation is recorded: Apply edits the
 * learning rate of the compile() that built the optimizer the sweep used, not whichever comes first in
 * the file. Sequential.compile calls the inner model's compile; both see the same user frame.
 */
export function installCompileCapture(tf: Tf): void {
  if (compileInstalled) return;
  compileInstalled = true;
  for (const cls of [tf.LayersModel, tf.Sequential] as unknown as { prototype: { compile(...args: unknown[]): unknown } }[]) {
    const original = cls.prototype.compile;
    if (Object.prototype.hasOwnProperty.call(cls.prototype, 'compile')) {
      cls.prototype.compile = function (this: object, ...args: unknown[]) {
        const site = userCallSite();
        if (site) compileSites.set(this, site);
        return original.apply(this, args);
      };
    }
  }
}

const optimizerSites = new WeakMap<object, SourceLocation>();

/** Where the user's code created this optimizer with tf.train.*(), when it did. */
export function optimizerSiteOf(optimizer: object | undefined): SourceLocation | undefined {
  return optimizer ? optimizerSites.get(optimizer) : undefined;
}

let optimizerInstalled = false;

/**
 * Records the user's line of every tf.train.sgd/adam/… call: a finding about the learning rate belongs on
 * the line that sets it (`const opt = tf.train.sgd(0.5)` may sit lines away from compile()). tf.train is a
 * class whose static factory methods are writable; optimizers compiled from a name ('adam') have no such
 * line and fall back to the compile() call.
 */
export function installOptimizerCapture(tf: Tf): void {
  if (optimizerInstalled) return;
  optimizerInstalled = true;
  const train = tf.train as unknown as Record<string, unknown>;
  for (const name of ['sgd', 'momentum', 'rmsprop', 'adadelta', 'adagrad', 'adam', 'adamax']) {
    const original = train[name];
    if (typeof original !== 'function') continue;
    try {
      train[name] = function (this: unknown, ...args: unknown[]) {
        const optimizer = (original as (...a: unknown[]) => unknown).apply(this, args);
        const site = userCallSite();
        if (site && optimizer && typeof optimizer === 'object') optimizerSites.set(optimizer, site);
        return optimizer;
      };
    } catch {
      // A frozen namespace (some bundles): findings fall back to the compile() line.
    }
  }
}
