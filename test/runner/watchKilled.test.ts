// A watched runner killed without its grace period (SIGKILL here; the memory limit and a crash end it the same
// way) judges nothing itself: the host judges the run's whole loss curve on the steps it received, with the
// runner's own rules (core/watchEnd.ts), and reports it as partial — the verdict a Stop at that step gives
// (watchLossCurve.test.ts). Killed for real, mid-training: by SIGKILL, and by the host's memory limit.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWatch } from '../../src/host/client';
import type { WatchReport } from '../../src/core/watchReport';
import { assertGone, fixture, lineOf, RUNNER } from './helpers';

const CURVE = fixture('watch', 'loss-curve.js');

async function killedAt(rate: string, step: number, runFile?: string): Promise<WatchReport> {
  let killed = false;
  const run = startWatch({ file: CURVE, backend: 'wasm', every: 50, scriptArgs: [rate] }, { runnerPath: RUNNER, timeoutMs: 120_000, runFile }, (m) => {
    if (!killed && m.type === 'watchSteps' && m.steps.some((s) => s.step >= step)) {
      killed = true;
      process.kill(run.pid!, 'SIGKILL');
    }
  });
  const report = await run.result;
  await assertGone(run.pid);
  assert.ok(killed, 'the runner was killed');
  return report;
}

test('SGD at 1e-7 (flat), runner SIGKILLed at step 50: partial, and loss-not-decreasing warns on the steps received, on the optimizer line', async () => {
  const runFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-killed-')), 'run.jsonl');
  const report = await killedAt('1e-7', 50, runFile);
  assert.deepEqual([report.status, report.error?.kind, report.partial], ['failed', 'crashed', true]);
  assert.match(report.error!.message, /signal SIGKILL/);
  assert.ok(report.stepCount >= 51 && report.stepCount < 100, `killed after ${report.stepCount} steps`);
  const curve = report.findings.filter((f) => f.code === 'loss-not-decreasing' || f.code === 'loss-oscillating');
  assert.deepEqual(
    curve.map((f) => [f.code, f.severity, f.step, f.file, f.line]),
    [['loss-not-decreasing', 'warning', report.lastStep, CURVE, lineOf(CURVE, 'L:optimizer')]],
  );
  assert.match(curve[0].message, new RegExp(`^The loss is stuck: .* over the whole run: ${report.stepCount} steps, as the means of 21 windows`));
  // The run file keeps the verdict too (it is what Compare runs and Open stored run read).
  assert.match(fs.readFileSync(runFile, 'utf8'), /"code":"loss-not-decreasing"/);
});

test('near miss: SGD at 0.005 (slow but steady), SIGKILLed at step 50: partial, not called stuck', async () => {
  const report = await killedAt('0.005', 50);
  assert.deepEqual([report.error?.kind, report.partial], ['crashed', true]);
  // Where the kill lands depends on the machine's pace: whatever the cut, a slow, steady fall is not stuck, and no error
  // (cuts at every length are replayed in lossCurveEpochs.test.ts).
  assert.deepEqual(report.findings.filter((f) => f.code === 'loss-not-decreasing' || f.severity === 'error'), [], `killed after ${report.stepCount} steps`);
});

test('the memory limit ends a leaking runner mid-training: out-of-memory, partial, and the flat run still warns on the optimizer line', async () => {
  const file = fixture('watch', 'grows-after.js');
  const run = startWatch({ file, backend: 'wasm', every: 50 }, { runnerPath: RUNNER, timeoutMs: 120_000, memoryLimitMb: 1024 });
  const report = await run.result;
  await assertGone(run.pid);
  assert.deepEqual([report.error?.kind, report.partial], ['out-of-memory', true], JSON.stringify(report.error));
  assert.ok(report.stepCount > 50 && report.stepCount < 100, `stopped after ${report.stepCount} steps`);
  const curve = report.findings.filter((f) => f.code === 'loss-not-decreasing');
  assert.deepEqual(curve.map((f) => [f.severity, f.step, f.line]), [['warning', report.lastStep, lineOf(file, 'L:optimizer')]]);
});
