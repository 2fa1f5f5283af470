// learning-rate-low measured over the script's plan (core/ratePlanReach.ts, runner/planReach.ts) on a quadratic loss whose
// plan end is known in closed form (test/fixtures/runner/rates/reach-model.js): SGD 0.0005 over 300 planned steps fires on
// the optimizer's line; the same plan at 0.05 stays quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { RunnerMessageOf } from '../../src/core/protocol';

const FIX = (f: string) => fixture('rates', f);
const outcome = profileEach(['reach-low.js', 'reach-good.js'], FIX, { steps: 20, backend: 'wasm' });
const reachProbes = (messages: readonly { type: string }[]) => messages.filter((m): m is RunnerMessageOf<'probe'> => m.type === 'probe' && (m as RunnerMessageOf<'probe'>).kind === 'reach');

test('SGD 0.0005 over 300 planned steps: the plan ends above half the mean-prediction loss, ten times the rate near 0 — learning-rate-low on the optimizer line', async () => {
  const { report, messages } = await outcome('reach-low.js');
  const found = report.findings.filter((f) => f.code === 'learning-rate-low' && f.severity === 'warning');
  assert.equal(found.length, 1, findingSummary(report));
  assert.equal(found[0].file, FIX('reach-model.js'));
  assert.equal(found[0].line, lineOf(FIX('reach-model.js'), 'L:optimizer'));
  assert.match(found[0].message, /its 300 planned steps, .* the plan ends before the model has learned half/);
  const [own, fast] = reachProbes(messages);
  assert.deepEqual([own.factor, fast.factor, own.every], [1, 10, 300]);
  // Closed form (every eigenvalue ≈ 2; noise-free targets, so the floor is 0): the loss left is (1 − 2η)^(2k) of the
  // start's — 0.999^600 = 0.55 at η = 0.0005, k = 300, and 0.99^600 = 0.0024 at ten times the rate.
  const left = own.losses[1] / own.losses[0];
  assert.ok(left > 0.45 && left < 0.65, `own rate leaves ${left} of the start (closed form ≈ 0.55)`);
  const fastLeft = fast.losses[1] / fast.losses[0];
  assert.ok(fastLeft > 0.0012 && fastLeft < 0.005, `ten times the rate leaves ${fastLeft} (closed form ≈ 0.0024)`);
});

test('SGD 0.05 over the same plan: quiet (the plan trains the model)', async () => {
  const { report, messages } = await outcome('reach-good.js');
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(report));
  // The profiled batch's loss falls by more than half in 20 steps at 0.05 ((1 − 0.1)^40 ≈ 0.015): the plan probe does not run.
  assert.deepEqual(reachProbes(messages), []);
});
