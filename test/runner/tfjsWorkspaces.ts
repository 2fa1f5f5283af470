// Workspaces pinned to old TensorFlow.js versions, as users' projects pin them: installed from the npm
// registry (or npm's cache) with install scripts off, once, under <tools>/tfjs-workspaces/<deps>; reruns
// reuse them. A test gets a fresh folder whose node_modules links to the cached install, plus its files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const TOOLS = process.env.GRADIENT_LENS_TOOLS || path.join(os.homedir(), '.cache', 'gradient-lens-tools');
const ROOT = path.join(TOOLS, 'tfjs-workspaces');

export interface Installed {
  dir?: string;
  /** Why the workspace could not be installed (the test skips with it). */
  skip?: string;
}

/** Installs `deps` (name → exact version) once; returns the cached folder, or why it could not. */
export function installWorkspace(deps: Record<string, string>): Installed {
  const key = Object.entries(deps)
    .map(([name, version]) => `${name.replace('@tensorflow/', '')}@${version}`)
    .join('+');
  const dir = path.join(ROOT, key);
  if (fs.existsSync(path.join(dir, '.ready'))) return { dir };
  fs.mkdirSync(ROOT, { recursive: true });
  const staging = fs.mkdtempSync(path.join(ROOT, `${key}.new-`));
  try {
    fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'gl-tfjs-workspace', private: true, dependencies: deps }, null, 1));
    const npm = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: staging,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (npm.status !== 0) return { skip: `npm could not install ${key}: ${(npm.stderr || npm.error?.message || '').trim().split('\n').slice(-2).join(' ')}` };
    fs.writeFileSync(path.join(staging, '.ready'), `${key}\n`);
    try {
      fs.renameSync(staging, dir);
    } catch {
      // another run installed it meanwhile: use theirs
    }
    return fs.existsSync(path.join(dir, '.ready')) ? { dir } : { skip: `could not move the install to ${dir}` };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A fresh folder whose node_modules links to the installed workspace (Node loads modules by real path, so
 * each package finds its own dependencies in the cache).
 */
export function workspaceWith(installed: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-tfjs-'));
  fs.symlinkSync(path.join(installed, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
  return ws;
}
