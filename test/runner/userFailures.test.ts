// Every path on which the user's own code fails says what failed, on which of the user's lines (the line as
// written, under the message), and — when the error alone does not say why — what the script printed just
// before it: at load, in its async code after loading, in a factory, in a custom layer while profiling, in a
// custom training loop before its first update (bench/realworld batch 9: omni's "Pass at least one tensor to
// tf.stack" after the script had printed "0 Files Found"); and, under Watch training, in a fit() callback after
// the first steps, which ended the script's training (reported as done before). Fixtures in
// test/fixtures/runner/user-failures.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startWatch } from '../../src/host/client';
import { assertGone, fixture, lineOf, pool, profile, RUNNER } from './helpers';

const U = (f: string) => fixture('user-failures', f);
const FILES = [
  'empty-stack.mjs',
  'throws-at-load.js',
  'factory-throws.js',
  'layer-throws.js',
  'loop-throws.js',
  'known-cause-printed.js',
  'silent-throw.js',
  'readdir-unchecked.js',
  'readdir-present.js',
] as const;
const runs = pool(FILES, 2, (f) => profile(U(f), { steps: 1 }));
const errorOf = async (f: (typeof FILES)[number]) => {
  const { report } = (await runs)[FILES.indexOf(f)];
  assert.equal(report.status, 'failed', `${f} was expected to fail`);
  return report.error!;
};

/** The marker's line as the user wrote it, as the details show it: "file:line: source". */
function sourceLine(file: string, marker: string): string {
  const line = lineOf(U(file), marker);
  return `${file}:${line}: ${fs.readFileSync(U(file), 'utf8').split('\n')[line - 1].trim()}`;
}

const CASES = [
  { file: 'empty-stack.mjs', marker: 'L:stack', kind: 'user-error', words: /^The model file’s code failed after loading: Pass at least one tensor to tf\.stack\./, printed: '0 Files Found | Stacking | XS 0' },
  { file: 'throws-at-load.js', marker: 'L:throw', kind: 'import', words: /^The model file threw while loading: Cannot read properties of undefined \(reading 'map'\)\./, printed: 'Read settings: epochs 3 | Building layers' },
  { file: 'factory-throws.js', marker: 'L:build', kind: 'user-error', words: /^The model file’s code failed while building the model or its data: .*inputDim.*\./, printed: 'Vocabulary: 0 words' },
  { file: 'layer-throws.js', marker: 'L:reshape', kind: 'user-error', words: /^The model’s own code failed while profiling: .*\./, printed: 'Reshaper got [' },
  { file: 'loop-throws.js', marker: 'L:batch', kind: 'user-error', words: /^The model file’s code failed after loading: tensor2d\(\) requires shape/, printed: 'Loaded 0 rows' },
] as const;

for (const c of CASES) {
  test(`${c.file}: the failure, the user's line as written, and what the script printed just before`, async () => {
    const error = await errorOf(c.file);
    assert.equal(error.kind, c.kind, error.message);
    assert.equal(error.location?.line, lineOf(U(c.file), c.marker));
    assert.match(error.message, c.words);
    const quoted = /Its last output before the failure: "([^"]*)" — if that says why .*, fix that and run again\.$/.exec(error.message);
    assert.ok(quoted, error.message);
    assert.ok(quoted[1].startsWith(c.printed), `${quoted[1]} starts with ${c.printed}`);
    assert.deepEqual(error.details, [sourceLine(c.file, c.marker)]);
  });
}

test('near miss: a cause already said in plain words (a data file that is not there) is not followed by the output', async () => {
  const error = await errorOf('known-cause-printed.js');
  assert.match(error.message, /^Data file not found: data\/rows-missing\.csv /);
  assert.doesNotMatch(error.message, /last output/);
  assert.deepEqual(error.details, [sourceLine('known-cause-printed.js', 'L:read')]);
});

test('near miss: a script that printed nothing: no output is quoted (what tfjs printed while it loaded is not the script’s)', async () => {
  const error = await errorOf('silent-throw.js');
  assert.equal(error.message, 'The model file’s code failed after loading: Pass at least one tensor to tf.stack');
  assert.deepEqual(error.details, [sourceLine('silent-throw.js', 'L:stack')]);
});

test('an fs.readdir whose callback ignores its error on an absent folder: the folder named as the likely cause of the undefined', async () => {
  const error = await errorOf('readdir-unchecked.js');
  assert.equal(error.location?.line, lineOf(U('readdir-unchecked.js'), 'L:forEach'));
  assert.equal(
    error.message,
    `The model file’s code failed after loading: Cannot read properties of undefined (reading 'forEach'). Before failing, the script read data/pikachu, which does not exist here (relative to ${path.dirname(U('readdir-unchecked.js'))}): a read whose error the script did not check leaves its result undefined — the likely cause. Create or download it as the project says, or fix the path, then run again.`,
  );
});

test('near miss: the folder it read is there and the undefined is another value: no read blamed, its output quoted', async () => {
  const error = await errorOf('readdir-present.js');
  assert.equal(error.location?.line, lineOf(U('readdir-present.js'), 'L:undefined'));
  assert.doesNotMatch(error.message, /Before failing, the script read/);
  assert.match(error.message, /Its last output before the failure: "\d+ files"/);
});

async function watch(file: string) {
  const run = startWatch({ file: U(file), backend: 'auto', every: 10 }, { runnerPath: RUNNER, timeoutMs: 120_000 });
  const report = await run.result;
  await assertGone(run.pid);
  return report;
}

test('watch: a fit() callback that fails after the first epoch ends the run as failed (partial), with its line and the output before it', async () => {
  const report = await watch('callback-throws.js');
  assert.equal(report.status, 'failed', 'the training ended by the error, not at its end');
  assert.equal(report.partial, true, 'the steps before the failure are kept');
  assert.ok(report.stepCount >= 1);
  assert.equal(report.error?.kind, 'user-error');
  assert.equal(report.error?.location?.line, lineOf(U('callback-throws.js'), 'L:callback'));
  assert.match(report.error!.message, /^The script’s training failed: Cannot read properties of undefined \(reading 'toFixed'\)\. Its last output before the failure: "epoch 0 loss \d+\.\d{3}"/);
  assert.deepEqual(report.error?.details, [sourceLine('callback-throws.js', 'L:callback')]);
});

test('watch near miss: a save that fails after the training ran to its end leaves the run done', async () => {
  const report = await watch('save-after-training.js');
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.partial, false);
  assert.equal(report.epochs.length, 2);
});
