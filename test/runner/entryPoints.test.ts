// Training entry points: exported functions that train (async, sync with a callback parameter, one among
// helpers) are called and stopped at their fit(), as scripts are; scripts that parse process.argv see the
// user's arguments only.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, fixture, lineOf, pool, profile, ROOT, type RunOutcome } from './helpers';
import { parseWithNonFinite, type RunnerMessage } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';

const E = (f: string) => fixture('entry', f);
const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-entry-')), 'after-training');
process.env.GRADIENT_LENS_TEST_MARKER = marker;

const RUNS: [string, Record<string, unknown>][] = [
  ['async-trainer.js', {}],
  ['callback-trainer.js', {}],
  ['trainer-among-helpers.js', {}],
  ['returns-nothing.js', {}],
  ['argv-script.js', { scriptArgs: ['--units', '7', '--epochs', '3'] }],
  ['argv-script.js', {}],
  ['yargs-script.js', { scriptArgs: ['--hidden', '5', '--lr=0.1', 'data.csv'] }],
  ['yargs-script.js', {}],
  ['require-main.js', {}],
  ['model-in-object.js', {}],
];
const outcomes = pool(RUNS, 2, ([file, request]) => profile(E(file), request));
const outcome = async (i: number): Promise<RunOutcome> => (await outcomes)[i];
const lines = (report: ProfileReport) => report.layers.map((l) => [l.file, l.line]);
const at = (file: string, ...markers: string[]) => markers.map((m) => [E(file), lineOf(E(file), m)]);
const argvSeen = (messages: RunnerMessage[]) => {
  const log = messages.find((m): m is Extract<RunnerMessage, { type: 'log' }> => m.type === 'log' && m.text.startsWith('ARGV '));
  assert.ok(log, 'the script printed its argv');
  return JSON.parse(log.text.slice(5));
};

test('export async function run(): awaited data, then fit → training entry with the fit data', async () => {
  const { report } = await outcome(0);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual([report.discovery, report.exportName, report.dataSource, report.batchSize], ['training-entry', 'run', 'fit', 10]); // all 10 rows: the script's batches of 4 are widened towards 32
  assert.deepEqual(lines(report), at('async-trainer.js', 'L:hidden', 'L:out'));
  assert.ok(report.layers[0].gradNorm > 0);
});

test('module.exports = function fit(onTrainEnd): called with a no-op callback, stopped at fit', async () => {
  const { report } = await outcome(1);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual([report.discovery, report.exportName, report.batchSize], ['training-entry', 'default', 12]); // all 12 rows: the script's batches of 6 are widened towards 32
  assert.equal(report.discoveryNote, 'called fit() with a no-op for onTrainEnd');
  assert.deepEqual(lines(report), at('callback-trainer.js', 'L:hidden', 'L:out'));
});

test('several function exports: the one whose text calls fit() is the entry', async () => {
  const { report } = await outcome(2);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual([report.discovery, report.exportName, report.batchSize], ['training-entry', 'trainRegression', 8]);
  assert.deepEqual(lines(report), at('trainer-among-helpers.js', 'L:only'));
});

test('training entries never get past fit()', async () => {
  await outcomes;
  assert.equal(fs.existsSync(marker), false, 'the code after fit() ran');
});

test('an exported function that returns nothing and never trains → no-model naming it, without waiting for the timeout', async () => {
  const { report, ms } = await outcome(3);
  assert.equal(report.error?.kind, 'no-model');
  assert.equal(
    report.error?.message,
    'No model found: "run" returned undefined, not a tf.LayersModel, and no fit/fitDataset/trainOnBatch call followed before the program went idle. The program ended before any model was built or trained. Its last output: "nothing to see". If that reports an error, it is the likely cause: fix it and run again.',
  );
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

test('a script that parses process.argv sees exactly [its file, ...scriptArgs]', async () => {
  const withArgs = await outcome(4);
  assert.equal(withArgs.report.status, 'done', JSON.stringify(withArgs.report.error));
  assert.deepEqual(argvSeen(withArgs.messages), [E('argv-script.js'), '--units', '7', '--epochs', '3']);
  assert.deepEqual(withArgs.report.layers[0].weights[0].shape, [2, 7]);
  const without = await outcome(5);
  assert.equal(without.report.status, 'done', JSON.stringify(without.report.error));
  assert.deepEqual(argvSeen(without.messages), [E('argv-script.js')]);
  assert.deepEqual(without.report.layers[0].weights[0].shape, [2, 4]);
});

test('a yargs script (strict, a required option) gets exactly the given arguments; without them it stops as under node', async () => {
  const given = await outcome(6);
  assert.equal(given.report.status, 'done', JSON.stringify(given.report.error));
  const log = given.messages.find((m): m is Extract<RunnerMessage, { type: 'log' }> => m.type === 'log' && m.text.startsWith('YARGS '));
  assert.deepEqual(JSON.parse(log!.text.slice(6)), { hidden: 5, lr: 0.1, rest: ['data.csv'] });
  assert.deepEqual(given.report.layers[0].weights[0].shape, [3, 5]);
  assert.deepEqual(lines(given.report), at('yargs-script.js', 'L:hidden', 'L:out'));
  // yargs prints its usage and calls process.exit(1), as it would under `node yargs-script.js`.
  const missing = await outcome(7);
  assert.equal(missing.report.error?.kind, 'user-exit');
  assert.match(missing.report.error!.message, /^The model file called process\.exit\(1\) before profiling finished\. Its last output: "Missing required argument: hidden"\. If it rejected its command line, give its arguments with --script-args/);
  assert.ok(missing.messages.some((m) => m.type === 'log' && /Missing required argument: hidden/.test(m.text)));
});

test('a script that trains behind `if (require.main === module)` is run as the main module and stopped at its fit', async () => {
  const { report } = await outcome(8);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual([report.discovery, report.dataSource, report.batchSize], ['training-script', 'fit', 12]); // all 12 rows: the script's batches of 6 are widened towards 32
  assert.deepEqual(lines(report), at('require-main.js', 'L:hidden', 'L:out'));
});

test('a factory that returns its model inside an object: that model, with a note saying where it was', async () => {
  const { report } = await outcome(9);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual([report.discovery, report.exportName], ['factory', 'prepareCountModel']);
  assert.equal(report.discoveryNote, 'the model in the "countModel" property of what prepareCountModel() returned');
  assert.deepEqual(lines(report), at('model-in-object.js', 'L:only'));
});

test('CLI: --script-args="…" is split like a shell line, and arguments after -- go as they are', async () => {
  const file = path.relative(ROOT, E('argv-script.js'));
  const [quoted, terminated] = await Promise.all([
    // --fail-on none: this test is about the command line, so its exit code must not follow what the unseeded draw
    // measures in one step (1 run in 12 of the 3-unit model reports ‖g‖/‖w‖ = 14 at step 0, an error finding, exit 1).
    cli(['profile', file, `--script-args=--units 9 --data-dir 'my data'`, '--steps', '0', '--json', '--fail-on', 'none']),
    cli(['profile', file, '--steps', '0', '--json', '--fail-on', 'none', '--', '--units', '3', '--data-dir', 'a b']),
  ]);
  for (const [r, units, dir] of [[quoted, 9, 'my data'], [terminated, 3, 'a b']] as const) {
    assert.equal(r.code, 0, r.stderr);
    const report = parseWithNonFinite(r.stdout) as ProfileReport;
    assert.deepEqual(report.layers[0].weights[0].shape, [2, units]);
    const printed = /ARGV (.*)/.exec(r.stderr)?.[1];
    assert.deepEqual(JSON.parse(printed ?? 'null'), [E('argv-script.js'), '--units', String(units), '--data-dir', dir]);
  }
});
