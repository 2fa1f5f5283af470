// LR range test on bad input: each case has a clear outcome and leaves no runner process behind.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startLrSweep } from '../../src/host/client';
import { parseWithNonFinite, type RunnerMessage } from '../../src/core/protocol';
import { assertGone, cli, fixture, isAlive, RUNNER, sweep } from './helpers';

// checkSteps 0: bad input to the sweep; the short runs after it are tested in lrSweep.test.ts.
const defaults = { backend: 'auto', startLr: 1e-7, endLr: 10, steps: 100, mode: 'exp', repeats: 1, checkSteps: 0 } as const;


test('loss NaN from step 0: one point per repeat, no suggestions, no divergence, the reason says so', async () => {
  const { report } = await sweep(fixture('lr', 'bad', 'nan-loss.js'), { repeats: 2 });
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.deepEqual(report.points.map((p) => p.length), [1, 1]);
  assert.ok(Number.isNaN(report.points[0][0].loss));
  const result = report.result!;
  assert.deepEqual(result.suggestions, {});
  assert.equal(result.divergenceLr, undefined);
  assert.equal(result.median.length, 0);
  assert.equal(result.stoppedEarly, true);
  assert.match(result.reason, /^loss is NaN on the first batch, before any update: the model or data produce it, not the learning rate/);
});

test('CLI on a NaN loss: exit 1 (no suggestion), the reason in the JSON document', async () => {
  const { code, stdout } = await cli(['lr', fixture('lr', 'bad', 'nan-loss.js'), '--repeats', '1', '--json']);
  assert.equal(code, 1);
  const doc = parseWithNonFinite(stdout) as { reason: string; suggestions: object; points: { loss: number }[][] };
  assert.match(doc.reason, /^loss is NaN on the first batch/);
  assert.deepEqual(doc.suggestions, {});
  assert.ok(Number.isNaN(doc.points[0][0].loss), 'NaN survives the JSON');
});

test('no trainable weights → no-trainable-weights error', async () => {
  const { report } = await sweep(fixture('bad', 'no-trainable.js'));
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'no-trainable-weights');
  assert.equal(report.error?.message, 'Model "sequential_1" has no trainable weights: there is no learning rate to find.');
  assert.equal(report.result, undefined);
});

test('data too small for 100 steps: 8 examples in 2 batches of 4, cycled for all 100 steps', async () => {
  // A tiny LR range never diverges, so every step runs.
  const { report } = await sweep(fixture('lr', 'bad', 'tiny-data.js'), { batchSize: 4, endLr: 1e-5, repeats: 2 });
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.dataNote, 'the exported sampleBatch in 2 batches of 4');
  assert.equal(report.batchSize, 4);
  assert.deepEqual(report.points.map((p) => p.length), [100, 100]);
  assert.equal(report.result!.reason, 'reached endLr');
  assert.equal(report.result!.stoppedEarly, false);
  // Two batches alternate within each pass: the raw losses take two clearly different levels.
  const losses = report.points[0].map((p) => p.loss);
  const levels = new Set(losses.slice(0, 10).map((l) => l.toPrecision(2)));
  assert.ok(levels.size >= 2, `losses ${losses.slice(0, 10)}`);
});

test('unknown optimizer class → plain SGD, with a note', async () => {
  const { report } = await sweep(fixture('lr', 'bad', 'custom-optimizer.js'), { steps: 20 });
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.optimizer, 'SGD');
  assert.match(report.optimizerNote ?? '', /^The model's optimizer ClippedSgd is not one whose learning rate the finder can set .*: the sweep uses plain SGD\.$/);
});

test('cancel mid-sweep → the partial result (reason "cancelled") before the cancelled error; process gone', async () => {
  const messages: RunnerMessage[] = [];
  let points = 0;
  let cancelledAt = 0;
  let settled = 0;
  const run = startLrSweep(
    { file: fixture('lr', 'bad', 'tiny-data.js'), ...defaults, endLr: 1e-6, steps: 10_000 },
    { runnerPath: RUNNER, timeoutMs: 60_000 },
    (m) => {
      messages.push(m);
      if (m.type === 'lrPoint' && ++points === 30) {
        cancelledAt = Date.now();
        void run.cancel().then(() => (settled = Date.now()));
      }
    },
  );
  const report = await run.result;
  await assertGone(run.pid);
  assert.equal(isAlive(run.pid), false);
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'cancelled');
  const result = report.result!;
  assert.ok(result, 'the partial result arrived');
  assert.equal(result.reason, 'cancelled');
  assert.equal(result.stoppedEarly, true);
  assert.ok(result.median.length >= 30 && result.median.length < 10_000, `median of ${result.median.length} points`);
  const types = messages.map((m) => m.type);
  assert.ok(types.lastIndexOf('lrResult') < types.lastIndexOf('error'), 'lrResult comes before the cancelled error');
  assert.equal(report.repeats.at(-1)?.reason, 'cancelled');
  // The runner stopped by itself after the current batch, well before the 3 s kill.
  assert.ok(settled - cancelledAt < 2000, `cancel took ${settled - cancelledAt} ms`);
});

test('cancel while loading → cancelled error without a result; process gone', async () => {
  const run = startLrSweep({ file: fixture('lr', 'bad', 'tiny-data.js'), ...defaults }, { runnerPath: RUNNER, timeoutMs: 60_000 });
  const report = await run.cancel();
  await assertGone(run.pid);
  assert.equal(report.error?.kind, 'cancelled');
  assert.equal(report.result, undefined);
});

test('bad request values are rejected by the CLI with the usage text', async () => {
  const file = fixture('lr', 'bad', 'tiny-data.js');
  const bad = [
    [['--start', '1', '--end', '0.1'], /endLr must be greater than startLr/],
    [['--mode', 'cosine'], /--mode must be one of exp, linear/],
    [['--start=-1'], /--start must be a positive number, got "-1"/],
    [['--steps', '1'], /--steps must be an integer ≥ 2, got "1"/],
  ] as const;
  for (const [args, message] of bad) {
    const { code, stderr } = await cli(['lr', file, ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
    assert.match(stderr, /Usage: gradient-lens lr FILE/);
  }
});

test('a sweep longer than the timeout → timeout error naming the sweep, with the partial result; process gone', async () => {
  // The limit (2.5 s, printed 3 s) expires at the fifth batch's point, however long a busy machine took to load tfjs.
  let points = 0;
  const { report, messages } = await sweep(fixture('lr', 'bad', 'tiny-data.js'), { endLr: 1e-6, steps: 10_000 }, { timeoutMs: 2500, expireWhen: (m) => m.type === 'lrPoint' && ++points === 5 });
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'timeout');
  assert.match(report.error?.message ?? '', /^The learning-rate sweep stopped at batch \d+ of 10000 after 3 s on \w+ \(~[\d.]+ m?s a batch; all 10000 need ~[\d.]+ m?s\) — the partial curve is shown\./);
  assert.ok(report.points[0]?.length >= 5, 'points streamed before the timeout are kept');
  assert.equal(report.result?.reason, 'timeout');
  assert.equal(report.result?.median.length, report.points[0].length);
  assert.equal(messages.filter((m) => m.type === 'error').length, 1, 'one error: the timeout');
});
