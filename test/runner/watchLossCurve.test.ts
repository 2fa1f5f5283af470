// Watch training judges the whole run's loss curve when the run ends, with the profile's loss-curve rules
// (core/lossCurveRules.ts): a fit flat for its whole run warns, on the optimizer's line, whether it ran to its end
// or was stopped; one that falls slowly but steadily says nothing; a full-batch fit that bounces step to step
// oscillates, as the profile of the same model says.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startWatch } from '../../src/host/client';
import type { WatchRequest } from '../../src/core/protocol';
import type { WatchReport } from '../../src/core/watchReport';
import { assertGone, fixture, lineOf, pool, profileOk, RUNNER } from './helpers';

const CURVE = fixture('watch', 'loss-curve.js');
const BOUNCING = fixture('watch', 'bouncing.js');

async function watch(file: string, request: Partial<WatchRequest> = {}, stopAt?: number): Promise<WatchReport> {
  let stopped = false;
  const run = startWatch({ file, backend: 'wasm', every: 50, ...request }, { runnerPath: RUNNER, timeoutMs: 120_000 }, (m) => {
    if (stopAt !== undefined && !stopped && m.type === 'watchSteps' && m.steps.some((s) => s.step >= stopAt)) {
      stopped = true;
      void run.cancel();
    }
  });
  const report = await run.result;
  await assertGone(run.pid);
  return report;
}

const RUNS: { file: string; request: Partial<WatchRequest>; stopAt?: number }[] = [
  { file: CURVE, request: { scriptArgs: ['1e-7'] } },
  // 50 epochs (1,000 steps) so the Stop sent at step 50 lands long before the run could end by itself: with 100 steps
  // a loaded machine let the run finish first (clean-clone CI, load 12).
  { file: CURVE, request: { scriptArgs: ['1e-7', '50'] }, stopAt: 50 },
  { file: CURVE, request: { scriptArgs: ['0.005'] } },
  // Cut by maxSteps at 50, and at 70 and 84, where equal windows of steps aliased this unshuffled fixture's repeating
  // batch order into loss-oscillating (the curve is now judged on whole epochs' worth of steps: lossCurveEpochs.test.ts).
  { file: CURVE, request: { scriptArgs: ['0.005'], maxSteps: 50 } },
  { file: BOUNCING, request: {} },
  { file: CURVE, request: { scriptArgs: ['0.005'], maxSteps: 70 } },
  { file: CURVE, request: { scriptArgs: ['0.005'], maxSteps: 84 } },
];
const runs = pool(RUNS, 2, ({ file, request, stopAt }) => watch(file, request, stopAt));
const curveFindings = (r: WatchReport) => r.findings.filter((f) => f.code === 'loss-not-decreasing' || f.code === 'loss-oscillating');

test('SGD at 1e-7, flat for its whole run of 100 steps: loss-not-decreasing warns at the end, on the optimizer line', async () => {
  const [report] = await runs;
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 100);
  const epochLoss = report.epochs.map((e) => e.logs.loss);
  assert.ok(Math.abs(epochLoss[4] - epochLoss[0]) / epochLoss[0] < 1e-3, `flat: ${epochLoss.join(', ')}`);
  const [finding, ...rest] = curveFindings(report);
  assert.deepEqual(rest, []);
  assert.deepEqual([finding?.code, finding?.severity, finding?.step, finding?.file, finding?.line], ['loss-not-decreasing', 'warning', 99, CURVE, lineOf(CURVE, 'L:optimizer')]);
  assert.match(finding.message, /^The loss is stuck: it stays at \S+ \(range \S+\) over the whole run: 100 steps, as the means of 21 windows of 20 steps \(one epoch each: fit\(\) repeats the same batches in the same order every 20 steps, so windows differ by training alone\)\./);
});

test('the same run stopped at step 50: the same warning on the steps it measured', async () => {
  const report = (await runs)[1];
  assert.equal(report.error?.kind, 'cancelled');
  assert.equal(report.partial, true);
  assert.ok(report.stepCount >= 51 && report.stepCount < 1000, `stopped after ${report.stepCount} steps`);
  const [finding] = curveFindings(report);
  assert.deepEqual([finding?.severity, finding?.step, finding?.line], ['warning', report.lastStep, lineOf(CURVE, 'L:optimizer')]);
});

/** Findings other than the run-wide note that overfitting cannot be judged without validation data (info, overfittingRule.ts). */
const saying = (report: { findings: { code: string; severity: string }[] }) => report.findings.filter((f) => !(f.code === 'overfitting' && f.severity === 'info'));

test('near miss: SGD at 0.005 falls slowly but steadily (epoch means −25 %), run to its end or stopped at step 50, 70 or 84: nothing to say', async () => {
  const [, , whole, stopped, , at70, at84] = await runs;
  for (const [cut, steps] of [[at70, 70], [at84, 84]] as const) {
    assert.equal(cut.stepCount, steps);
    assert.deepEqual(saying(cut), [], `cut at ${steps}`);
  }
  assert.equal(whole.status, 'done', JSON.stringify(whole.error));
  const epochLoss = whole.epochs.map((e) => e.logs.loss);
  assert.ok(epochLoss.every((l, i) => i === 0 || l < epochLoss[i - 1]) && epochLoss[4] < 0.8 * epochLoss[0] && epochLoss[4] > 0.5 * epochLoss[0], `slow and steady: ${epochLoss.join(', ')}`);
  assert.deepEqual(saying(whole), []);
  assert.equal(stopped.stepCount, 50);
  assert.deepEqual(saying(stopped), []);
});

test('a full-batch fit bouncing under heavy momentum: loss-oscillating at the end of the run, as its profile says, on the optimizer line', async () => {
  const report = (await runs)[4];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 20);
  const [finding, ...rest] = curveFindings(report);
  assert.deepEqual(rest, []);
  assert.deepEqual([finding?.code, finding?.severity, finding?.line], ['loss-oscillating', 'warning', lineOf(BOUNCING, 'L:optimizer')]);
  assert.match(finding.message, /^The loss oscillates over the run: it changed direction \d+ times in 19 steps, .* On the same batch this is the optimizer overshooting/);
  const { report: profiled } = await profileOk(BOUNCING, { steps: 20, backend: 'wasm' });
  assert.deepEqual(
    profiled.findings.filter((f) => f.code === 'loss-oscillating').map((f) => [f.severity, f.line]),
    [['warning', lineOf(BOUNCING, 'L:optimizer')]],
  );
});
