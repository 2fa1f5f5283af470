// Rebuilds each corpus case's workspace outside the repository, from the fetched mirror of its repository:
// the case's paths at its commit (git archive), its package.json reduced to the packages the case installs,
// and `npm install` of those exact versions with install scripts off (tfjs-node then has no native addon,
// as on a machine where its download failed). Skips visibly where it cannot.
//   node --import tsx bench/realworld/rebuild.ts [--case NAME]... [--batch 1|2|3|4|5|7|8|9|10|11|12|13] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, mirrorOf, workspaceOf, CORPORA_DIR, type Case } from './manifest';

export type Workspace = { ok: true; root: string; file: string } | { ok: false; reason: string };

const STAMP = '.gradient-lens-case.json';
const INSTALL_TIMEOUT_MS = 10 * 60_000;

function stampOf(c: Case): string {
  const { repo, commit, root, paths, install, npmArgs } = c;
  return createHash('sha256').update(JSON.stringify({ repo, commit, root, paths, install, npmArgs })).digest('hex');
}

/** The environment for git and npm: ours, without the npm_* variables an outer `npm run` would leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
}

function lastLines(text: string, n = 3): string {
  return text.trim().split('\n').filter(Boolean).slice(-n).join(' | ');
}

function reducedPackageJson(c: Case, original: Record<string, unknown>): Record<string, unknown> {
  const pkg: Record<string, unknown> = { ...original };
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'scripts', 'workspaces', 'bin']) delete pkg[key];
  return { ...pkg, name: `corpus-${c.name}`, private: true, dependencies: c.install };
}

export function ensureWorkspace(c: Case, force = false): Workspace {
  const ws = workspaceOf(c);
  const root = path.join(ws, c.root);
  const ready: Workspace = { ok: true, root, file: path.join(root, c.file) };
  const stampFile = path.join(ws, STAMP);
  const stamp = stampOf(c);
  if (!force && fs.existsSync(stampFile)) {
    const previous = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { stamp: string; failure?: string };
    if (previous.stamp === stamp) return previous.failure ? { ok: false, reason: previous.failure } : ready;
  }

  const mirror = mirrorOf(c);
  if (!fs.existsSync(mirror)) return { ok: false, reason: `mirror absent: ${mirror} (fetch github:${c.repo} first, or set GRADIENT_LENS_MIRRORS)` };
  const env = cleanEnv();
  const hasCommit = spawnSync('git', ['--git-dir', mirror, 'cat-file', '-e', `${c.commit}^{commit}`], { env });
  if (hasCommit.status !== 0) return { ok: false, reason: `commit ${c.commit.slice(0, 10)} is not in the mirror ${mirror} (fetch github:${c.repo} again)` };

  // Only ever delete inside our own cache folder.
  if (!ws.startsWith(CORPORA_DIR + path.sep)) throw new Error(`refusing to rebuild ${ws}: outside ${CORPORA_DIR}`);
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(ws, { recursive: true });
  const fail = (reason: string): Workspace => {
    fs.writeFileSync(stampFile, JSON.stringify({ stamp, failure: reason }));
    return { ok: false, reason };
  };

  const archive = spawnSync('git', ['--git-dir', mirror, 'archive', '--format=tar', c.commit, '--', ...c.paths], { env, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) return fail(`git archive failed: ${lastLines(archive.stderr.toString())}`);
  const untar = spawnSync('tar', ['-x', '-C', ws], { input: archive.stdout });
  if (untar.status !== 0) return fail(`tar failed: ${lastLines(untar.stderr.toString())}`);
  if (!fs.existsSync(ready.file)) return fail(`${c.file} is not among the archived paths under "${c.root}"`);

  const pkgFile = path.join(root, 'package.json');
  const original = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>) : {};
  if (fs.existsSync(pkgFile)) fs.renameSync(pkgFile, path.join(root, 'package.original.json'));
  fs.writeFileSync(pkgFile, JSON.stringify(reducedPackageJson(c, original), null, 2) + '\n');

  const npm = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...(c.npmArgs ?? [])], {
    cwd: root,
    env,
    timeout: INSTALL_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (npm.error) return fail(`npm install failed: ${npm.error.message}`);
  if (npm.status !== 0) return fail(`npm install failed (exit ${npm.status}): ${lastLines(npm.stderr)}`);
  fs.writeFileSync(stampFile, JSON.stringify({ stamp }));
  return ready;
}

function main() {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true }, batch: { type: 'string' }, force: { type: 'boolean', default: false } } });
  const cases = loadCorpus().filter((c) => (!values.case || values.case.includes(c.name)) && (!values.batch || String(c.batch ?? 1) === values.batch));
  let built = 0;
  for (const c of cases) {
    const started = Date.now();
    const ws = ensureWorkspace(c, values.force);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (ws.ok) built++;
    console.log(`${c.name.padEnd(40)} ${ws.ok ? `ready (${seconds} s) ${ws.root}` : `SKIPPED: ${ws.reason}`}`);
  }
  console.log(`${built}/${cases.length} workspaces ready under ${CORPORA_DIR}`);
}

if (require.main === module) main();
