// A profile batch that does not fit the memory limit is profiled again with half the rows until it fits, and the
// report says which rows were used and why (src/host/fitMemory.ts; bench/realworld batches 7 and 11: a 224×224 CNN,
// a 500×500 discriminator and a BiLSTM stopped at the 4,096 MB limit with 32 rows). Fixture: a model whose memory
// grows with the rows at little compute (test/fixtures/runner/memory/upsampled.js: ~360 MB at 32 rows, ~170 MB at 8).
// Near miss: under a limit the 32 rows fit, nothing is retried and the report has no rows note.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, RUNNER } from './helpers';
import { startProfileFittingMemory } from '../../src/host/fitMemory';
import type { RunnerMessage } from '../../src/core/protocol';

const FILE = fixture('memory', 'upsampled.js');

async function profileWithin(memoryLimitMb: number) {
  const messages: RunnerMessage[] = [];
  const run = startProfileFittingMemory({ file: FILE, steps: 1, backend: 'wasm' }, { runnerPath: RUNNER, timeoutMs: 150_000, memoryLimitMb }, (m) => messages.push(m));
  return { report: await run.result, messages };
}

test('32 rows pass a 280 MB limit: profiled again with half the rows, and the report says which rows and why', async () => {
  const { report, messages } = await profileWithin(280);
  // The host reads memory every 250 ms and a 32-row step here takes ~300 ms: whether a poll sees the limit passed before
  // the first step is reported is the machine's timing, not ours (it went both ways on one idle machine). Each outcome is
  // the documented one (src/host/fitMemory.ts; the policy itself is tested path by path in test/unit/fitMemory.test.ts).
  if (report.status === 'failed') {
    // Seen after the step: its measurements kept as a partial result with the out-of-memory error, not retried.
    assert.equal(report.error?.kind, 'out-of-memory', JSON.stringify(report.error));
    assert.equal(report.partial, true);
    assert.ok(report.steps.length >= 1 && report.batchSize === 32 && report.rowsNote === undefined);
    assert.ok(!messages.some((m) => m.type === 'phase' && /passed the memory limit: profiling again/.test(m.message)));
    return;
  }
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.ok(report.batchSize! < 32 && report.batchSize! >= 1, `rows used: ${report.batchSize}`);
  assert.match(report.rowsNote ?? '', new RegExp(`^Profiled with ${report.batchSize} rows a step: 32 (?:and 16 )?rows passed the 280 MB memory limit \\(each retry halves the rows; --batch sets them, --memory the limit\\)\\.$`));
  assert.ok(messages.some((m) => m.type === 'phase' && /^32 rows a step passed the memory limit: profiling again with 16$/.test(m.message)));
  // The out-of-memory error of the run that was retried is not passed on.
  assert.ok(!messages.some((m) => m.type === 'error'));
  assert.equal(report.layers.length, 3);
});

test('near miss: under a limit the 32 rows fit, nothing is retried and there is no rows note', async () => {
  const { report } = await profileWithin(4096);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.batchSize, 32);
  assert.equal(report.rowsNote, undefined);
});
