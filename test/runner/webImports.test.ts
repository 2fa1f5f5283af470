// A web app's files that Node cannot run fail saying what they are and what to profile instead: a Vue single-file
// component opened for a profile, a page entry importing its stylesheet, a module imported from an https:// URL
// (CommonJS-transpiled and in a real ES module); and a trainer that exits printing the options it needs, whose
// colour codes no longer show in the quoted output (bench/realworld batch 10: pv-vue, practice, dino; batch 7:
// logreg-parcel); a download that node-fetch 2 reports with its URL only in the message (batch 10: hpmpg).
// Near misses: a JSON import profiles; the same exit with arguments given gets no hint.
// Fixtures in test/fixtures/runner/web-imports.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixture, lineOf, pool, profile } from './helpers';

const W = (...p: string[]) => fixture('web-imports', ...p);
const RUNS = [
  { file: W('component.vue') },
  { file: W('page', 'model.js') },
  { file: W('page', 'with-json.js') },
  { file: W('url-import.js') },
  { file: W('url-esm', 'model.mjs') },
  { file: W('usage-exit.js') },
  { file: W('usage-exit.js'), scriptArgs: ['--play'] },
  { file: W('fetch-error.js') },
  { file: W('refused.js') },
];
const runs = pool(RUNS, 2, ({ file, scriptArgs }) => profile(file, { steps: 1, ...(scriptArgs ? { scriptArgs } : {}) }));
const reportOf = async (i: number) => (await runs)[i].report;

test('a .vue file → what it is, that Vue compiles it, the <script> line and where to move the model (was "Syntax error: The JSX syntax extension is not currently enabled" at line 1)', async () => {
  const report = await reportOf(0);
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    'component.vue is a Vue single-file component: Vue (vue-loader, Vite) compiles it into JavaScript for the page, and Node cannot run it. Move the model code from its <script> block into a .js or .ts module (the component can import it) and profile that.',
  );
  const scriptLine = fs.readFileSync(RUNS[0].file, 'utf8').split('\n').indexOf('<script>') + 1;
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [RUNS[0].file, scriptLine]);
});

test('a stylesheet import → the importing line, that importing a stylesheet is a bundler\'s feature, and the next step (was "Syntax error: Unexpected token \'{\'" at page.css:1)', async () => {
  const report = await reportOf(1);
  const line = lineOf(RUNS[1].file, 'L:css');
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    `model.js:${line} imports 'page.css', a stylesheet: importing it from JavaScript is a bundler's feature (webpack, Vite, Parcel compile it into the page), and Node runs JavaScript only. Profile a file that builds the model without the page’s imports (e.g. move the model into its own module and point Gradient Lens at it).`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [RUNS[1].file, line]);
});

test('near miss: a JSON import beside the model → profiles both layers', async () => {
  const report = await reportOf(2);
  assert.equal(report.status, 'done', report.error?.message);
  assert.deepEqual(report.layers.map((l) => l.className), ['Dense', 'Dense']);
});

for (const [i, name] of [[3, 'url-import.js'], [4, 'model.mjs']] as const) {
  test(`an https:// module import (${name}) → the URL, its line, that Node's loader takes no web URLs, and to download it (was "Cannot find module 'https://…' Require stack" / ERR_UNSUPPORTED_ESM_URL_SCHEME without a line)`, async () => {
    const report = await reportOf(i);
    const line = lineOf(RUNS[i].file, 'L:url');
    assert.equal(report.error?.kind, 'import');
    assert.equal(
      report.error?.message,
      `The import 'https://example.com/course/data/rows.js' (${name}:${line}) loads a module from the web: a browser page (or Deno) imports by URL, Node does not — its loader takes file:, data: and node: URLs only. Download rows.js into the project and import it by relative path (e.g. './rows.js'), then run again.`,
    );
    assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [RUNS[i].file, line]);
  });
}

test('exit() after a coloured usage line, no arguments → the output without colour codes, the options it names and --script-args (was "[33m--train[39m" and no next step)', async () => {
  const report = await reportOf(5);
  assert.equal(report.error?.kind, 'user-exit');
  assert.equal(
    report.error?.message,
    'The model file called process.exit() before profiling finished. Its last output: "Please provide an argument: --train or --play". It names --train and --play and was given no arguments: pass the one you mean with --script-args (e.g. --script-args="--train"; VS Code: Edit model export and arguments).',
  );
  assert.equal(report.error?.location?.line, lineOf(RUNS[5].file, 'L:exit'));
});

test('near miss: the same exit with an argument given → its output, no hint about arguments', async () => {
  const report = await reportOf(6);
  assert.equal(report.error?.kind, 'user-exit');
  assert.equal(report.error?.message, 'The model file called process.exit() before profiling finished. Its last output: "Please provide an argument: --train or --play".');
});

test('a download failing as node-fetch 2 reports it (the URL only in the message) → the host that could not be reached (was "the network request failed")', async () => {
  const report = await reportOf(7);
  assert.equal(report.error?.kind, 'user-error');
  assert.match(report.error!.message, /^Download failed: data\.example\.com could not be reached \(ENOTFOUND\)\. The script fetches data over the network: check the connection and the URL, or point the script at a local copy of the data\./);
});

test("a local development server that is not running (request-promise's ECONNREFUSED, the address only in its message and cause) → the address and port, that nothing listens there, to start it first (was \"the network request failed\")", async () => {
  const report = await reportOf(8);
  assert.equal(report.error?.kind, 'user-error');
  assert.match(
    report.error!.message,
    /^Download failed: nothing accepted the connection at 127\.0\.0\.1:1234 \(ECONNREFUSED\) — no server listens on that port, on this machine: the server the script downloads from \(a development server, say\) is not running\. Start it first, or point the script at a local copy of the data\./,
  );
});
