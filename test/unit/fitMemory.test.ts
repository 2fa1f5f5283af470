// startProfileFittingMemory's retry policy (src/host/fitMemory.ts) against scripted runs: which stopped runs are run
// again with half the rows, what the report then says, and which are left as they ended. The real-process test
// (test/runner/fitMemory.test.ts) cannot choose whether the host's memory poll sees the limit passed before or after the
// first step is reported; here each path is taken on purpose.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startProfileFittingMemory } from '../../src/host/fitMemory';
import type { ProfileRun } from '../../src/host/client';
import { emptyReport, type ProfileReport } from '../../src/core/report';
import type { ProfileRequest, RunnerMessage } from '../../src/core/protocol';

const OOM = { type: 'error', kind: 'out-of-memory', message: 'The runner used 347 MB of memory (limit 280 MB) and was stopped.' } as const;

/** A start() whose run with `rows` rows ends as `outcome(rows)` says; records the rows of every run it was asked for. */
function scripted(outcome: (rows: number) => 'oom-before-steps' | 'oom-after-steps' | 'done') {
  const asked: number[] = [];
  const start = (request: ProfileRequest, _options: unknown, onMessage: (m: RunnerMessage) => void): ProfileRun => {
    const rows = request.batchSize ?? 32;
    asked.push(rows);
    const report: ProfileReport = { ...emptyReport('model.js'), batchSize: rows };
    const end = outcome(rows);
    if (end === 'done') report.status = 'done';
    else {
      report.status = 'failed';
      report.error = { ...OOM };
      if (end === 'oom-after-steps') Object.assign(report, { partial: true, steps: [{ step: 0, loss: 0.69 }] });
      onMessage(OOM as unknown as RunnerMessage);
    }
    return { pid: 1, report, result: Promise.resolve(report), cancel: () => Promise.resolve(report) };
  };
  return { start, asked };
}

const request = { file: 'model.js', steps: 1, backend: 'wasm' } as ProfileRequest;

test('stopped for memory before any step: run again with half the rows until it fits; the note names the rows tried', async () => {
  const { start, asked } = scripted((rows) => (rows > 8 ? 'oom-before-steps' : 'done'));
  const messages: RunnerMessage[] = [];
  const report = await startProfileFittingMemory(request, { memoryLimitMb: 280 }, (m) => messages.push(m), start).result;
  assert.deepEqual(asked, [32, 16, 8]);
  assert.equal(report.status, 'done');
  assert.equal(report.rowsNote, 'Profiled with 8 rows a step: 32 and 16 rows passed the 280 MB memory limit (each retry halves the rows; --batch sets them, --memory the limit).');
  assert.ok(!messages.some((m) => m.type === 'error'), 'the retried runs’ out-of-memory errors are not passed on');
  assert.deepEqual(messages.filter((m) => m.type === 'phase').map((m) => (m as { message: string }).message), [
    '32 rows a step passed the memory limit: profiling again with 16',
    '16 rows a step passed the memory limit: profiling again with 8',
  ]);
});

test('near miss: stopped for memory after steps were measured: not retried, the partial result and its error kept', async () => {
  const { start, asked } = scripted(() => 'oom-after-steps');
  const messages: RunnerMessage[] = [];
  const report = await startProfileFittingMemory(request, { memoryLimitMb: 280 }, (m) => messages.push(m), start).result;
  assert.deepEqual(asked, [32]);
  assert.equal(report.status, 'failed');
  assert.equal(report.partial, true);
  assert.equal(report.steps.length, 1);
  assert.equal(report.rowsNote, undefined);
  assert.equal(messages.filter((m) => m.type === 'error').length, 1);
});

test('every halving still too large: the last error stands and says which rows were tried', async () => {
  const { start, asked } = scripted(() => 'oom-before-steps');
  const report = await startProfileFittingMemory({ ...request, batchSize: 4 }, { memoryLimitMb: 280 }, () => undefined, start).result;
  assert.deepEqual(asked, [4, 2, 1]);
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.message, `${OOM.message} (Retried with fewer rows after 4, 2 rows passed the memory limit.)`);
});
