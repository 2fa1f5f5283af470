// The validation losses the Training tab draws beside the training loss (core/trainingFeed.ts → the panel's
// trainingValidation message → webview/src/trainingModel.ts): each named by its source as the overfitting finding names
// it, in step order, through the panel's own validation; and the loss chart's columns, merged on one step axis.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeToWebview, encodePanelMessage, type ToWebviewMessage } from '../../src/core/panelProtocol';
import type { TrainingValidation } from '../../src/core/panelTraining';
import { encodeRunLine, readRunFile, RUN_SCHEMA, type RunLine } from '../../src/core/runFile';
import { evaluateValidation, fitValidation, runFileMessages, validationReadings } from '../../src/core/trainingFeed';
import type { WatchValidation } from '../../src/core/watchProtocol';
import { deserializeData, emptyData, serializeData } from '../../webview/src/model';
import { lossChartData, TrainingColumns, validationSeries } from '../../webview/src/trainingModel';

const FILE = '/work/project/train.js';
const held = (step: number, loss: number, over: Partial<WatchValidation> = {}): WatchValidation => ({ step, epoch: step, source: 'evaluate', loss, trainLoss: 1, key: '200x40:12.5', rows: 200, file: FILE, line: 42, column: 27, ...over });

test('fit()\'s val_loss is named by where fit() took it from; an epoch without val_loss gives nothing', () => {
  assert.deepEqual(fitValidation({ epoch: 3, step: 39, logs: { loss: 1, val_loss: 1.5 } }), [
    { series: 'fit:validationData', origin: 'validationData', label: "fit()'s val_loss (validationData)", step: 39, epoch: 3, loss: 1.5 },
  ]);
  const [split] = fitValidation({ epoch: 0, step: 9, logs: { loss: 1, val_loss: 2 }, validationSplit: 0.2 });
  assert.deepEqual([split.series, split.origin, split.label], ['fit:validationSplit', 'validationSplit', "fit()'s val_loss (validationSplit 0.2: the last 20 % of the rows)"]);
  assert.deepEqual(fitValidation({ epoch: 0, step: 9, logs: { loss: 1 } }), []);
});

test('the script\'s own evaluate() is named by its call and rows, and carries its line to reveal; each held-out set is its own series', () => {
  const [r] = evaluateValidation(held(7, 0.8));
  assert.deepEqual(r, { series: 'evaluate:200x40:12.5', origin: 'evaluate', label: 'model.evaluate() at train.js:42 (200 rows)', step: 7, epoch: 7, loss: 0.8, file: FILE, line: 42, column: 27 });
  const [d] = evaluateValidation(held(7, 0.9, { source: 'evaluateDataset', key: 'dataset 1', rows: undefined, line: 50, column: undefined }));
  assert.deepEqual([d.series, d.label, d.line, 'column' in d], ['evaluateDataset:dataset 1', 'model.evaluateDataset() at train.js:50', 50, false]);
});

test('a run file with fit()\'s val_loss and evaluate() readings: one trainingValidation message, in step order, that the panel accepts', () => {
  const lines: RunLine[] = [{ kind: 'header', schema: RUN_SCHEMA, mode: 'watch', file: FILE, fileSha256: 'a', startedAt: '2026-12-06T17:00:00.000Z', backend: 'wasm', tfjs: '4.22.0', every: 5, layers: [] }];
  for (let s = 0; s < 4; s++) {
    lines.push({ kind: 'step', step: s, epoch: s, loss: 2 - s * 0.1, layers: [{ name: 'd', gradNorm: 0.1 }] });
    lines.push({ kind: 'epoch', epoch: s, step: s, logs: { loss: 2 - s * 0.1, val_loss: 2.5 - s * 0.05 } });
    lines.push({ kind: 'validation', ...held(s, 3 - s * 0.2) });
  }
  lines.push({ kind: 'end', status: 'done', steps: 4, durationMs: 10 });
  const messages = runFileMessages(readRunFile(lines.map(encodeRunLine).join('')), '/runs/train.glrun.jsonl');
  const validation = messages.filter((m) => m.type === 'trainingValidation');
  assert.equal(validation.length, 1);
  const readings = (validation[0] as Extract<ToWebviewMessage, { type: 'trainingValidation' }>).readings;
  assert.deepEqual(readings.map((r) => [r.step, r.origin, r.loss]), [0, 1, 2, 3].flatMap((s) => [[s, 'validationData', 2.5 - s * 0.05], [s, 'evaluate', 3 - s * 0.2]]));
  for (const m of messages) assert.ok(decodeToWebview(encodePanelMessage(m), (reason) => assert.fail(`${m.type}: ${reason}`)), m.type);
  // A run that validates nowhere sends no such message.
  assert.deepEqual(validationReadings([{ epoch: 0, step: 0, logs: { loss: 1 } }], []), []);
});

test('the panel rejects a malformed trainingValidation (unknown origin, a loss that is no number); NaN survives the wire', () => {
  const good: TrainingValidation = { series: 's', origin: 'evaluate', label: 'l', step: 1, epoch: 0, loss: NaN };
  const decoded = decodeToWebview(encodePanelMessage({ type: 'trainingValidation', readings: [good] }));
  assert.ok(decoded?.type === 'trainingValidation' && Number.isNaN(decoded.readings[0].loss));
  let reason = '';
  assert.equal(decodeToWebview(encodePanelMessage({ type: 'trainingValidation', readings: [{ ...good, origin: 'test' }] } as unknown as ToWebviewMessage), (r) => (reason = r)), undefined);
  assert.match(reason, /origin/);
  assert.equal(decodeToWebview(encodePanelMessage({ type: 'trainingValidation', readings: [{ ...good, loss: '1' }] } as unknown as ToWebviewMessage)), undefined);
  assert.equal(decodeToWebview(encodePanelMessage({ type: 'trainingValidation', readings: [{ ...good, step: 1.5 }] } as unknown as ToWebviewMessage)), undefined);
});

test('the loss chart\'s columns: one step axis for the (downsampled) timeline and the readings; undefined where a column has no value, null for a NaN', () => {
  const steps = [0, 2, 4, 6].map((step) => ({ step, epoch: 0, loss: step === 6 ? NaN : 1 / (step + 1), norms: [] }));
  const columns = TrainingColumns.from(steps, 0);
  const v = (series: string, step: number, loss: number): TrainingValidation => ({ series, origin: 'evaluate', label: series, step, epoch: 0, loss });
  const readings = [v('a', 1, 0.9), v('b', 4, 0.7), v('a', 4, 0.8), v('a', 5, 0), v('a', 5, 0.6)];
  const series = validationSeries(readings);
  assert.deepEqual(series.map((s) => [s.series, s.count, s.last.loss]), [['a', 4, 0.6], ['b', 1, 0.7]]);
  const [xs, loss, a, b] = lossChartData(columns, readings, series);
  assert.deepEqual(xs, [0, 1, 2, 4, 5, 6]);
  assert.deepEqual(loss, [1, undefined, 1 / 3, 1 / 5, undefined, null]);
  assert.deepEqual(a, [undefined, 0.9, undefined, 0.8, 0.6, undefined], 'the later reading of a step wins; 0 is no log value');
  assert.deepEqual(b, [undefined, undefined, undefined, 0.7, undefined, undefined]);
  // Without validation the chart keeps its two columns as before.
  assert.deepEqual(lossChartData(columns, [], []), [columns.steps, columns.loss]);
});

test('panel state saved before validation existed restores with none; with readings it round-trips', () => {
  const data = emptyData();
  data.training.validation.push({ series: 's', origin: 'validationSplit', label: 'l', step: 3, epoch: 1, loss: 0.5 });
  assert.deepEqual(deserializeData(serializeData(data))?.training.validation, data.training.validation);
  const old = JSON.parse(serializeData(emptyData()));
  delete old.training.validation;
  assert.deepEqual(deserializeData(JSON.stringify(old))?.training.validation, []);
});
