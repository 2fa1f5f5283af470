// Loads the ONE TensorFlow.js instance that the user's model file and the profiler share, and its backend,
// as planned by core/runtimeChoice from what the workspace has installed: the workspace's own tfjs with a
// backend of the same version, or the bundled tfjs for every @tensorflow/* import. Every import of a tfjs
// package name, from the user's code or from inside tfjs packages, is redirected to the chosen copies.
import Module from 'node:module';
import * as path from 'node:path';
import type { BackendChoice } from '../core/protocol';
import { planRuntime, RuntimeChoiceError, type RuntimePlan } from '../core/runtimeChoice';
import { findPackage, inspectNatives, inspectWorkspace, NATIVE_PACKAGES, summarize, type InstalledPackage, type Inventory } from './tfjsInventory';
import { registerWasmConvBackpropFilter, registerWasmConvBackpropInput, registerWasmUnsortedSegmentSum } from './wasmKernels';
import { redirectTarget } from './redirect';
import { registerFileSystemHandlers } from './nodeFileSystem';

export type Tf = typeof import('@tensorflow/tfjs');

export interface TfjsInstance {
  tf: Tf;
  /** Version of the tfjs-core that runs (from its package.json). */
  version: string;
  /** Human-readable origin, e.g. "workspace @tensorflow/tfjs-node". */
  source: string;
  /** Why this tfjs runs the user's code. */
  tfjsReason: string;
  backend: string;
  backendReason: string;
}

class RunnerSetupError extends Error {}
export { RunnerSetupError };

/** Packages whose every import resolves to the chosen tfjs's own copy (same version as its core). */
const TFJS_FAMILY = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-data',
];
const WASM = '@tensorflow/tfjs-backend-wasm';

/** specifier → absolute file, consulted for every require and (via esmHooks) every import. */
export const redirects = new Map<string, string>();

let hookInstalled = false;
function installResolveHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request: string, ...rest: unknown[]) {
    const target = redirectTarget(redirects, request);
    return target && target !== request ? original.call(this, target, ...rest) : original.call(this, request, ...rest);
  };
}

const firstLine = (s: string) => s.split('\n')[0];

/**
 * tfjs-node ≤ 4.22 calls util.isNullOrUndefined / util.isArray, which Node 23 removed (tensorflow/tfjs#8609,
 * fixed upstream but unreleased): every op would throw on Node ≥ 23 (code-server, newer Electron).
 */
function restoreUtilHelpersForTfjsNode(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable CommonJS util object: an import gives a read-only namespace
  const util = require('node:util') as Record<string, unknown>;
  util.isNullOrUndefined ??= (value: unknown) => value === null || value === undefined;
  util.isArray ??= Array.isArray;
}

/** `name` → the package's main file, and `name/` → its folder (subpath imports). */
function redirectPackage(name: string, found: InstalledPackage): void {
  redirects.set(name, found.main);
  redirects.set(`${name}/`, `${found.dir}${path.sep}`);
}

/** Points every tfjs specifier at the copies next to `anchor` (a union package main or the user's file). */
function pointRedirectsAt(anchor: string, union: InstalledPackage | undefined, native: InstalledPackage | undefined): void {
  redirects.clear();
  if (union) redirectPackage('@tensorflow/tfjs', union);
  for (const pkg of NATIVE_PACKAGES) {
    // tfjs-node's own subpaths exist only in tfjs-node: only its main is redirected.
    const target = native ?? union;
    if (target) redirects.set(pkg, target.main);
  }
  for (const pkg of TFJS_FAMILY) {
    const found = findPackage(anchor, pkg);
    if (found) redirectPackage(pkg, found);
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- tfjs is resolved at run time in the user's workspace and never bundled
const load = (file: string) => require(file) as Record<string, unknown>;

/** The namespace user code would see: the union package, or tfjs-core merged with tfjs-layers. */
function loadNamespace(union: InstalledPackage | undefined, inv: Inventory): Tf {
  if (union) return load(union.main) as unknown as Tf;
  if (!inv.core) throw new RunnerSetupError('The workspace has no @tensorflow/tfjs-core.');
  const core = load(inv.core.main);
  const cpu = findPackage(inv.core.main, '@tensorflow/tfjs-backend-cpu');
  if (cpu) load(cpu.main); // 3.x+ core-only installs: the cpu backend is a package of its own
  const layers = inv.layers ? load(inv.layers.main) : {};
  return { ...core, ...layers, version: { ...(core.version as object), ...(layers.version as object) } } as unknown as Tf;
}

/** tfjs 1.2 has tf.ENV but no tf.env(). */
function silenceBanner(tf: Tf): void {
  const loose = tf as unknown as { env?: () => { set(k: string, v: unknown): void }; ENV?: { set(k: string, v: unknown): void } };
  (loose.env?.() ?? loose.ENV)?.set('PROD', true);
}

let bundledRoot = '';
const bundled = (name: string) => findPackage(path.join(bundledRoot, 'package.json'), name);

/** Loads tfjs and selects the backend as planned; a backend that fails to start is reported, never silent. */
export async function loadTfjs(userFile: string, extensionRoot: string, choice: BackendChoice): Promise<TfjsInstance> {
  installResolveHook();
  redirects.clear();
  bundledRoot = extensionRoot;
  const ours = bundled('@tensorflow/tfjs');
  const oursCore = bundled('@tensorflow/tfjs-core');
  if (!ours || !oursCore) throw new RunnerSetupError(`Gradient Lens's own @tensorflow/tfjs is missing under ${extensionRoot}: reinstall the extension.`);
  const inv = inspectWorkspace(userFile);
  // Our own optional tfjs-node (installed with the extension where its addon could be built): its addon is
  // loaded only when the workspace has no working one and the native backend may be chosen.
  const wantOurs = (choice === 'auto' || choice === 'tensorflow') && !inv.natives.some((n) => !n.addonProblem);
  const ourNatives = wantOurs ? inspectNatives(path.join(extensionRoot, 'package.json')) : [];
  const ourNative = ourNatives.find((n) => !n.addonProblem) ?? ourNatives[0];
  let plan: RuntimePlan;
  try {
    plan = planRuntime({ ...inv, bundledNative: ourNative && summarize(ourNative) }, choice, oursCore.version);
  } catch (error) {
    if (error instanceof RuntimeChoiceError) throw new RunnerSetupError(error.message);
    throw error;
  }

  let tf: Tf;
  let source: string;
  if (plan.native) {
    const native = plan.tfjs === 'bundled' ? ourNative! : inv.nativeCandidates.find((c) => c.pkg === plan.native)!;
    pointRedirectsAt(native.tfjs!.main, native.tfjs, { name: native.pkg, version: native.version, main: native.main, dir: path.dirname(native.main) });
    restoreUtilHelpersForTfjsNode();
    tf = load(native.main) as unknown as Tf;
    source = `${plan.tfjs === 'bundled' ? 'Gradient Lens' : 'workspace'} ${native.pkg}`;
  } else if (plan.tfjs === 'workspace') {
    pointRedirectsAt(inv.union?.main ?? userFile, inv.union, undefined);
    tf = loadNamespace(inv.union, inv);
    source = `workspace ${inv.packages}`;
  } else {
    pointRedirectsAt(ours.main, ours, undefined);
    tf = load(ours.main) as unknown as Tf;
    source = 'Gradient Lens @tensorflow/tfjs';
  }
  silenceBanner(tf);
  // tfjs-node imports served by plain tfjs keep tfjs-node's file:// model save/load (nodeFileSystem.ts).
  const unloadedNative = plan.native ? undefined : inv.nativeCandidates[0];
  if (unloadedNative) registerFileSystemHandlers(tf, unloadedNative.main);
  const version = findPackage(redirects.get('@tensorflow/tfjs-core') ?? userFile, '@tensorflow/tfjs-core')?.version ?? '?';
  const instance = (backend: string, backendReason: string): TfjsInstance => ({ tf, version, source, tfjsReason: plan.tfjsReason, backend, backendReason });

  if (plan.backend === 'tensorflow') {
    if (await tf.setBackend('tensorflow')) return instance('tensorflow', plan.backendReason);
    throw new RunnerSetupError(`${plan.native} loaded but its tensorflow backend did not initialise. Choose --backend wasm or cpu.`);
  }
  if (plan.backend === 'wasm') {
    const wasmPackage = plan.wasm === 'workspace' ? inv.wasm : bundled(WASM);
    const failure = wasmPackage ? await startWasm(tf, wasmPackage) : `${WASM} is not installed`;
    if (!failure) return instance('wasm', plan.backendReason);
    if (choice === 'wasm') throw new RunnerSetupError(`--backend wasm was requested but wasm ${wasmPackage?.version ?? ''} failed to initialise: ${failure}`);
    // The core is loaded by now, so the fallback is its own cpu backend: said in the report, and the
    // host's timeout message then names cpu.
    if (!(await tf.setBackend('cpu'))) throw new RunnerSetupError(`wasm failed to initialise (${failure}) and so did the cpu backend.`);
    return instance('cpu', `fallback: wasm ${wasmPackage?.version ?? ''} failed to initialise (${failure}); cpu is several times slower`);
  }
  if (!(await tf.setBackend('cpu'))) throw new RunnerSetupError('The cpu backend failed to initialise.');
  return instance('cpu', plan.backendReason);
}

/**
 * Loads a wasm backend into the chosen core (the redirects make its `@tensorflow/tfjs-core` the chosen one,
 * of the same version by plan) and starts it.
 */
async function startWasm(tf: Tf, wasm: InstalledPackage): Promise<string | undefined> {
  redirectPackage(WASM, wasm);
  try {
    load(wasm.main);
    if (!(await tf.setBackend('wasm'))) return 'setBackend("wasm") returned false';
    registerWasmConvBackpropFilter(tf);
    registerWasmConvBackpropInput(tf);
    registerWasmUnsortedSegmentSum(tf);
    return undefined;
  } catch (error) {
    return firstLine(String((error as Error)?.message ?? error));
  }
}
