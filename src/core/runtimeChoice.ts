// Which TensorFlow.js runs the user's code and which backend serves it, decided from what the workspace has
// installed (versions only; nothing is loaded here). A tfjs core and a backend package of different versions
// never meet: the workspace's own tfjs runs with a backend of its own version, or every @tensorflow/* import
// goes to the bundled tfjs and its wasm backend. The evidence behind each row is in docs/runtime.md.
import type { BackendChoice } from './protocol';

export type NativePackage = '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';

export interface NativeInstall {
  pkg: NativePackage;
  version: string;
  /** The version of the @tensorflow/tfjs it depends on. */
  tfjsVersion?: string;
  /** undefined: the addon loads; else why it cannot (not built, library missing, not checked). */
  addonProblem?: string;
}

export interface WorkspaceInstall {
  /** Version of the tfjs-core the user's imports reach (union package or core-only installs); undefined: none. */
  version?: string;
  /** How the workspace provides it, e.g. "@tensorflow/tfjs" or "@tensorflow/tfjs-core + @tensorflow/tfjs-layers". */
  packages?: string;
  /** Version of the workspace's own @tensorflow/tfjs-backend-wasm, if installed. */
  wasmVersion?: string;
  natives: NativeInstall[];
  /** Gradient Lens's own (optional) tfjs-node, of the bundled version, when installed with the extension. */
  bundledNative?: NativeInstall;
}

export interface RuntimePlan {
  tfjs: 'workspace' | 'bundled';
  /** tfjs-node package to load (workspace, addon checked). */
  native?: NativePackage;
  backend: 'tensorflow' | 'wasm' | 'cpu';
  /** Which wasm package serves the backend (always the same version as the core). */
  wasm?: 'workspace' | 'bundled';
  tfjsReason: string;
  backendReason: string;
}

/**
 * The oldest workspace wasm backend to train on: from 4.6.0 it registers the same 157 kernels as 4.22.
 * Before, gradients of common layers are missing (3.18/3.21: MaxPoolGrad, IsFinite; 4.0–4.5: MaxPoolGrad,
 * AvgPoolGrad), and before 3.21 it does not even start in Node ≥ 18 (it fetch()es its .wasm file by path).
 */
export const MIN_WORKSPACE_WASM = '4.6.0';

function parts(version: string): number[] {
  return version.split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
}

/** Numeric major.minor.patch comparison; pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export class RuntimeChoiceError extends Error {}

function nativeSummary(natives: NativeInstall[]): string {
  return natives.map((n) => `${n.pkg} ${n.version}: ${n.addonProblem}`).join('; ');
}

/**
 * The plan for `choice` ('auto' takes the fastest row whose core and backend share a version):
 * 1. a workspace tfjs-node(-gpu) whose addon loads → its own tfjs on `tensorflow`;
 *    else Gradient Lens's own tfjs-node, if its addon loads → the bundled tfjs for every import, on `tensorflow`;
 * 2. workspace tfjs of the bundled version → it, on wasm of that version;
 * 3. a workspace wasm backend of the workspace's version (≥ MIN_WORKSPACE_WASM) → both;
 * 4. otherwise the bundled tfjs for every @tensorflow/* import, on its wasm.
 * 'tensorflow' is row 1 only; 'wasm' rows 2–4; 'cpu' the workspace's own tfjs on its own cpu backend. A
 * working tfjs-node is loaded on every row that runs its version, so the user's code keeps tf.node.
 */
export function planRuntime(ws: WorkspaceInstall, choice: BackendChoice, bundledVersion: string): RuntimePlan {
  const usable = ws.natives.find((n) => !n.addonProblem);
  const nativeNote = ws.natives.length ? `tfjs-node unusable: ${nativeSummary(ws.natives)}` : 'no @tensorflow/tfjs-node installed';
  // With a working tfjs-node, the user's '@tensorflow/tfjs' imports are its tfjs (same version by its dependency).
  const version = usable?.tfjsVersion ?? ws.version;
  const own = usable
    ? `the workspace's ${usable.pkg} ${usable.version} and its tfjs ${version}`
    : ws.version
      ? `the workspace's ${ws.packages ?? '@tensorflow/tfjs'} ${ws.version}`
      : undefined;
  const workspace = (backend: RuntimePlan['backend'], backendReason: string, wasm?: RuntimePlan['wasm']): RuntimePlan => ({
    tfjs: 'workspace',
    native: usable?.pkg,
    backend,
    wasm,
    tfjsReason: own!,
    backendReason,
  });

  if (usable && (choice === 'auto' || choice === 'tensorflow')) {
    return workspace('tensorflow', `native TensorFlow via the workspace's ${usable.pkg}`);
  }
  const ours = ws.bundledNative && !ws.bundledNative.addonProblem ? ws.bundledNative : undefined;
  if (ours && (choice === 'auto' || choice === 'tensorflow')) {
    return {
      tfjs: 'bundled',
      native: ours.pkg,
      backend: 'tensorflow',
      tfjsReason: `bundled ${bundledVersion} for every @tensorflow/* import, with Gradient Lens's own ${ours.pkg}: ${nativeNote}`,
      backendReason: `native TensorFlow via Gradient Lens's ${ours.pkg}`,
    };
  }
  if (choice === 'tensorflow') {
    const oursNote = ws.bundledNative ? `; Gradient Lens's own ${ws.bundledNative.pkg}: ${ws.bundledNative.addonProblem}` : '';
    throw new RuntimeChoiceError(
      `--backend tensorflow was requested but ${nativeNote}${oursNote}. Install @tensorflow/tfjs-node in the workspace (its install script builds the addon), or choose auto, wasm or cpu.`,
    );
  }
  if (choice === 'cpu') {
    return own
      ? workspace('cpu', `requested: the workspace's own tfjs ${version} on its own cpu backend`)
      : { tfjs: 'bundled', backend: 'cpu', tfjsReason: 'bundled with Gradient Lens: the workspace has no TensorFlow.js installed', backendReason: 'requested' };
  }
  const why = (reason: string) => (choice === 'wasm' ? `requested: ${reason}` : `${reason}; ${nativeNote}`);
  if (!version) {
    return { tfjs: 'bundled', backend: 'wasm', wasm: 'bundled', tfjsReason: 'bundled with Gradient Lens: the workspace has no TensorFlow.js installed', backendReason: why(`wasm ${bundledVersion}, bundled`) };
  }
  const ownWasm = ws.wasmVersion !== undefined && compareVersions(ws.wasmVersion, version) === 0;
  if (compareVersions(version, bundledVersion) === 0) {
    const wasm = ownWasm ? 'workspace' : 'bundled';
    return workspace('wasm', why(`wasm ${version} (${wasm === 'workspace' ? "the workspace's" : 'bundled'}), the same version as the workspace's tfjs`), wasm);
  }
  if (ownWasm && compareVersions(version, MIN_WORKSPACE_WASM) >= 0) {
    return workspace('wasm', why(`the workspace's wasm backend ${ws.wasmVersion}, the same version as its tfjs`), 'workspace');
  }
  const missing = !ws.wasmVersion
    ? `no tfjs-backend-wasm ${version}`
    : ownWasm
      ? `its tfjs-backend-wasm ${ws.wasmVersion} lacks gradient kernels (before ${MIN_WORKSPACE_WASM})`
      : `its tfjs-backend-wasm is ${ws.wasmVersion}, not ${version}`;
  return {
    tfjs: 'bundled',
    backend: 'wasm',
    wasm: 'bundled',
    tfjsReason:
      `bundled ${bundledVersion} for every @tensorflow/* import: ${own} has no backend of its own version faster than cpu here ` +
      `(${usable ? 'wasm requested' : nativeNote}; ${missing}). --backend cpu runs tfjs ${version} itself, on its cpu backend (slower)`,
    backendReason: choice === 'wasm' ? 'requested' : `wasm ${bundledVersion}, bundled`,
  };
}
