// The run pickers' summary of a run file (host/runFileSummary.ts), read from files the host's RunFileWriter
// wrote: a finished run, a stopped one, one killed mid-line (no end line), a profile, and what is not a run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LayerInfo, RunnerMessage } from '../../src/core/protocol';
import { RunFileWriter } from '../../src/host/runFileWriter';
import { summarizeRunFile } from '../../src/host/runFileSummary';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-runs-'));
// A non-ASCII path and a layer list longer than one 64 KB read: the header spans chunks.
const model = path.join(dir, 'modèle.js');
fs.writeFileSync(model, '// model\n');
const layers: LayerInfo[] = Array.from({ length: 800 }, (_, i) => ({ name: `dense_Dense${i}_${'x'.repeat(60)}`, className: 'Dense', location: { file: model, line: 3, column: 1 }, weights: [{ name: `k${i}`, shape: [4, 4], trainable: true }] }));
const modelMessage = { type: 'model', layers, modelName: 'm', className: 'Sequential', discovery: 'training-script', dataSource: 'fit' } as unknown as RunnerMessage;
const steps = (from: number, n: number): RunnerMessage => ({ type: 'watchSteps', steps: Array.from({ length: n }, (_, i) => ({ step: from + i, epoch: 0, loss: 1, layers: [{ name: layers[0].name, gradNorm: 0.1 }] })) });

function write(name: string, messages: RunnerMessage[], mode: 'watch' | 'profile' = 'watch', close = true): string {
  const file = path.join(dir, name);
  const writer = new RunFileWriter(file, { mode, file: model, every: 10 });
  for (const m of messages) writer.write(m);
  if (close) writer.close();
  return file;
}

test('a finished, a stopped and a killed watch; a profile', () => {
  const done = write('done.glrun.jsonl', [modelMessage, steps(0, 40), { type: 'done', steps: 40, durationMs: 5 }]);
  const summary = summarizeRunFile(done)!;
  assert.ok(fs.statSync(done).size > 64 * 1024, 'the header is longer than one read');
  assert.deepEqual([summary.file, summary.mode, summary.steps, summary.status], [model, 'watch', 40, 'done']);
  assert.match(summary.startedAt, /^\d{4}-\d\d-\d\dT/);

  const stopped = write('stopped.glrun.jsonl', [modelMessage, steps(0, 7), { type: 'error', kind: 'cancelled', message: 'Cancelled.' }]);
  assert.deepEqual([summarizeRunFile(stopped)!.status, summarizeRunFile(stopped)!.steps], ['cancelled', 7]);

  const killed = write('killed.glrun.jsonl', [modelMessage, steps(0, 12)], 'watch', false);
  fs.truncateSync(killed, fs.statSync(killed).size - 10);
  // The last step line is cut: the one before it (step 10) is the last readable.
  assert.deepEqual([summarizeRunFile(killed)!.status, summarizeRunFile(killed)!.steps], ['partial', 11]);

  const profile = write('profile.glrun.jsonl', [modelMessage, { type: 'step', step: 0, loss: 1, layers: [] } as unknown as RunnerMessage, { type: 'done', steps: 1, durationMs: 1 }], 'profile');
  assert.deepEqual([summarizeRunFile(profile)!.mode, summarizeRunFile(profile)!.steps], ['profile', 1]);
});

test('what is not a run file gives no summary', () => {
  const other = path.join(dir, 'other.glrun.jsonl');
  fs.writeFileSync(other, '{"kind":"step"}\n');
  assert.equal(summarizeRunFile(other), undefined);
  fs.writeFileSync(other, 'not json');
  assert.equal(summarizeRunFile(other), undefined);
  assert.equal(summarizeRunFile(path.join(dir, 'missing.glrun.jsonl')), undefined);
});
