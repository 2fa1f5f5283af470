// A data file that is a Git LFS pointer: repositories keep large datasets in Git LFS, and a clone without
// `git lfs pull` (or a download of the repository as an archive) has, in place of each file, three lines
// ("version https://git-lfs.github.com/spec/v1", "oid sha256:…", "size …"). The script reads them as its data
// and fails one step later with a message about something else (bench/realworld batch 3: Twitter-RNN's
// tweets.csv, "iteratble is not iterable"). The files the user's code opens are remembered, and a failure
// names the one that is a pointer — or the path it read that does not exist, when the failure is the undefined
// result of that read (a callback that ignores its error argument).
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first line of every Git LFS pointer file (git-lfs spec v1). */
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1';
/** A pointer file is ~130 bytes; a larger file is data, whatever it starts with. */
const POINTER_MAX_BYTES = 1024;
const MAX_REMEMBERED = 256;

// The module object itself (a namespace import is read-only once bundled): its functions are what the
// user's require('fs') and, after syncBuiltinESMExports, its `import { … } from 'node:fs'` call.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable CommonJS module object is the point
const fs: typeof import('node:fs') = require('node:fs');

const opened = new Set<string>();
let installed = false;

function remember(target: unknown): void {
  const file = typeof target === 'string' ? target : target instanceof URL && target.protocol === 'file:' ? fileURLToPath(target) : undefined;
  if (!file || file.includes(`${path.sep}node_modules${path.sep}`)) return;
  if (opened.size >= MAX_REMEMBERED) opened.delete(opened.values().next().value!);
  opened.add(path.resolve(file));
}

/** From now on the paths the process opens for reading are remembered (bounded; nothing else changes). */
export function rememberOpenedFiles(): void {
  if (installed) return;
  installed = true;
  const mutableFs = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['readFileSync', 'readFile', 'createReadStream', 'openSync', 'open', 'readdir', 'readdirSync']) {
    const original = mutableFs[name];
    mutableFs[name] = function (this: unknown, ...args: unknown[]) {
      remember(args[0]);
      return original.apply(this, args);
    };
  }
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['readFile', 'open', 'readdir']) {
    const original = promises[name];
    promises[name] = function (this: unknown, ...args: unknown[]) {
      remember(args[0]);
      return original.apply(this, args);
    };
  }
  // ES modules' `import { readFileSync } from 'node:fs'` bindings follow only after this.
  syncBuiltinESMExports();
}

function isPointer(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > POINTER_MAX_BYTES) return false;
    return fs.readFileSync(file, 'utf8').startsWith(LFS_POINTER);
  } catch {
    return false;
  }
}

/** The sentence naming an opened file that is a Git LFS pointer, or ''. */
export function lfsPointerNote(cwd = process.cwd()): string {
  const pointers = [...opened].filter(isPointer);
  if (!pointers.length) return '';
  const names = pointers.map((p) => path.relative(cwd, p) || p);
  const list = names.length === 1 ? `${names[0]} is a Git LFS pointer` : `${names.join(', ')} are Git LFS pointers`;
  return ` ${list}, not the data: the repository keeps ${names.length === 1 ? 'that file' : 'those files'} in Git LFS and ${names.length === 1 ? 'it was' : 'they were'} never downloaded. Run \`git lfs pull\` in the repository, then profile again.`;
}

/**
 * `fs.readdir(dir, (_, files) => files.forEach(…))` with `dir` absent: Node passes the ENOENT as the first argument,
 * the callback ignores it, and the script fails one line later on `files` being undefined (bench/realworld batch 7:
 * practical-transfer's data/pikachu). For a failure on an undefined or null value, the sentence naming a path the
 * user's code read that does not exist here, or ''.
 */
export function absentReadNote(error: unknown, cwd = process.cwd()): string {
  if (!(error instanceof TypeError) || !/\b(undefined|null)\b/.test(error.message)) return '';
  const absent = [...opened].filter((p) => !fs.existsSync(p));
  if (!absent.length) return '';
  const names = absent.slice(-3).map((p) => path.relative(cwd, p) || p);
  return ` Before failing, the script read ${names.join(', ')}, which ${names.length === 1 ? 'does' : 'do'} not exist here (relative to ${cwd}): a read whose error the script did not check leaves its result undefined — the likely cause. Create or download ${names.length === 1 ? 'it' : 'them'} as the project says, or fix the path, then run again.`;
}
