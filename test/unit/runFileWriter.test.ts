// The host's run-file writer: a line per event as it arrives, so a host killed mid-run leaves a file that
// reopens as partial; the header waits for the model (a run that fails before leaves no file).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunFileWriter } from '../../src/host/runFileWriter';
import { readRunFile } from '../../src/core/runFile';
import type { RunnerMessage } from '../../src/core/protocol';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-runfile-'));
const model = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-model-'));
const modelFile = path.join(model, 'train.js');
fs.writeFileSync(modelFile, 'model.fit(x, y)\n');
const layers = [{ name: 'd1', className: 'Dense', weights: [{ name: 'd1/kernel', shape: [2, 2], trainable: true }] }];
const hello: RunnerMessage = { type: 'hello', pid: 1, nodeVersion: 'v20', tfjsVersion: '4.22.0', tfjsSource: 'x', backend: 'wasm', backendReason: '' };
const modelMessage: RunnerMessage = { type: 'model', modelName: 'm', className: 'Sequential', discovery: 'training-script', dataSource: 'fit', dataNote: '', loss: 'mse', optimizer: 'SGD', batchSize: 8, totalSteps: 10, layers };
const steps = (from: number, n: number): RunnerMessage => ({ type: 'watchSteps', steps: Array.from({ length: n }, (_, i) => ({ step: from + i, epoch: 0, loss: 1 / (from + i + 1), layers: [{ name: 'd1', gradNorm: 0.1 }] })) });

test('every event is on disk as soon as it arrives: a host killed mid-run leaves a partial run file', () => {
  const file = path.join(dir, 'killed.jsonl');
  const writer = new RunFileWriter(file, { mode: 'watch', file: modelFile, every: 5 });
  writer.write(hello);
  assert.equal(writer.opened, false, 'no file before the model is known');
  assert.equal(fs.existsSync(file), false);
  writer.write(modelMessage);
  writer.write(steps(0, 7));
  writer.write({ type: 'finding', finding: { code: 'vanishing', severity: 'warning', message: 'm', layer: 'd1', step: 3 } });
  // No close(): the host died here.
  const run = readRunFile(fs.readFileSync(file, 'utf8'));
  assert.equal(run.partial, true);
  assert.equal(run.steps, 7);
  assert.equal(run.findings.length, 1);
  assert.equal(run.header.backend, 'wasm');
  assert.equal(run.header.tfjs, '4.22.0');
  assert.equal(run.header.every, 5);
  // SHA-256 of 'model.fit(x, y)\n', as sha256sum prints it.
  assert.equal(run.header.fileSha256, 'b7eb514f596b39ed9fb54395e218e7db2be8c324813ab1e2aa29680de4b5acdf');
});

test('a done run ends with its end line; a cancelled one says so; a run that failed before its model leaves no file', () => {
  const done = path.join(dir, 'done.jsonl');
  const writer = new RunFileWriter(done, { mode: 'watch', file: modelFile });
  for (const m of [hello, modelMessage, steps(0, 3), steps(3, 2), { type: 'done', steps: 5, durationMs: 12 } as RunnerMessage]) writer.write(m);
  const run = readRunFile(fs.readFileSync(done, 'utf8'));
  assert.equal(run.partial, false);
  assert.deepEqual(run.end, { kind: 'end', status: 'done', steps: 5, durationMs: 12 });

  const cancelled = path.join(dir, 'cancelled.jsonl');
  const w2 = new RunFileWriter(cancelled, { mode: 'watch', file: modelFile });
  for (const m of [modelMessage, steps(0, 2), { type: 'error', kind: 'cancelled', message: 'Cancelled.' } as RunnerMessage]) w2.write(m);
  assert.equal(readRunFile(fs.readFileSync(cancelled, 'utf8')).end?.status, 'cancelled');

  const never = path.join(dir, 'never.jsonl');
  const w3 = new RunFileWriter(never, { mode: 'watch', file: modelFile });
  w3.write(hello);
  w3.write({ type: 'error', kind: 'syntax', message: 'Unexpected token' });
  w3.close();
  assert.equal(fs.existsSync(never), false);
});
