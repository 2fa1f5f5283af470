// learning-rate-high from the closed form of a quadratic loss, on real profiles (test/fixtures/runner/rates/curvature-*):
// a linear regression whose unshuffled first batch holds only the small inputs. SGD 0.01 (1.35× the stable rate over
// all rows) must fire on the optimizer line although the profiled batch's loss falls; 0.004 on the same batches and
// full-batch descent at 0.9× the bound (both train, checked by training the fixtures) must stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';
import type { RunnerMessage } from '../../src/core/protocol';

const probeOf = (messages: RunnerMessage[], kind: string) => messages.find((m): m is Extract<RunnerMessage, { type: 'probe' }> => m.type === 'probe' && m.kind === kind);

const FIX = (f: string) => fixture('rates', f);
const outcome = profileEach(['curvature-high.js', 'curvature-near.js', 'curvature-full-batch.js', 'exact-line-nesterov.js', 'noisy-line-nesterov.js'], FIX, { steps: 20, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const serious = (r: ProfileReport) => r.findings.filter((f) => f.severity !== 'info');

test('SGD 0.01 past 2/λmax of all the rows: learning-rate-high on the optimizer line with λmax ≈ 269.5, though the profiled batch trains', async () => {
  const high = await report('curvature-high.js');
  assert.ok(high.steps[20].loss < 0.1 * high.steps[0].loss, 'on the first 32 rows the loss falls');
  const found = serious(high);
  assert.deepEqual(found.map((f) => f.code), ['learning-rate-high'], findingSummary(high));
  assert.equal(found[0].file, FIX('curvature-model.js'));
  assert.equal(found[0].line, lineOf(FIX('curvature-model.js'), 'L:optimizer'));
  const [, lambda, limit] = /over the 101 rows the script trains on its largest curvature is λmax = ([\d.]+), and gradient descent is stable only below a rate of 2\/λmax = ([\d.e-]+)\./.exec(found[0].message) ?? [];
  assert.ok(Math.abs(Number(lambda) - 269.5) < 1, found[0].message);
  assert.ok(Math.abs(Number(limit) - 7.4e-3) < 1e-4, found[0].message);
});

test('near misses: 0.004 on the same batches and full-batch descent at 0.9× the bound train — no learning-rate-high', async () => {
  for (const near of ['curvature-near.js', 'curvature-full-batch.js']) {
    const r = await report(near);
    assert.equal(r.status, 'done');
    assert.deepEqual(serious(r), [], `${near}: ${findingSummary(r)}`);
  }
});

test('Nesterov momentum on rows a line fits exactly (dl4j #3346 at s = 0.001): the curvature and the exact fit are measured, no learning-rate-high', async () => {
  const exact = await outcome('exact-line-nesterov.js');
  assert.equal(exact.report.status, 'done');
  const curvature = probeOf(exact.messages, 'curvature');
  assert.equal(curvature?.nesterov, true, 'Nesterov momentum is measured in closed form');
  assert.ok(curvature && Math.abs(curvature.losses[0] - 2.534) < 0.01, `λmax over the 1,000 rows: ${curvature?.losses}`);
  assert.ok(Math.abs(curvature.losses[1] - 2 * (0.999 ** 2 + 1)) < 1e-3, `the largest row's curvature: ${curvature.losses}`);
  const fit = probeOf(exact.messages, 'linear');
  assert.ok(fit && 1 - fit.losses[0] <= 1000 * 2 ** -24, `R² ${fit?.losses}`);
  assert.deepEqual(serious(exact.report).map((f) => f.code), [], findingSummary(exact.report));
  // The near miss: the same plan off the line by ±0.5 leaves a residual, so the horizon rule is not overruled.
  const noisy = await outcome('noisy-line-nesterov.js');
  const noisyFit = probeOf(noisy.messages, 'linear');
  assert.ok(noisyFit && Math.abs(noisyFit.losses[0] - 0.893) < 0.01, `R² ${noisyFit?.losses}`);
});
