// The plan-end verdict in `gradient-lens watch --json` (core/planEndRule.ts, runner/watchNoInput.ts; docs/rules/
// loss-not-decreasing.md): XOR under logistic regression runs its whole plan to ln 2, the loss of predicting the labels'
// mean — a warning at the rate line; its near miss with a hidden layer trains below it (quiet); the same plan cut by
// --max-steps is not judged (the plan would have gone on).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { WatchReport } from '../../src/core/watchReport';
import { cli, fixture, lineOf } from './helpers';

async function watchJson(file: string, ...extra: string[]): Promise<WatchReport> {
  const result = await cli(['watch', file, '--json', '--fail-on', 'none', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return parseWithNonFinite(result.stdout) as WatchReport;
}

const planEnd = (r: WatchReport) => r.findings.filter((f) => f.code === 'loss-not-decreasing' && /ran to its end/.test(f.message));

test('XOR under logistic regression: the 400-step plan ends at ln 2, the no-input loss — a warning on the rate line', async () => {
  const file = fixture('plan-end', 'xor-logistic.js');
  const report = await watchJson(file);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.stepCount, 400);
  const last = report.timeline[report.timeline.length - 1].loss;
  assert.ok(Math.abs(last - Math.log(2)) < 0.01, `ends at ln 2: ${last}`);
  const [f] = planEnd(report);
  assert.ok(f, JSON.stringify(report.findings));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(file, 'RATE'));
  assert.match(f.message, /not 5 % below 0\.693, the loss of a prediction that reads no input \(binaryCrossentropy of every row predicted as the labels' mean/);
});

test('near miss: a hidden layer of 8 tanh units on the same XOR rows trains far below ln 2 — no plan-end warning', async () => {
  const report = await watchJson(fixture('plan-end', 'xor-hidden.js'));
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const last = report.timeline[report.timeline.length - 1].loss;
  assert.ok(last < 0.5 * Math.log(2), `trains: ${last}`);
  assert.deepEqual(planEnd(report), []);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), []);
});

test('near miss: the logistic plan cut at 100 steps by --max-steps is not judged — the plan would have gone on', async () => {
  const report = await watchJson(fixture('plan-end', 'xor-logistic.js'), '--max-steps', '100');
  assert.equal(report.stepCount, 100);
  assert.deepEqual(planEnd(report), []);
});
