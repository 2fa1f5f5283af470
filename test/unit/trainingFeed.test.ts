// What the panel's Training and Compare tabs are sent, from a run file, a live watch report and a comparison;
// and the watch report as the editor's views read it (core/liveReport.ts). Every message must pass the
// panel's own validation.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { profileReportOfWatch, TREND_POINTS } from '../../src/core/liveReport';
import { decodeToWebview, encodePanelMessage, type ToWebviewMessage } from '../../src/core/panelProtocol';
import type { LayerInfo } from '../../src/core/protocol';
import { lineDecoration } from '../../src/core/presentation';
import { compareRuns } from '../../src/core/runCompare';
import { encodeRunLine, readRunFile, RUN_SCHEMA, type RunLine } from '../../src/core/runFile';
import { compareSide, panelCompare, runFileMessages, trainingSteps } from '../../src/core/trainingFeed';
import { applyWatchMessage, emptyWatchState } from '../../src/core/watchReport';

const FILE = '/work/project/deep.js';
const layer = (name: string, line: number): LayerInfo => ({ name, className: 'Dense', activation: 'sigmoid', location: { file: FILE, line, column: 3 }, weights: [{ name: `${name}/kernel`, shape: [4, 4], trainable: true }] });
const LAYERS = [layer('dense_Dense1', 5), layer('dense_Dense2', 6), { name: 'flatten_Flatten1', className: 'Flatten', weights: [] } as LayerInfo];

function runText(early: number, steps: number, opts: { sha?: string; startedAt?: string; end?: boolean } = {}): string {
  const lines: RunLine[] = [{ kind: 'header', schema: RUN_SCHEMA, mode: 'watch', file: FILE, fileSha256: opts.sha ?? 'a', startedAt: opts.startedAt ?? '2026-12-05T15:00:00.000Z', backend: 'wasm', tfjs: '4.22.0', every: 5, layers: LAYERS }];
  for (let s = 0; s < steps; s++) {
    lines.push({ kind: 'step', step: s, epoch: Math.floor(s / 10), loss: 2 - s * 0.01, layers: [{ name: 'dense_Dense1', gradNorm: early }, { name: 'dense_Dense2', gradNorm: 1e-2 }] });
    if (s % 5 === 0) lines.push({ kind: 'sample', step: s, epoch: 0, layers: [{ name: 'dense_Dense1', gradNorm: early, weightNorm: 1, ratio: early, gradMeanAbs: early / 4, gradHistogram: { scale: 'log10abs', edges: [-10, -9, -8], counts: [3, 13] } }] });
    if (s % 10 === 9) lines.push({ kind: 'epoch', epoch: Math.floor(s / 10), step: s, logs: { loss: 2 - s * 0.01 } });
  }
  if (early < 1e-6) lines.push({ kind: 'finding', finding: { code: 'vanishing', severity: 'warning', message: 'dense_Dense1 vanishing', layer: 'dense_Dense1', location: LAYERS[0].location, step: 3 } });
  if (opts.end !== false) lines.push({ kind: 'end', status: 'done', steps, durationMs: 10 });
  return lines.map(encodeRunLine).join('');
}

const valid = (message: ToWebviewMessage) => assert.ok(decodeToWebview(encodePanelMessage(message), (reason) => assert.fail(`${message.type}: ${reason}`)), message.type);

test('a run file becomes the Training tab: started (not live), every step with ‖g‖ per layer in order, samples, epochs, the finding, its end', () => {
  const run = readRunFile(runText(1e-9, 20));
  const messages = runFileMessages(run, '/storage/runs/deep.js.watch.glrun.jsonl');
  messages.forEach(valid);
  assert.deepEqual(messages.map((m) => m.type), ['trainingStarted', 'trainingSteps', 'trainingSample', 'trainingSample', 'trainingSample', 'trainingSample', 'trainingEpoch', 'trainingEpoch', 'trainingFinding', 'trainingEnded']);
  const started = messages[0] as Extract<ToWebviewMessage, { type: 'trainingStarted' }>;
  assert.equal(started.run.live, false);
  assert.equal(started.run.every, 5);
  assert.deepEqual(started.run.layers.map((l) => [l.name, l.line]), [['dense_Dense1', 5], ['dense_Dense2', 6]], 'layers with a gradient, with their lines');
  const steps = (messages[1] as Extract<ToWebviewMessage, { type: 'trainingSteps' }>).steps;
  assert.equal(steps.length, 20);
  assert.deepEqual(steps[7], { step: 7, epoch: 0, loss: 2 - 7 * 0.01, norms: [1e-9, 1e-2] });
  const finding = messages[8] as Extract<ToWebviewMessage, { type: 'trainingFinding' }>;
  assert.deepEqual([finding.finding.step, finding.finding.line, finding.finding.file], [3, 5, FILE]);
  assert.deepEqual(messages[9], { type: 'trainingEnded', status: 'done', message: 'training finished after 20 steps' });
});

test('a run without its end line says so in its end message (partial)', () => {
  const messages = runFileMessages(readRunFile(runText(1e-2, 12, { end: false })), 'x');
  const end = messages.at(-1) as Extract<ToWebviewMessage, { type: 'trainingEnded' }>;
  assert.equal(end.status, 'partial');
  assert.match(end.message, /no end line.*after 12 steps/);
});

test('steps whose layers come in another order or miss one are placed by name (NaN where missing)', () => {
  const layers = [{ name: 'a' }, { name: 'b' }];
  const steps = trainingSteps([{ step: 0, epoch: 0, loss: 1, layers: [{ name: 'b', gradNorm: 2 }, { name: 'a', gradNorm: 1 }] }, { step: 1, epoch: 0, loss: 1, layers: [{ name: 'b', gradNorm: 3 }] }], layers);
  assert.deepEqual(steps[0].norms, [1, 2]);
  assert.ok(Number.isNaN(steps[1].norms[0]));
  assert.equal(steps[1].norms[1], 3);
});

test('Compare: the fixed run’s early layer ‖g‖ rises by the ratio of the medians; sides and notes say what was compared', () => {
  const before = readRunFile(runText(1e-9, 20, { sha: 'a' }));
  const after = readRunFile(runText(1e-4, 20, { sha: 'b', startedAt: '2026-12-05T15:10:00.000Z' }));
  const comparison = compareRuns(before, after);
  const compare = panelCompare(comparison, compareSide(before, 'before', 'A', comparison.lossA), compareSide(after, 'after', 'B', comparison.lossB));
  valid({ type: 'compare', compare });
  const early = compare.layers.find((l) => l.name === 'dense_Dense1')!;
  assert.equal(early.gradNormA, 1e-9);
  assert.equal(early.gradNormB, 1e-4);
  assert.ok(Math.abs(early.ratio! - 1e5) < 1e-6 * 1e5);
  assert.equal(early.verdictA, 'vanishing');
  assert.equal(early.verdictB, 'ok');
  assert.equal(compare.b.status, 'done');
  assert.deepEqual(compare.a.loss, { first: 2, last: 2 - 19 * 0.01, min: 2 - 19 * 0.01 });
  assert.match(compare.note ?? '', /model file changed/);
});

test('a live watch report as the editor views read it: latest ‖g‖, verdict, trend, trainable weights; decorations show it', () => {
  const state = emptyWatchState(FILE);
  applyWatchMessage(state, { type: 'model', layers: LAYERS, modelName: 'm', className: 'Sequential', discovery: 'training-script', dataSource: 'fit' } as never);
  for (let s = 0; s < 50; s++) applyWatchMessage(state, { type: 'watchSteps', steps: [{ step: s, epoch: 0, loss: 1, layers: [{ name: 'dense_Dense1', gradNorm: 1e-3 / (s + 1) }, { name: 'dense_Dense2', gradNorm: 0.1 }] }] });
  applyWatchMessage(state, { type: 'finding', finding: { code: 'vanishing', severity: 'warning', message: 'vanishing since step 30', layer: 'dense_Dense1', location: LAYERS[0].location, step: 30 } });
  const report = profileReportOfWatch(state.report, LAYERS);
  const first = report.layers.find((l) => l.name === 'dense_Dense1')!;
  assert.equal(first.gradNorm, 1e-3 / 50);
  assert.deepEqual(first.verdicts, ['vanishing']);
  assert.equal(first.steps.length, TREND_POINTS);
  assert.equal(first.steps.at(-1)!.step, 49);
  assert.deepEqual(first.weights.map((w) => w.name), ['dense_Dense1/kernel']);
  assert.deepEqual(report.layers.find((l) => l.name === 'flatten_Flatten1')!.weights, []);
  assert.equal(report.findings[0].step, 30);
  assert.equal(lineDecoration([first]).text, '∇ 2.0e-5 vanishing');
});
