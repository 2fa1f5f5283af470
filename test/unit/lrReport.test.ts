// The LR report reducer and the CLI's --json document built from it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyLrMessage, emptyLrReport, lrJsonDocument } from '../../src/core/lrReport';
import { parseWithNonFinite, stringifyWithNonFinite, type LrResult, type RunnerMessage } from '../../src/core/protocol';

const result: LrResult = {
  median: [{ lr: 1e-3, loss: 1 }],
  band: [{ lr: 1e-3, low: 0.9, high: 1.1 }],
  suggestions: { valley: { lr: 1e-3, spreadDecades: 0.2, rule: 'r' } },
  divergenceLr: 0.5,
  stoppedEarly: true,
  reason: 'cancelled',
};

const stream: RunnerMessage[] = [
  { type: 'hello', pid: 1, nodeVersion: 'v20', tfjsVersion: '4.22.0', tfjsSource: 'ours', backend: 'wasm', backendReason: 'why' },
  {
    type: 'model',
    modelName: 'm',
    className: 'Sequential',
    discovery: 'factory',
    dataSource: 'fit',
    dataNote: 'the data',
    loss: 'meanSquaredError',
    optimizer: 'SGD',
    optimizerNote: 'fallback',
    batchSize: 32,
    totalSteps: 4,
    layers: [],
  },
  { type: 'lrPoint', repeat: 0, step: 0, lr: 1e-3, loss: 1, smoothed: 1 },
  { type: 'lrPoint', repeat: 0, step: 1, lr: 1e-2, loss: NaN, smoothed: NaN },
  { type: 'lrRepeatDone', repeat: 0, stoppedEarly: true, reason: 'loss is not finite' },
  { type: 'lrPoint', repeat: 1, step: 0, lr: 1e-3, loss: 2, smoothed: 2 },
  { type: 'lrRepeatDone', repeat: 1, stoppedEarly: true, reason: 'cancelled' },
  { type: 'lrResult', result },
  { type: 'error', kind: 'cancelled', message: 'Cancelled.' },
];

test('reducer: points per repeat, repeat outcomes, the result kept next to the cancelled error', () => {
  const report = emptyLrReport('/m.js');
  for (const m of stream) applyLrMessage(report, m);
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'cancelled');
  assert.equal(report.backend, 'wasm');
  assert.equal(report.optimizerNote, 'fallback');
  assert.deepEqual(report.points.map((p) => p.map((q) => q.step)), [[0, 1], [0]]);
  assert.deepEqual(report.repeats.map((r) => r.reason), ['loss is not finite', 'cancelled']);
  assert.equal(report.result, result);
});

test('--json document: the result fields at the top level, NaN kept through the non-finite-safe JSON', () => {
  const report = emptyLrReport('/m.js');
  for (const m of stream.slice(0, -1)) applyLrMessage(report, m);
  applyLrMessage(report, { type: 'done', steps: 3, durationMs: 12 });
  const doc = parseWithNonFinite(stringifyWithNonFinite(lrJsonDocument(report))) as Record<string, unknown>;
  assert.equal(doc.status, 'done');
  assert.equal('result' in doc, false);
  assert.deepEqual(doc.suggestions, result.suggestions);
  assert.deepEqual([doc.divergenceLr, doc.stoppedEarly, doc.reason, doc.backend, doc.dataSource], [0.5, true, 'cancelled', 'wasm', 'fit']);
  assert.ok(Number.isNaN((doc.points as { loss: number }[][])[0][1].loss));
});
