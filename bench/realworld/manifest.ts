// The real-world corpus: public TensorFlow.js files referenced by repository, commit and paths (their code
// never enters this repository). corpus.json is checked against this schema by the bench and a unit test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v from 'valibot';

const relativePath = v.pipe(
  v.string(),
  v.minLength(1),
  v.check((p) => !path.isAbsolute(p) && !p.split('/').includes('..'), 'a path inside the repository'),
);

/**
 * "model.js:21 Conv2D": the line that creates the layer (file relative to the workspace) and its class — or
 * "tf.variable" for a core-API loop's variable rows (runner/variableProfile.ts).
 */
export const LAYER_LINE = /^(?<file>[^\s:]+):(?<line>[1-9]\d*) (?<className>[A-Za-z_][\w.]*)$/;

const Expectation = v.variant('profiles', [
  v.object({
    profiles: v.literal(true),
    /** Every non-input layer of the profiled model, as read in the code (nested models: the model and its layers). */
    layers: v.pipe(v.array(v.pipe(v.string(), v.regex(LAYER_LINE, 'a "file:line ClassName" entry'))), v.minLength(1)),
  }),
  v.object({
    profiles: v.literal(false),
    /** Why a reviewer would not expect a profile (needs a browser DOM, downloads data, ...). */
    why: v.pipe(v.string(), v.minLength(10)),
    /** A case-insensitive regular expression that the failure message must match to name the cause. */
    cause: v.pipe(
      v.string(),
      v.minLength(3),
      v.check((s) => {
        try {
          new RegExp(s, 'i');
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression'),
    ),
  }),
]);

export const Case = v.object({
  name: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by "-"')),
  repo: v.pipe(v.string(), v.regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name')),
  commit: v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/, 'a full commit hash')),
  /** Folder of the repository that becomes the workspace root (holds the package.json); "" for the top. */
  root: v.string(),
  /** Files to take from the repository (relative to it): the model file, the local files it imports, package.json. */
  paths: v.pipe(v.array(relativePath), v.minLength(1)),
  /** The profiled file, relative to root. */
  file: relativePath,
  /** tfjs packages as the repository's package.json pins them (the ranges as written). */
  pinned: v.record(v.string(), v.string()),
  /** What is installed: exact versions (the floor of each pinned range, or the lockfile's), plus needed non-tfjs packages. */
  install: v.record(v.string(), v.string()),
  /** Extra `npm install` flags the project needs, as its users would pass them (e.g. --legacy-peer-deps). */
  npmArgs: v.optional(v.array(v.picklist(['--legacy-peer-deps']))),
  module: v.picklist(['cjs', 'esm', 'ts']),
  /** What the file is: an exported model, a factory, a script that trains, an exported training function. */
  kind: v.picklist(['model-export', 'factory', 'script', 'training-entry', 'no-model']),
  /** Extra CLI options (--export, --args, --script-args ...). */
  cliArgs: v.optional(v.array(v.string())),
  /** Seconds before the bench gives up on this case (default 150). */
  timeout: v.optional(v.pipe(v.number(), v.minValue(10))),
  expect: Expectation,
  notes: v.optional(v.string()),
  /** Which batch the case came in: absent for the first (the code was fixed against it), 2 to 5 and 7 to 13 for the later, blind ones (the realworld6 session measured verdicts, not a batch). */
  batch: v.optional(v.picklist([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13])),
  /** The folder has no package.json (its book or README says what to install): `install` is that list, at today's versions. */
  noPackageJson: v.optional(v.literal(true)),
});
export type Case = v.InferOutput<typeof Case>;

export const Corpus = v.pipe(
  v.array(Case),
  v.check((cases) => new Set(cases.map((c) => c.name)).size === cases.length, 'case names are unique'),
);

export const MANIFEST = path.join(__dirname, 'corpus.json');

export function loadCorpus(file = MANIFEST): Case[] {
  const result = v.safeParse(Corpus, JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
    throw new Error(`${file} does not match the corpus schema:\n  ${lines.join('\n  ')}`);
  }
  return result.output;
}

/** Where each case's workspace is rebuilt (outside the repository). */
export const CORPORA_DIR = process.env.GRADIENT_LENS_CORPORA ?? path.join(os.homedir(), '.cache', 'gradient-lens-corpora');
/** Where the fetch tool leaves bare mirrors: <dir>/<owner>+<name>/repo. */
export const MIRRORS_DIR = process.env.GRADIENT_LENS_MIRRORS ?? '/work/.mirror';

export function workspaceOf(c: Case): string {
  return path.join(CORPORA_DIR, c.name);
}

export function mirrorOf(c: Case): string {
  const dir = path.join(MIRRORS_DIR, c.repo.replace('/', '+'), 'repo');
  // Some snapshots arrive as a work tree with its .git inside rather than as a bare repository.
  return fs.existsSync(path.join(dir, '.git')) ? path.join(dir, '.git') : dir;
}
