// Watch training through the real engine (host client → dist/runner.js): the script's own fit() trains to
// its end while every step is recorded; findings name the step they began; a NaN is located at its
// layer, line and step; 10,000 steps keep the host's timeline bounded and every finding; Stop ends the
// runner and what the script started, and keeps the run file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWatch } from '../../src/host/client';
import type { RunnerMessage, WatchRequest } from '../../src/core/protocol';
import { readRunFile } from '../../src/core/runFile';
import { WATCH_DEFAULTS } from '../../src/core/defaults';
import { assertGone, fixture, isAlive, lineOf, profileOk, RUNNER } from './helpers';

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-watch-'));

async function watch(file: string, request: Partial<WatchRequest> = {}, runFile?: string) {
  const messages: RunnerMessage[] = [];
  const run = startWatch({ file, backend: 'auto', every: 10, ...request }, { runnerPath: RUNNER, timeoutMs: 240_000, runFile }, (m) => messages.push(m));
  const report = await run.result;
  await assertGone(run.pid);
  return { report, messages, run };
}

test('a learning rate raised at the start of epoch 3 is reported diverging from that step (within the epoch)', async () => {
  const file = fixture('watch', 'lr-raise.js');
  const { report } = await watch(file);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 120, '6 epochs × 20 batches, all trained');
  assert.equal(report.epochs.length, 6);
  assert.ok(report.epochs[2].logs.loss < report.epochs[0].logs.loss, 'the loss fell before the change');
  assert.ok(report.epochs[3].logs.loss > 4 * report.epochs[2].logs.loss, 'and climbed after it');
  assert.ok(report.timeline.every((p) => p.metrics?.acc !== undefined), 'per-step accuracy from fit()');
  const diverging = report.findings.filter((f) => f.code === 'loss-diverging');
  assert.equal(diverging.length, 1, JSON.stringify(report.findings));
  // Epoch 3 begins at step 60: the step the raised rate first updates the weights (its loss shows at 61).
  assert.ok(diverging[0].step! >= 60 && diverging[0].step! < 80, `diverging from step ${diverging[0].step}`);
  assert.equal(diverging[0].line, lineOf(file, 'tf.train.adam(0.01)'), 'on the line that sets the learning rate');
  assert.ok(!report.findings.some((f) => f.step !== undefined && f.step < 60), 'nothing before the change');
});

test('NaN first produced by a custom layer is reported at its layer, line and step, in the forward pass', async () => {
  const file = fixture('watch', 'nan-layer.js');
  const { report } = await watch(file);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 60, 'two fit() calls, numbered on: 20 + 40 steps');
  const nonFinite = report.findings.filter((f) => f.code === 'non-finite');
  assert.equal(nonFinite.length, 1, JSON.stringify(report.findings));
  const [f] = nonFinite;
  assert.equal(f.step, 25);
  assert.equal(f.phase, 'forward');
  assert.match(f.layer!, /^log_layer/);
  assert.equal(f.file, file);
  assert.equal(f.line, lineOf(file, 'LOG LAYER'));
  assert.ok(Number.isFinite(report.timeline.find((p) => p.step === 24)!.loss));
  assert.ok(Number.isNaN(report.timeline.find((p) => p.step === 25)!.layers[0].gradNorm), 'the NaN step is in the timeline');
});

test('10,000 watched steps: the host keeps a bounded timeline, every finding, and the runner leaks no tensor', async () => {
  const file = fixture('watch', 'many-steps.js');
  const runFile = path.join(runDir, 'many.jsonl');
  const { report, messages } = await watch(file, { every: WATCH_DEFAULTS.every }, runFile);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 10_000);
  assert.equal(report.lastStep, 9_999);
  assert.ok(report.timeline.length <= WATCH_DEFAULTS.maxTimelinePoints, `${report.timeline.length} timeline points`);
  assert.ok(report.samples.length <= WATCH_DEFAULTS.maxSamples, `${report.samples.length} samples`);
  assert.equal(report.epochs.length, 100);
  const sent = messages.filter((m) => m.type === 'finding');
  assert.ok(sent.length >= 1, 'the learning-rate jump at epoch 90 gives a finding');
  assert.equal(report.findings.length, sent.length, 'no finding dropped');
  for (const f of report.findings) {
    assert.ok(f.step! >= 9_000, `${f.code} from step ${f.step}: after the jump`);
    assert.ok(report.timeline.some((p) => p.step === f.step && p.stepEnd === undefined), `step ${f.step} kept exact`);
  }
  const bytes = JSON.stringify(report).length;
  assert.ok(bytes < 2_000_000, `report of ${bytes} bytes`);
  // The timeline covers steps 0–9,999 without gaps.
  let next = 0;
  for (const p of report.timeline) {
    assert.equal(p.step, next);
    next = (p.stepEnd ?? p.step) + 1;
  }
  assert.equal(next, 10_000);
  const tensors = messages.filter((m) => m.type === 'log' && /tensors after epoch/.test(m.text)).map((m) => Number((m as { text: string }).text.split(': ')[1]));
  assert.equal(tensors.length, 2);
  assert.equal(tensors[1], tensors[0], 'tf.memory().numTensors after epoch 99 = after epoch 0');
  // The run file holds every step; read back, it is bounded the same way.
  const read = readRunFile(fs.readFileSync(runFile, 'utf8'));
  assert.equal(read.steps, 10_000);
  assert.equal(read.partial, false);
  assert.equal(read.findings.length, report.findings.length);
  assert.ok(read.timeline.length <= WATCH_DEFAULTS.maxTimelinePoints);
});

function groupMembers(pgid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, group, stat]) => Number(group) === pgid && pid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

test('Stop during a long fit ends the runner and its process group, and keeps the run file (reopens as partial)', async () => {
  const file = fixture('watch', 'long-fit.js');
  const runFile = path.join(runDir, 'stopped.jsonl');
  const messages: RunnerMessage[] = [];
  const run = startWatch({ file, backend: 'auto', every: 10 }, { runnerPath: RUNNER, timeoutMs: 240_000, runFile }, (m) => messages.push(m));
  while (run.report.stepCount < 50 && run.report.status === 'running') await new Promise((r) => setTimeout(r, 50));
  assert.equal(run.report.status, 'running', JSON.stringify(run.report.error));
  const helper = Number(messages.flatMap((m) => (m.type === 'log' ? [/helper pid (\d+)/.exec(m.text)?.[1]] : [])).find(Boolean));
  assert.ok(isAlive(helper), 'the script started its helper process');
  const report = await run.cancel();
  await assertGone(run.pid);
  for (let i = 0; i < 40 && isAlive(helper); i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(isAlive(helper), false, 'the script\'s own child is gone too');
  assert.deepEqual(groupMembers(run.pid!), [], 'nothing left in the runner\'s process group');
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'cancelled');
  assert.equal(report.partial, true);
  assert.ok(report.stepCount >= 50);
  const read = readRunFile(fs.readFileSync(runFile, 'utf8'));
  assert.equal(read.partial, true);
  assert.equal(read.end?.status, 'cancelled');
  assert.equal(read.steps, report.stepCount, 'every step the host got is in the file');
  assert.equal(read.header.file, file);
});

test('a module that exports a model but never trains it gets a clear message', async () => {
  const { report } = await watch(fixture('..', '..', '..', 'examples', 'mnist-cnn', 'model.js'));
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /model\.js builds its model in "createModel" but never trains it: Watch training follows the script's own fit\(\)/);
});

test('an exported training entry with fitDataset (and its own tf.Callback), then a trainOnBatch loop, then process.exit(0): one run', async () => {
  const { report, messages } = await watch(fixture('watch', 'variants.js'));
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.discovery, 'training-entry');
  assert.equal(report.exportName, 'train');
  assert.equal(report.stepCount, 2 * 6 + 30, 'fitDataset: 2 epochs × 6 batches, then 30 trainOnBatch steps');
  assert.deepEqual(report.epochs.map((e) => [e.epoch, e.step]), [[0, 5], [1, 11]]);
  assert.equal(report.timeline.length, 42);
  assert.ok(report.timeline.every((p, i) => p.step === i && Number.isFinite(p.loss)));
  assert.ok(messages.some((m) => m.type === 'log' && m.text === 'trained'));
  assert.ok(!messages.some((m) => m.type === 'log' && m.level === 'warn'), 'process.exit(0) ends the run quietly');
});

test('a ReLU layer that dies at the start of epoch 3 is reported dead from step 60 at its line, as the cause of the vanishing below it and of the loss climb', async () => {
  const file = fixture('watch', 'dies-later.js');
  const { report } = await watch(file);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const dead = report.findings.find((f) => f.code === 'dead-relu')!;
  assert.ok(dead, JSON.stringify(report.findings));
  assert.equal(dead.step, 60);
  assert.equal(dead.line, lineOf(file, 'DYING LAYER'));
  assert.equal(dead.severity, 'warning');
  assert.ok(!report.findings.some((f) => f.step !== undefined && f.step < 60), 'healthy before');
  const vanishing = report.findings.find((f) => f.code === 'vanishing');
  assert.equal(vanishing?.cause?.layer, dead.layer);
  const diverging = report.findings.find((f) => f.code === 'loss-diverging');
  assert.match(diverging!.message, new RegExp(`began with the dead-relu finding in ${dead.layer}`));
  assert.deepEqual([diverging!.layer, diverging!.line], [dead.layer, dead.line], 'on the layer whose finding began with the climb');
});

test('NaN first in a custom loss while watching: non-finite on the compile() line that chose the loss', async () => {
  const file = fixture('data-sites', 'sqrt-loss.js');
  const { report } = await watch(file);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const f = report.findings.find((x) => x.code === 'non-finite');
  assert.ok(f, JSON.stringify(report.findings));
  assert.equal(f.phase, 'loss');
  assert.equal(f.layer, undefined);
  assert.equal(f.file, file);
  assert.equal(f.line, lineOf(file, 'L:compile'));
});

test('NaN already in the inputs while watching: the definition the inputs were made from is related, as profile relates it', async () => {
  const file = fixture('data-sites', 'nan-inputs.js');
  const [{ report }, { report: profiled }] = await Promise.all([watch(file), profileOk(file)]);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const sites = (r: typeof profiled | typeof report) => {
    const f = r.findings.find((x) => x.code === 'non-finite');
    assert.ok(f, JSON.stringify(r.findings));
    return { line: f.line, definitions: f.related?.filter((d) => d.kind === 'definition').map((d) => [d.layer, d.file, d.line, d.message]) };
  };
  const watched = sites(report);
  assert.equal(watched.line, lineOf(file, 'L:inputs'));
  // xs = tf.tensor2d(rows.map(…)): the rows it was made from (core/valueOrigins.ts), defined two lines up.
  const inputs = lineOf(file, 'L:inputs');
  assert.deepEqual(watched.definitions, [['`rows`', file, lineOf(file, 'const rows ='), `defined here: the inputs given to fit() (line ${inputs}) are made from it`]]);
  assert.deepEqual(watched, sites(profiled), 'the same line and definitions as the profile of the same script');
});
