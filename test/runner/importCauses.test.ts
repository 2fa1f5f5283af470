// Files that cannot run in Node fail naming the cause and the next step: a tsconfig `paths` alias, a
// package whose ESM build imports extensionless paths (made for a browser bundle), and a script that
// catches its own error (a database it cannot reach) and ends before building a model.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profile } from './helpers';
import { browserGlobalCause } from '../../src/runner/browserGlobals';

const F = (...p: string[]) => fixture('import-causes', ...p);
const files = [
  F('alias', 'model.ts'),
  F('browser-package', 'model.js'),
  F('caught-error.js'),
  F('caught-error-exit.js'),
  F('moved-subpath', 'model.js'),
  F('moved-subpath', 'direct.mjs'),
  F('moved-subpath', 'exported.js'),
  F('split-packages', 'app', 'model.js'),
  F('monorepo-alias', 'packages', 'app', 'src', 'main.ts'),
  fixture('ts-js-specifiers', 'missing-specifier.ts'),
  F('cjs-named', 'model.ts'),
  F('cjs-named', 'esm-missing.ts'),
  F('cjs-named', 'default-import.ts'),
  F('browser-global', 'model.mjs'),
  F('browser-global', 'undeclared.js'),
];
const runs = pool(files, 2, (f) => profile(f, { steps: 1 }));
const run = async (i: number) => (await runs)[i];

test("a tsconfig paths alias → the import, its line, that it is an alias the runner does not resolve, and the next step (was \"Cannot find package '~'\")", async () => {
  const { report } = await run(0);
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    `The import '~/units' (model.ts:${lineOf(files[0], 'L:alias')}) is a \`paths\` alias declared in tsconfig.json, which your bundler or TypeScript resolves but Gradient Lens does not. Profile a file that imports by relative path, or move the model into a module without aliased imports and point Gradient Lens at it.`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [files[0], lineOf(files[0], 'L:alias')]);
});

test('a package whose ESM build imports an extensionless path (through its peer; a .js file with import syntax in a package without "type") → the package the file imports, its line, the cause and the next step', async () => {
  const { report } = await run(1);
  assert.equal(report.error?.kind, 'import');
  const line = lineOf(files[1], 'L:import');
  assert.equal(
    report.error?.message,
    `The package chart-widget (imported at model.js:${line}) cannot load in Node: its ES-module build imports 'plot-core/lib/abs' without a file extension, which only bundlers resolve — it is meant for a browser bundle. Profile a file that builds the model without importing chart-widget (e.g. move the model into its own module).`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [files[1], line]);
});

test('a script that catches its error and lets the program end before any model → says so and quotes its last output (was a bare "No model found")', async () => {
  const { report } = await run(2);
  assert.equal(report.error?.kind, 'no-model');
  assert.match(
    report.error!.message,
    / The program ended before any model was built or trained\. Its last output: "Error: Server selection timed out after 50 ms"\. If that reports an error, it is the likely cause: fix it and run again\. Its fit\(\) call at caught-error\.js:14 was never reached: .*returned before training\.$/,
  );
});

test('… and one that then calls process.exit(0) → the exit and its last output', async () => {
  const { report } = await run(3);
  assert.equal(report.error?.kind, 'user-exit');
  assert.equal(
    report.error?.message,
    'The model file called process.exit(0) before profiling finished. Its last output: "Unable to connect to the database: connect ECONNREFUSED 127.0.0.1:27017".',
  );
});

test('a dependency requiring a subpath its installed dependency no longer exports (ERR_PACKAGE_PATH_NOT_EXPORTED) → both packages, the version, the user\'s import line (the stack had ended in Node\'s loader: no line)', async () => {
  const { report } = await run(4);
  assert.equal(report.error?.kind, 'import');
  const line = lineOf(files[4], 'L:import');
  assert.equal(
    report.error?.message,
    `The package table-printer (imported at model.js:${line}) cannot load: it requires 'csv-reader/lib/sync', which the installed csv-reader 7.0.0 does not export — table-printer was written for another major version of csv-reader. Install the csv-reader version table-printer was written for (npm install csv-reader@<that major>) or a table-printer that supports csv-reader 7.0.0.`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [files[4], line]);
});

test('… the model file (an ES module) importing such a subpath itself → its own import and line', async () => {
  const { report } = await run(5);
  assert.equal(report.error?.kind, 'import');
  const line = lineOf(files[5], 'L:import');
  assert.equal(
    report.error?.message,
    `The import 'csv-reader/lib/sync' (imported at direct.mjs:${line}) names a file that the installed csv-reader 7.0.0 does not export: the code was written for another version of csv-reader. Install that version, or import what csv-reader 7.0.0 exports.`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [files[5], line]);
});

test('near miss: the same packages, importing what is exported → profiles', async () => {
  const { report } = await run(6);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(files[6], 'L:dense')]);
});

test('the same when the peer resolves from another node_modules than the package the file imports (the runner serves tfjs-core itself; tfjs-vis reaches into it): the imported package is named, not the peer', async () => {
  const index = files.indexOf(F('split-packages', 'app', 'model.js'));
  const file = files[index];
  const { report } = await run(index);
  assert.equal(report.error?.kind, 'import');
  assert.match(report.error!.message, new RegExp(`^The package chart-widget \\(imported at model\\.js:${lineOf(file, 'L:import')}\\) cannot load in Node: its ES-module build imports 'plot-core/lib/abs' without a file extension`));
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [file, lineOf(file, 'L:import')]);
});

test("a monorepo's scoped alias declared in tsconfig.base.json, which the project's tsconfig extends → named as a paths alias with its line (was Node's bare \"Cannot find module\")", async () => {
  const index = files.indexOf(F('monorepo-alias', 'packages', 'app', 'src', 'main.ts'));
  const file = files[index];
  const { report } = await run(index);
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    `The import '@acme/layers' (main.ts:${lineOf(file, 'L:alias')}) is a \`paths\` alias declared in tsconfig.base.json, which your bundler or TypeScript resolves but Gradient Lens does not. Profile a file that imports by relative path, or move the model into a module without aliased imports and point Gradient Lens at it.`,
  );
});

test("near miss of TypeScript's './x.js' → x.ts resolution: a '.js' specifier with neither x.js nor x.ts beside the importer still fails, naming the specifier as written and its line", async () => {
  const file = fixture('ts-js-specifiers', 'missing-specifier.ts');
  const { report } = await run(files.indexOf(file));
  assert.equal(report.error?.kind, 'import');
  assert.match(report.error!.message, /Cannot find module '\.\/absent\.js'/);
  assert.equal(report.error?.location?.line, lineOf(file, 'L:import'));
});

test("an ES module's named import from a CommonJS package that builds its exports at run time (lodash's 'sample' in a real DQN) → the import, its line, why Node refuses what bundlers accept, the default import to write (was \"Syntax error: The requested module … does not provide an export named …\")", async () => {
  const file = F('cjs-named', 'model.ts');
  const { report } = await run(files.indexOf(file));
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    `The import of 'pick' from 'runtime-exports' (model.ts:${lineOf(file, 'L:import')}) fails in Node: runtime-exports is a CommonJS package, and Node's ES-module loader sees only the named exports a static scan of its code finds — bundlers and TypeScript compiled to CommonJS accept this import, Node does not. Import its default export instead (import runtimeExports from 'runtime-exports', then runtimeExports.pick), or use an ES-module build of the package if it has one.`,
  );
  assert.equal(report.error?.location?.line, lineOf(file, 'L:import'));
});

test('near misses: an ES-module package that really lacks the export keeps Node\'s message; the default import the message advises profiles', async () => {
  const missing = (await run(files.indexOf(F('cjs-named', 'esm-missing.ts')))).report;
  assert.equal(missing.error?.kind, 'syntax');
  assert.match(missing.error!.message, /does not provide an export named 'shuffle'/);
  const file = F('cjs-named', 'default-import.ts');
  const { report } = await run(files.indexOf(file));
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual(report.layers.map((l) => [l.className, l.line]), [['Dense', lineOf(file, 'L:dense')]]);
});

test("a module that assigns the page's `top` at load (batch 9's userscript DQN) → that it is a browser page's global Node lacks, its line, and both next steps (was \"The model file threw while loading: top is not defined\")", async () => {
  const i = files.indexOf(F('browser-global', 'model.mjs'));
  const { report } = await run(i);
  const config = F('browser-global', 'config.mjs');
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    "top is not defined: in a browser page `top` is a global of the page (window.top), which Node does not have — this file is written to run in a page. Profile a file that builds the model without the page's code (e.g. move the model into its own module and point Gradient Lens at it); if the file is meant for Node, declare top before it is used.",
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [config, lineOf(config, 'L:top')]);
});

test('near miss: an undeclared name no browser defines → Node\'s own message and line, no browser advice', async () => {
  const i = files.indexOf(F('browser-global', 'undeclared.js'));
  const { report } = await run(i);
  assert.equal(report.error?.kind, 'import');
  assert.equal(report.error?.message, 'The model file threw while loading: hiddenUnits is not defined');
  assert.equal(report.error?.location?.line, lineOf(files[i], 'L:undeclared'));
});

test("a file written for a page that loads TensorFlow.js with a <script> tag (batches 1 and 4: kenmaready, laronson, josh-weston, ntm) → `tf` named as that tag's global, with the import to add, on the user's line", async () => {
  const file = F('script-tag-global', 'page-model.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error?.kind, 'user-error');
  assert.equal(
    report.error?.message,
    "tf is not defined: `tf` is the global a page's <script> tag for @tensorflow/tfjs defines, which Node does not have — this file is written for a page that loads @tensorflow/tfjs first. Import it at the top of the file — const tf = require('@tensorflow/tfjs') (an ES module: import * as tf from '@tensorflow/tfjs') — or profile a file that imports it.",
  );
  assert.equal(report.error?.location?.line, lineOf(file, 'L:tf'));
});

test("the script-tag reading: jQuery's `$` is a page's library; a `tf` this Node defines, and other errors, are not", () => {
  assert.match(browserGlobalCause(new ReferenceError('$ is not defined'))!, /^\$ is not defined: `\$` is the global a page's <script> tag for jQuery defines, .* Profile a file that builds the model without the page's code/);
  assert.equal(browserGlobalCause(new TypeError('tf is not defined')), undefined);
  (globalThis as Record<string, unknown>).tf = {};
  try {
    assert.equal(browserGlobalCause(new ReferenceError('tf is not defined')), undefined);
  } finally {
    delete (globalThis as Record<string, unknown>).tf;
  }
});

test('the browser-global reading: `window` is the page itself; names Node defines (setTimeout, fetch, console) and other errors are not browser globals', () => {
  assert.match(browserGlobalCause(new ReferenceError('window is not defined'))!, /^window is not defined: in a browser page `window` is a global of the page \(the page itself\)/);
  assert.match(browserGlobalCause(new ReferenceError('document is not defined'))!, /\(window\.document\)/);
  assert.equal(browserGlobalCause(new ReferenceError('tfvis is not defined')), undefined);
  assert.equal(browserGlobalCause(new TypeError('top is not defined')), undefined);
  for (const name of ['setTimeout', 'fetch', 'console']) assert.equal(browserGlobalCause(new ReferenceError(`${name} is not defined`)), undefined);
});
