// Bad input: each failure is a clear error kind and message, and no runner process is left behind
// (profile()/profileFails() assert that process.kill(pid, 0) throws ESRCH once the result is in).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startProfile } from '../../src/host/client';
import type { RunnerMessage } from '../../src/core/protocol';
import { assertGone, fixture, isAlive, lineOf, profile, profileFails, profileOk, RUNNER } from './helpers';

const B = (f: string) => fixture('bad', f);

test('syntax error in .js → syntax with the line', async () => {
  const { error } = await profileFails(B('syntax.js'));
  assert.equal(error.kind, 'syntax');
  assert.match(error.message, /^Syntax error: missing \) after argument list/);
  assert.deepEqual([error.location?.file, error.location?.line], [B('syntax.js'), lineOf(B('syntax.js'), 'L:syntax')]);
});

test('syntax error in .ts → syntax with the line', async () => {
  const { error } = await profileFails(B('syntax.ts'));
  assert.equal(error.kind, 'syntax');
  assert.match(error.message, /^Syntax error: /);
  assert.deepEqual([error.location?.file, error.location?.line], [B('syntax.ts'), lineOf(B('syntax.ts'), 'L:syntax')]);
});

test('throw while loading → import with the user line and message', async () => {
  const { error } = await profileFails(B('throws.js'));
  assert.equal(error.kind, 'import');
  assert.equal(error.message, 'The model file threw while loading: SOME_DATA_DIR is not set');
  assert.deepEqual([error.location?.file, error.location?.line], [B('throws.js'), lineOf(B('throws.js'), 'L:throw')]);
});

test('nothing to profile → no-model', async () => {
  const { error } = await profileFails(B('no-model.js'));
  assert.equal(error.kind, 'no-model');
  assert.match(error.message, /No model found/);
  assert.match(error.message, /createModel/);
});

test('factory needing arguments → needs-args', async () => {
  const { error } = await profileFails(fixture('discovery', 'factory-args.js'));
  assert.equal(error.kind, 'needs-args');
  assert.deepEqual(error.details?.[0], 'hiddenUnits');
});

test('infinite loop → timeout after timeoutMs naming the phase, process gone', async () => {
  // 5 s: on a loaded machine tfjs alone has taken over 1.5 s to load, and the message then (rightly) says so.
  const { error, ms } = await profileFails(B('infinite-loop.js'), {}, { timeoutMs: 5000 });
  assert.equal(error.kind, 'timeout');
  assert.match(
    error.message,
    /^No model was built within 5 s: infinite-loop\.js is still running — a server, a long download, a wait for input, or an endless loop\? TensorFlow\.js was ready after [\d.]+ m?s; the other [\d.]+ m?s went in the script's own code, before any training call\. If it builds its whole dataset first, give it fewer rows \(its own option or variable: --script-args \/ --env\); or export the model or a function that builds it, or raise the timeout \(--timeout \/ gradientLens\.timeoutSeconds\)\.$/,
  );
  assert.ok(ms >= 4900 && ms < 9000, `took ${ms} ms`);
});

test('a long data preparation still printing at the timeout → the message quotes its last line', async () => {
  const { error } = await profileFails(B('slow-data-prep.js'), {}, { timeoutMs: 8000 });
  assert.equal(error.kind, 'timeout');
  assert.match(
    error.message,
    /^No model was built within 8 s: slow-data-prep\.js is still running — .* Its last output, [\d.]+ m?s before the stop: "\(\d+\/100000\) preparing row \d+" — if that is its data being prepared, raise the timeout for this run/,
  );
});

test('a program that printed an error and then waits → the timeout quotes that error, however long its inspect output', async () => {
  // The limit expires once the whole error is out (its inspect output's closing brace), wherever a busy machine has got by 6 s.
  const { error } = await profileFails(B('waits-after-printed-error.mjs'), {}, { timeoutMs: 6000, expireWhen: (m) => m.type === 'log' && m.level === 'stderr' && m.text === '}' });
  assert.equal(error.kind, 'timeout');
  assert.match(
    error.message,
    /^No model was built within 6 s: waits-after-printed-error\.mjs is still running — a server, a long download, a wait for input, or an endless loop\?(?: TensorFlow\.js was ready after [\d.]+ m?s; the other [\d.]+ m?s went in the script's own code, before any training call\.)? It printed an error and then waited: "Error: Error: AxiosError: connect ECONNREFUSED 127\.0\.0\.1:3001" — if that is the cause, fix it and run again\. If it builds its whole dataset first/,
  );
});

test('timeout also ends processes the user code started (process group)', async () => {
  const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-grandchild-')), 'pid');
  process.env.GRADIENT_LENS_TEST_GRANDCHILD = pidFile;
  try {
    // Long enough for tfjs to load before the file runs on a busy machine (~2-3 s when many processes share 2 cores).
    const { error } = await profileFails(B('spawns-child.js'), {}, { timeoutMs: 8000 });
    assert.equal(error.kind, 'timeout');
    await assertGone(Number(fs.readFileSync(pidFile, 'utf8')));
  } finally {
    delete process.env.GRADIENT_LENS_TEST_GRANDCHILD;
    fs.rmSync(path.dirname(pidFile), { recursive: true, force: true });
  }
});

test('process.exit() in user code → user-exit with the line', async () => {
  const { error } = await profileFails(B('exit.js'));
  assert.equal(error.kind, 'user-exit');
  assert.equal(
    error.message,
    'The model file called process.exit(3) before profiling finished. If it rejected its command line, give its arguments with --script-args (VS Code: Edit model export and arguments).',
  );
  assert.deepEqual([error.location?.file, error.location?.line], [B('exit.js'), lineOf(B('exit.js'), 'L:exit')]);
});

test('10 MB on stdout: the run succeeds and the forwarded log is capped, with a notice', async () => {
  const maxLogBytes = 64 * 1024;
  const { report, messages } = await profile(B('big-stdout.js'), {}, { maxLogBytes });
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const logs = messages.filter((m): m is Extract<RunnerMessage, { type: 'log' }> => m.type === 'log');
  const forwarded = logs.filter((m) => m.level === 'stdout' || m.level === 'stderr').reduce((s, m) => s + Buffer.byteLength(m.text) + 1, 0);
  // Exactly up to the cap (+1: the cut partial line is counted with a newline here).
  assert.ok(forwarded <= maxLogBytes + 1, `forwarded ${forwarded} bytes`);
  assert.ok(forwarded >= maxLogBytes - 1, `forwarded only ${forwarded} bytes`);
  assert.deepEqual(
    logs.filter((m) => m.level === 'warn').map((m) => m.text),
    ['… program output truncated after 64 KiB'],
  );
  assert.ok(report.layers[0].gradNorm > 0);
});

test('sampleBatch with the wrong input shape → bad-data naming expected vs got', async () => {
  const { error } = await profileFails(B('bad-shape.js'));
  assert.equal(error.kind, 'bad-data');
  assert.equal(error.message, 'Input 0 (dense_Dense1_input) expects shape [batch, 4] but the exported sampleBatch has shape [8, 5].');
  assert.deepEqual(error.details, ['expected [batch, 4]', 'got [8, 5]']);
});

test('sampleBatch with the wrong label shape → bad-data', async () => {
  const { error } = await profileFails(B('bad-labels.js'));
  assert.equal(error.kind, 'bad-data');
  assert.match(error.message, /produces shape \[batch, 2\] but the labels in the exported sampleBatch have shape \[8, 3\]/);
  assert.deepEqual(error.details, ['expected [batch, 2]', 'got [8, 3]']);
});

test('fit() labels given as a tensor1d for a one-unit output profile as fit() reads them (one column)', async () => {
  const { report } = await profileOk(B('rank1-labels.js'));
  assert.ok(report.layers.length >= 2, 'both dense layers profiled');
});

test('tensor1d labels for a three-unit output → bad-data naming both shapes (tfjs fit() fails on them too)', async () => {
  const { error } = await profileFails(B('rank1-labels-wide.js'));
  assert.equal(error.kind, 'bad-data');
  assert.match(error.message, /produces shape \[batch, 3\] but the labels in the batch \(.*\) have shape \[32, 1\]/);
});

test('fitDataset() labels that broadcast against the output (one column for 5 units) profile as tfjs trains them, and the data note says so', async () => {
  const file = B('fitdataset-broadcast-labels.js');
  const { report } = await profileOk(file, { steps: 2 });
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:hidden'), lineOf(file, 'L:out')]);
  assert.ok(report.layers.every((l) => l.gradNorm > 0), 'both layers got gradients');
  assert.match(report.dataNote ?? '', /its labels \[16, 1\] broadcast against output 0's \[batch, 5\] in the loss, as fitDataset\(\) lets them \(it does not check label shapes; fit\(\) would refuse them\)/);
});

test('fitDataset() labels that broadcast in no direction (3 columns for 5 units) → bad-data naming both shapes', async () => {
  const { error } = await profileFails(B('fitdataset-mismatched-labels.js'));
  assert.equal(error.kind, 'bad-data');
  assert.match(error.message, /produces shape \[batch, 5\] but the labels in the first batch of the script's fitDataset\(\) call have shape \[16, 3\]/);
});

test('no trainable weights → no-trainable-weights', async () => {
  const { error } = await profileFails(B('no-trainable.js'));
  assert.equal(error.kind, 'no-trainable-weights');
  assert.match(error.message, /has no trainable weights/);
});

test('runaway memory with memoryLimitMb 200 → out-of-memory', async () => {
  const { error, ms } = await profileFails(B('oom.js'), {}, { memoryLimitMb: 200 });
  assert.equal(error.kind, 'out-of-memory');
  assert.match(error.message, /limit 200 MB/);
  assert.ok(ms < 20_000, `took ${ms} ms`);
});

test('cancel() returns within 1 s and the process is gone', async () => {
  const seen: string[] = [];
  let building!: () => void;
  const reachedBuilding = new Promise<void>((resolve) => (building = resolve));
  const run = startProfile({ file: B('slow.js'), steps: 0, backend: 'auto' }, { runnerPath: RUNNER }, (m) => {
    seen.push(m.type);
    if (m.type === 'phase' && m.phase === 'building') building();
  });
  await reachedBuilding; // the factory is now awaiting its 60 s timer
  assert.ok(isAlive(run.pid));
  const started = Date.now();
  const report = await run.cancel();
  const ms = Date.now() - started;
  assert.ok(ms < 1000, `cancel took ${ms} ms`);
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'cancelled');
  await assertGone(run.pid);
  assert.ok(seen.includes('hello'));
});

test('a file that does not exist → import error, process gone', async () => {
  const { error } = await profileFails(B('does-not-exist.js'));
  assert.equal(error.kind, 'import');
  assert.match(error.message, /Cannot find module/);
});
