// The native lane (scripts/setup-native-lane.sh): @tensorflow/tfjs-node 4.22.0 built offline against the
// TensorFlow C library of the tensorflow-cpu wheel, in <tools>/native/pkg. Tests use it through a workspace
// whose node_modules links to it, exactly as a user's project would ("the workspace's own tfjs-node").
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

function readyFile(): string {
  const tools = process.env.GRADIENT_LENS_TOOLS || path.join(os.homedir(), '.cache', 'gradient-lens-tools');
  return path.join(tools, 'native', 'READY');
}

/**
 * The ready tfjs-node package folder (…/native/pkg/node_modules/@tensorflow/tfjs-node), or undefined when
 * the lane was skipped or not set up: no READY file, or it names a folder without the package and its
 * built addon. Cheap (no native code is loaded).
 */
export function nativeTfjsNodeDir(): string | undefined {
  let dir: string;
  try {
    dir = fs.readFileSync(readyFile(), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!dir || !fs.existsSync(path.join(dir, 'package.json'))) return undefined;
  let addons: string[];
  try {
    addons = fs.readdirSync(path.join(dir, 'lib')).filter((d) => fs.existsSync(path.join(dir, 'lib', d, 'tfjs_binding.node')));
  } catch {
    return undefined;
  }
  return addons.length > 0 ? dir : undefined;
}

export const NATIVE_SKIP = 'native lane not ready: run scripts/setup-native-lane.sh (needs the tensorflow-cpu wheel)';

/** The @tensorflow/tfjs that the lane's tfjs-node itself requires (its own instance of tfjs-core). */
function laneTfjsDir(pkg: string): string {
  return path.dirname(createRequire(path.join(pkg, 'package.json')).resolve('@tensorflow/tfjs/package.json'));
}

/**
 * A fresh workspace folder whose node_modules/@tensorflow/tfjs-node is a symlink to the native lane's
 * package and node_modules/@tensorflow/tfjs a symlink to the tfjs that package uses. A model file placed in
 * the workspace resolves `require('@tensorflow/tfjs-node')` (and `@tensorflow/tfjs`) there; Node loads
 * modules by real path, so the package finds its own dependencies and addon in the lane and the model,
 * the runner (createRequire(modelFile)) and tfjs-node share one tfjs instance. No copies.
 *
 * `where`: the folder to create the workspace in (created if missing; default os.tmpdir()). Put it inside
 * the repo when the model also needs the repo's packages (e.g. `mnist`): resolution walks up from there.
 * Passing an array instead is the older form `makeNativeWorkspace(files)`. `files` are copied into the
 * workspace. Returns the workspace folder, or undefined when the lane is not ready.
 */
export function makeNativeWorkspace(where?: string | string[], files: string[] = []): string | undefined {
  if (Array.isArray(where)) return makeNativeWorkspace(undefined, where);
  const pkg = nativeTfjsNodeDir();
  if (!pkg) return undefined;
  const parent = where ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const ws = fs.mkdtempSync(path.join(parent, 'gl-native-'));
  const scope = path.join(ws, 'node_modules', '@tensorflow');
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(pkg, path.join(scope, 'tfjs-node'), 'dir');
  fs.symlinkSync(laneTfjsDir(pkg), path.join(scope, 'tfjs'), 'dir');
  for (const file of files) fs.copyFileSync(file, path.join(ws, path.basename(file)));
  return ws;
}
