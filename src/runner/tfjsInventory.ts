// What TensorFlow.js a workspace has installed, read from package.json files as the user's file resolves
// them, without loading any tfjs: two tfjs-core versions loaded into one process share one global engine
// and kernel registry, so the choice must be made before the first core is required. The one thing loaded
// here is a tfjs-node addon (pure N-API, no tfjs inside), to learn whether it works before its package
// registers ~155 kernels (a second native package would then print "already registered" for each).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NativeInstall, NativePackage, WorkspaceInstall } from '../core/runtimeChoice';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Absolute path of the package's main module. */
  main: string;
  dir: string;
}

/** The package `name` as `fromFile` would import it (its main file, folder and version), or undefined. */
export function findPackage(fromFile: string, name: string): InstalledPackage | undefined {
  let main: string;
  try {
    main = createRequire(fromFile).resolve(name);
  } catch {
    return undefined;
  }
  // Walk up from the main file to the package.json that names the package ("exports" may hide package.json).
  for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    try {
      const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return { name, version: json.version ?? '0.0.0', main, dir };
    } catch {
      // no package.json at this level
    }
  }
  return undefined;
}

export const NATIVE_PACKAGES: NativePackage[] = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

export interface NativeCandidate extends NativeInstall {
  main: string;
  /** The @tensorflow/tfjs that this tfjs-node requires (its own version). */
  tfjs?: InstalledPackage;
}

export interface Inventory extends WorkspaceInstall {
  /** The workspace's union package, or (core-only installs) tfjs-core and tfjs-layers. */
  union?: InstalledPackage;
  core?: InstalledPackage;
  layers?: InstalledPackage;
  wasm?: InstalledPackage;
  nativeCandidates: NativeCandidate[];
}

/**
 * The addon file node-pre-gyp builds for this Node: `binary.module_path` with the highest N-API version of
 * `binary.napi_versions` that this Node supports.
 */
function addonPath(dir: string): string | undefined {
  try {
    const binary = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { binary?: { module_path?: string; module_name?: string; napi_versions?: number[] } }).binary;
    if (!binary?.module_path) return undefined;
    const supported = Number(process.versions.napi ?? 0);
    const napi = Math.max(...(binary.napi_versions ?? [0]).filter((v) => v <= supported));
    const folder = binary.module_path.replace('{napi_build_version}', String(napi));
    return path.join(dir, folder, `${binary.module_name ?? 'tfjs_binding'}.node`);
  } catch {
    return undefined;
  }
}

const firstLine = (s: string) => s.split('\n')[0];

/** undefined when the addon loads; else the reason in the user's terms. */
function checkAddon(dir: string): string | undefined {
  const file = addonPath(dir);
  if (!file) return 'its package.json names no addon';
  if (!fs.existsSync(file)) {
    return `its addon is not built (${path.relative(dir, file)} is missing)`;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a tfjs package file by the path resolved at run time
    require(file);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'ERR_DLOPEN_FAILED') return `its native library could not be loaded (${firstLine(e.message)})`;
    return firstLine(String(e?.message ?? error));
  }
}

/**
 * The tfjs-node packages `fromFile` would import, each with its addon checked (loaded) until one works: one
 * working native package is enough, a second addon would be loaded for nothing.
 */
export function inspectNatives(fromFile: string, skipChecks = false): NativeCandidate[] {
  const nativeCandidates: NativeCandidate[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    const found = findPackage(fromFile, pkg);
    if (!found) continue;
    const tfjs = findPackage(found.main, '@tensorflow/tfjs');
    let addonProblem: string | undefined;
    if (!tfjs) addonProblem = 'its @tensorflow/tfjs dependency is missing';
    else if (skipChecks || nativeCandidates.some((c) => !c.addonProblem)) addonProblem = 'not needed (another native package works)';
    else addonProblem = checkAddon(found.dir);
    nativeCandidates.push({ pkg, version: found.version, main: found.main, tfjs, addonProblem });
  }
  return nativeCandidates;
}

export const summarize = ({ pkg, version, tfjs, addonProblem }: NativeCandidate): NativeInstall => ({ pkg, version, tfjsVersion: tfjs?.version, addonProblem });

/** What `userFile` would import; tfjs-node addons are loaded to see whether they work. */
export function inspectWorkspace(userFile: string): Inventory {
  const nativeCandidates = inspectNatives(userFile);
  const union = findPackage(userFile, '@tensorflow/tfjs') ?? nativeCandidates.find((c) => c.tfjs)?.tfjs;
  const anchor = union?.main ?? userFile;
  const core = findPackage(anchor, '@tensorflow/tfjs-core');
  const layers = findPackage(anchor, '@tensorflow/tfjs-layers');
  const wasm = findPackage(userFile, '@tensorflow/tfjs-backend-wasm');
  return {
    version: core?.version,
    packages: union ? '@tensorflow/tfjs' : core ? ['@tensorflow/tfjs-core', layers && '@tensorflow/tfjs-layers'].filter(Boolean).join(' + ') : undefined,
    wasmVersion: wasm?.version,
    natives: nativeCandidates.map(summarize),
    union,
    core,
    layers,
    wasm,
    nativeCandidates,
  };
}
