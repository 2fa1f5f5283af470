// Chooses the ONE TensorFlow.js instance that the user's model file and the profiler share, and the
// backend. Workspace packages win over ours so the user's versions and native builds are used.
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BackendChoice } from '../core/protocol';
import { registerWasmConvBackpropFilter, registerWasmUnsortedSegmentSum } from './wasmKernels';

export type Tf = typeof import('@tensorflow/tfjs');

export interface TfjsInstance {
  tf: Tf;
  /** Human-readable origin, e.g. "workspace @tensorflow/tfjs-node". */
  source: string;
  backend: string;
  backendReason: string;
}

class RunnerSetupError extends Error {}
export { RunnerSetupError };

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const TFJS_FAMILY = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-data',
];

/** specifier → absolute file, consulted for every require and (via esmHooks) every import. */
export const redirects = new Map<string, string>();

let hookInstalled = false;
function installResolveHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request: string, ...rest: unknown[]) {
    const target = redirects.get(request);
    return target ?? original.call(this, request, ...rest);
  };
}

function tryResolve(fromFile: string, specifier: string): string | undefined {
  try {
    return createRequire(fromFile).resolve(specifier);
  } catch {
    return undefined;
  }
}

function describeLoadFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ERR_DLOPEN_FAILED') return `its native library could not be loaded (${firstLine(e.message)})`;
  if (/native addon module/i.test(String(e?.message))) return 'its native addon (tfjs_binding.node) is not built';
  return firstLine(String(e?.message ?? error));
}

const firstLine = (s: string) => s.split('\n')[0];

interface Candidate {
  main: string;
  source: string;
  native: boolean;
}

function candidates(userFile: string, extensionRoot: string, wantNative: boolean): Candidate[] {
  const anchors: [string, string][] = [
    [userFile, 'workspace'],
    [path.join(extensionRoot, 'package.json'), 'Gradient Lens'],
  ];
  const list: Candidate[] = [];
  // The workspace's own tfjs-node is loaded whatever the backend, so user code keeps tf.node.*;
  // ours only when the native backend is wanted.
  for (const [anchor, who] of wantNative ? anchors : anchors.slice(0, 1)) {
    for (const pkg of NATIVE_PACKAGES) {
      const main = tryResolve(anchor, pkg);
      if (main) list.push({ main, source: `${who} ${pkg}`, native: true });
    }
  }
  for (const [anchor, who] of anchors) {
    const main = tryResolve(anchor, '@tensorflow/tfjs');
    if (main) list.push({ main, source: `${who} @tensorflow/tfjs`, native: false });
  }
  return list;
}

/**
 * tfjs-node ≤ 4.22 calls util.isNullOrUndefined / util.isArray, which Node 23 removed (tensorflow/tfjs#8609,
 * fixed upstream but unreleased): every op would throw on Node ≥ 23 (code-server, newer Electron).
 */
function restoreUtilHelpersForTfjsNode(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('node:util') as Record<string, unknown>;
  util.isNullOrUndefined ??= (value: unknown) => value === null || value === undefined;
  util.isArray ??= Array.isArray;
}

function pointRedirectsAt(tfjsMain: string, nativeMain: string | undefined): void {
  redirects.set('@tensorflow/tfjs', tfjsMain);
  for (const pkg of NATIVE_PACKAGES) redirects.set(pkg, nativeMain ?? tfjsMain);
  for (const pkg of TFJS_FAMILY) {
    const resolved = tryResolve(tfjsMain, pkg);
    if (resolved) redirects.set(pkg, resolved);
  }
}

/** Loads tfjs (native first when allowed), then selects the backend: tensorflow → wasm → cpu. */
export async function loadTfjs(userFile: string, extensionRoot: string, choice: BackendChoice): Promise<TfjsInstance> {
  installResolveHook();
  const wantNative = choice === 'auto' || choice === 'tensorflow';
  const nativeFailures: string[] = [];
  let tf: Tf | undefined;
  let source = '';
  let native = false;
  for (const c of candidates(userFile, extensionRoot, wantNative)) {
    try {
      if (c.native) {
        // tfjs-node requires '@tensorflow/tfjs' itself: point the family at the copy next to it first.
        const tfjsMain = tryResolve(c.main, '@tensorflow/tfjs');
        if (!tfjsMain) throw new Error('its @tensorflow/tfjs dependency is missing');
        pointRedirectsAt(tfjsMain, c.main);
        restoreUtilHelpersForTfjsNode();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        tf = require(c.main) as Tf;
      } else {
        pointRedirectsAt(c.main, undefined);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        tf = require(c.main) as Tf;
      }
      source = c.source;
      native = c.native;
      break;
    } catch (error) {
      if (!c.native) throw error;
      nativeFailures.push(`${c.source}: ${describeLoadFailure(error)}`);
      redirects.clear();
    }
  }
  if (!tf) throw new RunnerSetupError('TensorFlow.js could not be found: neither the workspace nor Gradient Lens has @tensorflow/tfjs installed.');
  tf.env().set('PROD', true);

  const nativeNote = nativeFailures.length
    ? `tfjs-node unusable (${nativeFailures.join('; ')})`
    : wantNative
      ? 'no @tensorflow/tfjs-node installed'
      : '';
  if (native && wantNative && (await tf.setBackend('tensorflow'))) {
    return { tf, source, backend: 'tensorflow', backendReason: `native TensorFlow via ${source}` };
  }
  if (choice === 'tensorflow') {
    throw new RunnerSetupError(`--backend tensorflow was requested but ${nativeNote || 'tfjs-node did not initialise'}. Install @tensorflow/tfjs-node in the workspace, or choose wasm/cpu.`);
  }
  const why = (reason: string) => [reason, nativeNote].filter(Boolean).join('; ');
  if (choice === 'auto' || choice === 'wasm') {
    const wasmFailure = await tryWasm(tf, userFile, extensionRoot);
    if (!wasmFailure) {
      return { tf, source, backend: 'wasm', backendReason: why(choice === 'wasm' ? 'requested' : 'fastest available without tfjs-node') };
    }
    if (choice === 'wasm') throw new RunnerSetupError(`--backend wasm was requested but it failed to initialise: ${wasmFailure}`);
    nativeFailures.push(`wasm: ${wasmFailure}`);
  }
  if (!(await tf.setBackend('cpu'))) throw new RunnerSetupError('The cpu backend failed to initialise.');
  const cpuReason = choice === 'cpu' ? 'requested' : 'fallback';
  return { tf, source, backend: 'cpu', backendReason: why(`${cpuReason}${nativeFailures.length ? ` (${nativeFailures.join('; ')})` : ''}`) };
}

async function tryWasm(tf: Tf, userFile: string, extensionRoot: string): Promise<string | undefined> {
  const main = tryResolve(userFile, '@tensorflow/tfjs-backend-wasm') ?? tryResolve(path.join(extensionRoot, 'package.json'), '@tensorflow/tfjs-backend-wasm');
  if (!main) return '@tensorflow/tfjs-backend-wasm is not installed';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(main);
    if (!(await tf.setBackend('wasm'))) return 'setBackend("wasm") returned false';
    registerWasmConvBackpropFilter(tf);
    registerWasmUnsortedSegmentSum(tf);
    return undefined;
  } catch (error) {
    return firstLine(String((error as Error)?.message ?? error));
  }
}
