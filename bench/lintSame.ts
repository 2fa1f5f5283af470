// Does a change to the analyzer keep its output? This checkout's lintSource() against another checkout's
// (--baseline DIR, e.g. `git worktree add --detach /tmp/base main`) on the same texts: the lint fixtures,
// the examples, the diagnosis bench's cases, the cached real-world corpora (when present) and seeded
// mutations of the fixtures (with the fuzz test's mutations and a random deepStackMin). Prints how many
// texts were compared and every one whose diagnostics, parse errors or usesTfjs differ; exit 1 if any do.
//
//   node --import tsx bench/lintSame.ts --baseline DIR [--mutations N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import type { lintSource as LintSource } from '../src/core/lint';
import { seededRandom } from '../src/core/random';
import { mutate } from '../test/unit/lintMutate';

const { values } = parseArgs({ options: { baseline: { type: 'string' }, mutations: { type: 'string', default: '5000' } } });
if (!values.baseline) {
  process.stderr.write('usage: node --import tsx bench/lintSame.ts --baseline DIR [--mutations N]  (DIR: another checkout)\n');
  process.exit(2);
}
const here = path.join(__dirname, '..');
const SOURCE = /\.(m|c)?(j|t)s$/;

/** A checkout's analyzer, bundled as it ships (its own sources, this checkout's node_modules). */
function analyzerOf(root: string): typeof LintSource {
  const bundle = esbuild.buildSync({
    stdin: { contents: "export { lintSource } from './src/core/lint';", resolveDir: root, loader: 'ts' },
    nodePaths: [path.join(here, 'node_modules')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
  });
  const loaded = { exports: {} as { lintSource: typeof LintSource } };
  new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(loaded, loaded.exports, require);
  return loaded.exports.lintSource;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const corpora = path.join(os.homedir(), '.cache', 'gradient-lens-corpora');
const files = [
  ...filesUnder(path.join(here, 'test', 'fixtures', 'lint')),
  ...filesUnder(path.join(here, 'examples')),
  ...filesUnder(path.join(here, 'bench', 'diagnosis', 'cases')),
  ...filesUnder(corpora).filter((f) => fs.statSync(f).size < 500_000),
];
const texts = files.map((file) => ({ name: path.relative(here, file), fileName: path.basename(file), text: fs.readFileSync(file, 'utf8'), deepStackMin: undefined as number | undefined }));
const fixtures = texts.filter((t) => t.name.startsWith(path.join('test', 'fixtures', 'lint')));
const rand = seededRandom(0x5a3e_2026);
for (let i = 0; i < Number(values.mutations); i++) {
  const source = fixtures[Math.floor(rand() * fixtures.length)];
  let text = source.text;
  for (let r = 1 + Math.floor(rand() * 4); r > 0; r--) text = mutate(text, rand);
  texts.push({ name: `mutation ${i} of ${source.fileName}`, fileName: source.fileName, text, deepStackMin: 2 + Math.floor(rand() * 4) });
}

const ours = analyzerOf(here);
const theirs = analyzerOf(path.resolve(values.baseline));
let differ = 0;
let diagnostics = 0;
for (const t of texts) {
  const options = t.deepStackMin === undefined ? {} : { deepStackMin: t.deepStackMin };
  const a = JSON.stringify(ours(t.text, t.fileName, options));
  const b = JSON.stringify(theirs(t.text, t.fileName, options));
  diagnostics += (JSON.parse(a) as { diagnostics: unknown[] }).diagnostics.length;
  if (a !== b) {
    differ++;
    process.stdout.write(`differs: ${t.name}\n  this:     ${a.slice(0, 400)}\n  baseline: ${b.slice(0, 400)}\n`);
  }
}
const cached = fs.existsSync(corpora) ? '' : ` (no corpora at ${corpora}: run the real-world bench's prepare step to include them)`;
process.stdout.write(`${texts.length} texts (${files.length} files, ${texts.length - files.length} mutations; ${diagnostics} diagnostics): ${differ} differ from ${values.baseline}${cached}\n`);
process.exitCode = differ ? 1 : 0;
