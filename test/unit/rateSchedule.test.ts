// A learning-rate schedule set in the script's fit() callbacks, as the rules read it (src/core/rateSchedule.ts): the plan's
// length in profiled steps is its gradient-flow time (Σ η) over the profiled steps' — a closed form checked on constant,
// inverse-scaling (scikit-learn's invscaling: η₀/√(t+1), t samples seen) and step-decay schedules — and learning-rate-low
// under a schedule: the same profile and probe that a constant-rate plan outlasts (info) is a warning on the callback's line
// when the schedule cuts the plan's time, and stays info under a step decay that keeps most of it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { keptShare, planInProfiledSteps } from '../../src/core/rateSchedule';
import { PROBE_FACTOR, rateFindings } from '../../src/core/rateRules';
import { planReachFinding } from '../../src/core/ratePlanReach';
import type { StepRecord } from '../../src/core/health';
import type { RateScheduleSummary } from '../../src/core/protocol';

const rateSite = { file: '/m.js', line: 30, column: 19 };
const hookSite = { file: '/m.js', line: 36, column: 15 };
const planSite = { file: '/m.js', line: 50, column: 1 };

/** A schedule summary of per-step rate factors (rate ÷ the starting rate), as runner/rateSchedule.ts scheduleSummary makes it. */
function summary(factors: number[], base = 0.2, earlySteps = 81): RateScheduleSummary {
  const planTime = factors.reduce((a, b) => a + b, 0);
  return { hook: 'onEpochEnd', first: base * factors[0], last: base * factors[factors.length - 1], planTime, early: factors.slice(0, earlySteps), site: hookSite };
}

/** scikit-learn's invscaling with one full-batch step an epoch of 150 rows: step t's rate is η₀ / √(150 t + 1). */
const invScaling = (steps: number) => Array.from({ length: steps }, (_, t) => 1 / Math.sqrt(150 * t + 1));
/** A step decay: `perEpoch` steps an epoch, the rate × `cut` from epoch `at` on (the nzh-* notebooks: 0.1 → 0.01 at epoch 18 of 35). */
const stepDecay = (epochs: number, perEpoch: number, at: number, cut: number) => Array.from({ length: epochs * perEpoch }, (_, t) => (Math.floor(t / perEpoch) >= at ? cut : 1));

test('a constant schedule: the plan is its planned steps', () => {
  const constant = summary(Array.from({ length: 400 }, () => 1));
  assert.equal(planInProfiledSteps(constant, 20), 400);
  assert.equal(keptShare(constant, 400), 1);
});

test('inverse scaling over 400 epochs: n × Σ_plan η ÷ Σ_{t<n} η — about 52 of the 20 profiled steps, 1 % of the time at η₀', () => {
  const factors = invScaling(400);
  const plan = factors.reduce((a, b) => a + b, 0);
  const profiled = factors.slice(0, 20).reduce((a, b) => a + b, 0);
  const length = planInProfiledSteps(summary(factors), 20)!;
  assert.ok(Math.abs(length - (20 * plan) / profiled) < 1e-9);
  // Σ_{t<400} 1/√(150t+1) ≈ 1 + (2/150)(√(150·399) − √150) ≈ 4.1 (the integral's bound), Σ_{t<20} ≈ 1.6.
  assert.ok(length > 45 && length < 60, `${length}`);
  assert.ok(keptShare(summary(factors), 400) < 0.012);
  // Profiled past the early rates carried: the last of them stands for the rest.
  assert.ok(Math.abs(planInProfiledSteps(summary(factors, 0.2, 10), 20)! - (20 * plan) / (factors.slice(0, 10).reduce((a, b) => a + b, 0) + 10 * factors[9])) < 1e-9);
});

test('a step decay in a later epoch: the profiled steps (epoch 1) pace the plan at full rate until the cut', () => {
  const factors = stepDecay(35, 100, 18, 0.1);
  assert.ok(Math.abs(planInProfiledSteps(summary(factors), 20)! - (1800 + 1700 * 0.1)) < 1e-9);
});

// Profiled steps as rateRules.test.ts builds them: a slow loss at tiny updates, and the ×10 probe much further.
const linear = (from: number, perStep: number, n = 20) => Array.from({ length: n + 1 }, (_, i) => from - perStep * i);
const steps = (losses: number[], updateRatio: number): StepRecord[] =>
  losses.map((loss, i) => ({ step: i, loss, layers: [{ name: 'd1', gradNorm: 0.5, ...(i ? { updateRatio } : {}), weights: [{ name: 'd1/kernel', gradNorm: 0.5, meanAbs: 0.06, maxAbs: 0.5, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 4, ratio: 0.125, histogram: [] }] }] }));
// iris under SGD 0.2 with invscaling (bench skl-iris-invscaling): 1.07 → 1.016 in 20 steps at ‖Δw‖/‖w‖ 5e-4; ×10 reaches 0.8.
const slow = steps(linear(1.07, 0.0027), 5e-4);
const probe = { factor: PROBE_FACTOR, losses: linear(1.07, 0.027, 10) };

test('learning-rate-low: the pace a 400-step constant plan outlasts (info) is a warning under inverse scaling, on the callback line', () => {
  const context = { probes: [probe], rateSite, slowExplained: false, plannedSteps: 400, planSite };
  const [constant] = rateFindings(slow, context);
  assert.equal(constant?.severity, 'info', constant?.message);
  const [decayed] = rateFindings(slow, { ...context, schedule: summary(invScaling(400)) });
  assert.equal(decayed?.code, 'learning-rate-low');
  assert.equal(decayed.severity, 'warning');
  assert.deepEqual(decayed.location, hookSite);
  assert.deepEqual(decayed.related?.map((r) => r.location), [rateSite, planSite]);
  assert.match(decayed.message, /at its own schedule's rates, the time of 5\d of the profiled steps/);
  assert.match(decayed.message, /the rate 0\.2 → 8\.2e-4, set by onEpochEnd at line 36/);
});

test('near miss: a step decay that keeps most of the plan (÷10 at epoch 18 of 35) stays info', () => {
  const [finding] = rateFindings(slow, { probes: [probe], rateSite, slowExplained: false, plannedSteps: 3500, planSite, schedule: summary(stepDecay(35, 100, 18, 0.1)) });
  assert.equal(finding?.severity, 'info', finding?.message);
  assert.deepEqual(finding.location, hookSite);
});

test('learning-rate-low over the plan under a schedule: on the callback line, saying both runs followed it', () => {
  const runs = [
    { factor: 1, losses: [1.07, 0.96], baseline: 1.0986, steps: 400 },
    { factor: PROBE_FACTOR, losses: [1.07, 0.2], baseline: 1.0986, steps: 400 },
  ];
  const plain = planReachFinding(runs, { plannedSteps: 400, rateSite, planSite, slowExplained: false });
  assert.deepEqual(plain?.location, rateSite);
  assert.match(plain!.message, /Raise the learning rate/);
  const found = planReachFinding(runs, { plannedSteps: 400, rateSite, planSite, slowExplained: false, schedule: summary(invScaling(400)) });
  assert.deepEqual(found?.location, hookSite);
  assert.deepEqual(found?.related?.map((r) => r.location), [rateSite, planSite]);
  assert.match(found!.message, /Both runs follow the script's own schedule: the rate 0\.2 → 8\.2e-4, set by onEpochEnd at line 36, which keeps 1(\.\d)? % of the time/);
  assert.match(found!.message, /decay it more slowly/);
});
