// Run files: written line by line, read back whole or after a kill (no end line, a cut last line), with
// a clear message for what is not a run file; compare() matches two runs' layers and refuses runs of
// different files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { encodeRunLine, readRunFile, RUN_SCHEMA, RunFileError, type RunHeader, type RunLine } from '../../src/core/runFile';
import { compareRuns } from '../../src/core/runCompare';
import { applyWatchMessage, emptyWatchState } from '../../src/core/watchReport';
import { stringifyWithNonFinite, type LayerInfo } from '../../src/core/protocol';

const FILE = '/work/project/deep.js';
const layer = (name: string, line: number, activation = 'sigmoid'): LayerInfo => ({
  name,
  className: 'Dense',
  activation,
  location: { file: FILE, line, column: 3 },
  weights: [
    { name: `${name}/kernel`, shape: [8, 8], trainable: true },
    { name: `${name}/bias`, shape: [8], trainable: true },
  ],
});
const LAYERS = [layer('dense_Dense1', 5), layer('dense_Dense2', 6), layer('dense_Dense3', 7, 'softmax')];
const header = (over: Partial<RunHeader> = {}): RunLine => ({
  kind: 'header', schema: RUN_SCHEMA, mode: 'watch', file: FILE, fileSha256: 'a'.repeat(64), startedAt: '2026-12-05T15:00:00.000Z', backend: 'wasm', tfjs: '4.22.0', every: 10, layers: LAYERS, ...over,
});
/** A run whose first layer's ‖g‖ is `early` and last layer's 1e-1. */
function run(early: number, steps: number, over: Partial<RunHeader> = {}, end = true): string {
  const lines: RunLine[] = [header(over)];
  for (let s = 0; s < steps; s++) {
    lines.push({ kind: 'step', step: s, epoch: Math.floor(s / 10), loss: 2.3 - s * 0.01, layers: [{ name: 'dense_Dense1', gradNorm: early }, { name: 'dense_Dense2', gradNorm: early * 1e3 }, { name: 'dense_Dense3', gradNorm: 1e-1 }] });
    if (s % 10 === 9) lines.push({ kind: 'epoch', epoch: Math.floor(s / 10), step: s, logs: { loss: 2.3 - s * 0.01 } });
  }
  if (early < 1e-6) lines.push({ kind: 'finding', finding: { code: 'vanishing', severity: 'warning', message: 'vanishing', layer: 'dense_Dense1', location: LAYERS[0].location, step: 0, related: [{ layer: 'dense_Dense2', message: '' }] } });
  if (end) lines.push({ kind: 'end', status: 'done', steps, durationMs: 1000 });
  return lines.map(encodeRunLine).join('');
}

test('a run file reads back with its steps, epochs, findings and end; NaN survives', () => {
  const text = run(1e-9, 30) + '';
  const file = readRunFile(text);
  assert.equal(file.header.file, FILE);
  assert.equal(file.steps, 30);
  assert.equal(file.lastStep, 29);
  assert.equal(file.timeline.length, 30);
  assert.equal(file.epochs.length, 3);
  assert.equal(file.findings[0].code, 'vanishing');
  assert.equal(file.partial, false);
  assert.deepEqual(file.notes, []);
  const nan = readRunFile(encodeRunLine(header()) + encodeRunLine({ kind: 'step', step: 0, epoch: 0, loss: NaN, layers: [{ name: 'dense_Dense1', gradNorm: Infinity }] }));
  assert.ok(Number.isNaN(nan.timeline[0].loss));
  assert.equal(nan.timeline[0].layers[0].gradNorm, Infinity);
});

test('a killed run (no end line, last line cut) opens as partial and says why', () => {
  const whole = run(1e-2, 20, {}, false);
  const cut = whole.slice(0, whole.length - 25);
  const file = readRunFile(cut, 'run.jsonl');
  assert.equal(file.partial, true);
  // The last line (epoch 1's) is the one cut: the 20 steps before it are all there.
  assert.equal(file.steps, 20);
  assert.equal(file.epochs.length, 1);
  assert.match(file.notes.join('; '), /line 23 was cut off/);
  assert.match(file.notes.join('; '), /no end line.*after 20 steps/);
  const cancelled = readRunFile(run(1e-2, 5, {}, false) + encodeRunLine({ kind: 'end', status: 'cancelled', steps: 5, durationMs: 10, error: { kind: 'cancelled', message: 'Cancelled.' } }));
  assert.equal(cancelled.partial, true);
  assert.equal(cancelled.end?.status, 'cancelled');
});

test('a run file written before validation lines existed (schema /1) still opens; this version writes /2', () => {
  assert.equal(RUN_SCHEMA, 'gradient-lens-run/2');
  const old = readRunFile(run(1e-2, 12, { schema: 'gradient-lens-run/1' }));
  assert.equal(old.header.schema, 'gradient-lens-run/1');
  assert.equal(old.steps, 12);
  assert.deepEqual(old.validation, []);
  assert.equal(old.partial, false);
});

test('what is not a run file, or is damaged inside, is refused with the cause', () => {
  assert.throws(() => readRunFile('', 'a.jsonl'), /a.jsonl is empty/);
  assert.throws(() => readRunFile('hello\n', 'a.jsonl'), /a.jsonl is not a Gradient Lens run file \(its first line is not JSON\)/);
  assert.throws(() => readRunFile('{"kind":"step"}\n', 'a.jsonl'), /not a Gradient Lens run file \(its first line is not a run header\)/);
  assert.throws(() => readRunFile(stringifyWithNonFinite({ ...header(), schema: 'gradient-lens-run/9' }) + '\n', 'a.jsonl'), /schema "gradient-lens-run\/9"; this version reads "gradient-lens-run\/1" and "gradient-lens-run\/2"\. Update Gradient Lens/);
  const lines = run(1e-2, 5).split('\n');
  lines[3] = lines[3].slice(0, 10);
  assert.throws(() => readRunFile(lines.join('\n'), 'a.jsonl'), (e: Error) => e instanceof RunFileError && /damaged at line 4/.test(e.message));
  assert.throws(() => readRunFile(run(1e-2, 2) + encodeRunLine(header()), 'a.jsonl'), /second header at line 5/);
  assert.throws(() => readRunFile(encodeRunLine(header()) + '{"kind":"step","step":-1}\n', 'a.jsonl'), /invalid line 2/);
});

test('a long run file reads into a bounded timeline and keeps every finding', () => {
  const lines: RunLine[] = [header()];
  for (let s = 0; s < 20_000; s++) {
    lines.push({ kind: 'step', step: s, epoch: 0, loss: 1, layers: [{ name: 'dense_Dense1', gradNorm: 1 }] });
    if (s % 1000 === 500) lines.push({ kind: 'finding', finding: { code: 'dead-relu', severity: 'warning', message: '', layer: 'dense_Dense1', step: s - 20 } });
  }
  const file = readRunFile(lines.map(encodeRunLine).join(''), 'long', { maxTimelinePoints: 200 });
  assert.equal(file.steps, 20_000);
  assert.ok(file.timeline.length <= 200 + 20, `${file.timeline.length} points`);
  assert.equal(file.findings.length, 20);
  for (const f of file.findings) assert.ok(file.timeline.some((p) => p.step === f.step && p.stepEnd === undefined), `step ${f.step} exact`);
});

test('compare: the early layers of the fixed run have ‖g‖ orders of magnitude larger, verdicts side by side', () => {
  const before = readRunFile(run(1e-9, 30));
  const after = readRunFile(run(1e-3, 30, { fileSha256: 'b'.repeat(64) }));
  const c = compareRuns(before, after);
  assert.equal(c.comparable, true);
  assert.equal(c.fileChanged, true);
  assert.deepEqual(c.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2', 'dense_Dense3']);
  const first = c.layers[0];
  assert.equal(first.line, 5);
  assert.ok(Math.abs(first.ratio! / 1e6 - 1) < 1e-9, `ratio ${first.ratio}`);
  assert.equal(first.verdictA, 'vanishing');
  assert.equal(first.verdictB, 'ok');
  assert.equal(c.layers[1].verdictA, 'vanishing', 'a related layer carries the verdict too');
  assert.equal(c.layers[2].ratio, 1);
  assert.equal(c.lossA!.first, 2.3);
  assert.ok(Math.abs(c.lossB!.last - (2.3 - 29 * 0.01)) < 1e-12);
});

test('compare refuses runs of different files, and runs without a layer in common', () => {
  const other = compareRuns(readRunFile(run(1e-2, 3)), readRunFile(run(1e-2, 3, { file: '/work/project/other.js' })));
  assert.equal(other.comparable, false);
  assert.match(other.problem!, /different model files \(A: \/work\/project\/deep.js, B: \/work\/project\/other.js\)/);
  const renamed = compareRuns(readRunFile(run(1e-2, 3)), readRunFile(run(1e-2, 3, { layers: [layer('dense_Dense9', 5)] })));
  assert.equal(renamed.comparable, false);
  assert.match(renamed.problem!, /share no layer name/);
});

test('the watch report folds steps into a bounded timeline, findings into verdicts, and a stopped run is partial', () => {
  const state = emptyWatchState(FILE, 40);
  applyWatchMessage(state, { type: 'model', modelName: 'm', className: 'Sequential', discovery: 'training-script', dataSource: 'fit', dataNote: '', loss: 'categoricalCrossentropy', optimizer: 'SGD', batchSize: 32, totalSteps: 0, layers: LAYERS });
  for (let batch = 0; batch < 100; batch++) {
    const steps = Array.from({ length: 10 }, (_, i) => ({ step: batch * 10 + i, epoch: batch, loss: 1, layers: [{ name: 'dense_Dense1', gradNorm: batch }] }));
    applyWatchMessage(state, { type: 'watchSteps', steps });
  }
  applyWatchMessage(state, { type: 'finding', finding: { code: 'exploding', severity: 'error', message: '', layer: 'dense_Dense1', location: LAYERS[0].location, step: 990 } });
  applyWatchMessage(state, { type: 'error', kind: 'cancelled', message: 'Cancelled.' });
  const r = state.report;
  assert.equal(r.stepCount, 1000);
  assert.equal(r.lastStep, 999);
  assert.ok(r.timeline.length <= 40);
  assert.equal(r.layers[0].gradNorm, 99);
  assert.deepEqual(r.layers[0].verdicts, ['exploding']);
  assert.equal(r.findings[0].line, 5);
  assert.equal(r.status, 'failed');
  assert.equal(r.partial, true);
});
