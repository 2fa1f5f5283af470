// The native lane (scripts/setup-native-lane.sh): a tfjs-node built offline against the TensorFlow C
// library of the tensorflow-cpu wheel. Tests use it through a workspace whose node_modules holds it,
// exactly as a user's project would ("the workspace's own tfjs-node").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const READY = path.join(process.env.GRADIENT_LENS_TOOLS ?? path.join(os.homedir(), '.cache', 'gradient-lens-tools'), 'native', 'READY');

/** The ready tfjs-node package folder, or undefined when the lane was skipped. */
export function nativeTfjsNodeDir(): string | undefined {
  if (!fs.existsSync(READY)) return undefined;
  const dir = fs.readFileSync(READY, 'utf8').trim();
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : undefined;
}

export const NATIVE_SKIP = 'native lane not ready: run scripts/setup-native-lane.sh (needs the tensorflow-cpu wheel)';

/**
 * A temp workspace whose node_modules/@tensorflow/{tfjs-node,tfjs} link to the native lane; copies the
 * given files into it. Returns the workspace folder, or undefined when the lane is not ready.
 */
export function makeNativeWorkspace(files: string[] = []): string | undefined {
  const pkg = nativeTfjsNodeDir();
  if (!pkg) return undefined;
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-native-'));
  const scope = path.join(ws, 'node_modules', '@tensorflow');
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(pkg, path.join(scope, 'tfjs-node'), 'dir');
  fs.symlinkSync(path.join(path.dirname(pkg), 'tfjs'), path.join(scope, 'tfjs'), 'dir');
  for (const file of files) fs.copyFileSync(file, path.join(ws, path.basename(file)));
  return ws;
}
