// learning-rate-low measured over the script's plan (src/core/ratePlanReach.ts). The oracle is the closed form of
// gradient descent on a quadratic: along an eigen-direction of curvature λ the error after k steps at rate η is
// (1 − ηλ)^k of the start's, so the loss's excess is (1 − ηλ)^(2k) of it. The runs below are built from it — the plan
// at the model's rate and at ten times it — and the verdict must agree with what the closed form says of the plan.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fastRunNeeded, planReachFinding, planReachRuns, type PlanReachRun } from '../../src/core/ratePlanReach';
import { PREVIEW_MIN_STEPS } from '../../src/core/plateau';

const rateSite = { file: '/m.js', line: 12, column: 19 };
const planSite = { file: '/m.js', line: 30, column: 1 };

/** Gradient descent on ½ Σ λᵢ eᵢ² (+ floor) for k steps, iterated (not the closed form), from errors `e0`. */
function descend(lambdas: number[], e0: number[], rate: number, steps: number, floor = 0): number[] {
  const loss = (e: number[]) => floor + 0.5 * e.reduce((s, x, i) => s + lambdas[i] * x * x, 0);
  let e = [...e0];
  const start = loss(e);
  for (let k = 0; k < steps; k++) e = e.map((x, i) => x - rate * lambdas[i] * x);
  return [start, loss(e)];
}

/** The two runs of a plan of `steps` at `rate` and ten times it, with the uninformed guess's loss. */
const runs = (lambdas: number[], e0: number[], rate: number, steps: number, guess: number, floor = 0): PlanReachRun[] => [
  { factor: 1, losses: descend(lambdas, e0, rate, steps, floor), baseline: guess, steps },
  { factor: 10, losses: descend(lambdas, e0, 10 * rate, steps, floor), baseline: guess, steps },
];

test('the iterated descent matches the closed form (1 − ηλ)^(2k) per direction', () => {
  const [start, end] = descend([1, 0.3], [3, -2], 0.01, 250);
  const closed = 0.5 * (1 * 9 * (1 - 0.01) ** 500 + 0.3 * 4 * (1 - 0.003) ** 500);
  assert.ok(Math.abs(end - closed) < 1e-12 * start, `${end} vs ${closed}`);
});

// The Straight Dope's linear regression (held-out 14's sd6-gd-bs10-lr0002, now tuned): Hessian ≈ I, an N(0, 1) start
// ≈ 4.5 from y = 2x₁ − 3.4x₂ + 4.2, the mean's loss ≈ var(y)/2 = 7.8; SGD 0.002 over 300 steps.
const SD6 = { lambdas: [1, 1, 1], e0: [2.4, -2.6, 4.2], guess: 7.8 };

test('SGD 0.002 over a 300-step plan: ηλk = 0.6, the plan leaves (0.998)^600 = 0.30 of the start, above half the guess — fires', () => {
  const plan = runs(SD6.lambdas, SD6.e0, 0.002, 300, SD6.guess);
  const closedEnd = plan[0].losses[0] * 0.998 ** 600;
  assert.ok(Math.abs(plan[0].losses[1] - closedEnd) < 1e-9 * closedEnd);
  assert.ok(plan[0].losses[1] >= SD6.guess / 2 && plan[1].losses[1] < SD6.guess / 2, 'the closed form says: own above half the guess, ×10 below');
  const finding = planReachFinding(plan, { plannedSteps: 300, rateSite, planSite, slowExplained: false });
  assert.equal(finding?.code, 'learning-rate-low');
  assert.equal(finding?.severity, 'warning');
  assert.deepEqual(finding?.location, rateSite);
  assert.deepEqual(finding?.related?.map((r) => [r.kind, r.location?.line]), [['plan', 30]]);
  assert.match(finding!.message, /its 300 planned steps, .* take the loss 15 → 4.5, .*labels' mean .* scores 7.8: the plan ends before the model has learned half/);
});

test('near misses: the plan trains at the own rate, ten times the rate leaves the flow, or another finding explains the slow loss — quiet', () => {
  // 0.02 over the same plan: ηλk = 6 time constants, the plan ends at 6e-6 of the start.
  assert.equal(planReachFinding(runs(SD6.lambdas, SD6.e0, 0.02, 300, SD6.guess), { plannedSteps: 300, slowExplained: false }), undefined);
  // The same rate over a plan of 3,000 steps: ηλk = 6.
  assert.equal(planReachFinding(runs(SD6.lambdas, SD6.e0, 0.002, 3000, SD6.guess), { plannedSteps: 3000, slowExplained: false }), undefined);
  // ηλ = 0.25: ten times it is 2.5 > 2, past gradient descent's stable range — the ×10 run diverges and stands for nothing.
  const unstable = runs([1], [3], 0.25, 2, 10);
  assert.ok(unstable[1].losses[1] > unstable[1].losses[0]);
  assert.equal(planReachFinding(unstable, { plannedSteps: 2, slowExplained: false }), undefined);
  // A floor the guess sits near (inputs that carry little): ten times the rate cannot get below half the guess either.
  assert.equal(planReachFinding(runs([1], [1], 0.0001, 300, 5, 4.5), { plannedSteps: 300, slowExplained: false }), undefined);
  // Fires on its own, but a gradient-flow finding explains the slow loss first; no guess known; no plan.
  const plan = runs(SD6.lambdas, SD6.e0, 0.002, 300, SD6.guess);
  assert.equal(planReachFinding(plan, { plannedSteps: 300, slowExplained: true }), undefined);
  assert.equal(planReachFinding(plan.map(({ baseline: _b, ...r }) => r), { plannedSteps: 300, slowExplained: false }), undefined);
  assert.equal(planReachFinding(plan, { plannedSteps: undefined, slowExplained: false }), undefined);
});

test('the runs compress the plan as the preview does, and only for a slow profiled loss under SGD or momentum', () => {
  const slow = [10, 9.8, 9.6, 9.4];
  assert.deepEqual(planReachRuns(slow, 300, 'SGD', 2500), { steps: 300, factor: 1 });
  assert.deepEqual(planReachRuns(slow, 10_000, 'Momentum', 2500), { steps: 2500, factor: 4 });
  assert.equal(planReachRuns(slow, 300, 'Adam', 2500), undefined, "Adam's moments keep time in steps, not in η·t");
  assert.equal(planReachRuns([10, 6, 4.9], 300, 'SGD', 2500), undefined, 'the loss fell by half in the profiled steps');
  assert.equal(planReachRuns(slow, undefined, 'SGD', 2500), undefined, 'no plan');
  assert.equal(planReachRuns(slow, PREVIEW_MIN_STEPS - 1, 'SGD', 2500), undefined, 'a plan shorter than the preview allows');
});

test('the ten-times run is made only when the own run leaves the verdict open: never where the verdict is quiet without it', () => {
  // The own run decides whenever it ends below half the guess (the plan trains) or leaves the flow: no ×10 run can fire.
  for (const [rate, steps] of [[0.02, 300], [0.002, 3000], [0.002, 300]] as const) {
    const plan = runs(SD6.lambdas, SD6.e0, rate, steps, SD6.guess);
    const needed = fastRunNeeded(plan[0]);
    assert.equal(needed, plan[0].losses[1] >= SD6.guess / 2, `${rate} × ${steps}`);
    if (!needed) for (const fast of [plan[1], { ...plan[1], losses: [1, 1e-9] }]) assert.equal(planReachFinding([plan[0], fast], { plannedSteps: steps, slowExplained: false }), undefined);
  }
  assert.equal(fastRunNeeded({ factor: 1, losses: [3, 9], baseline: 10, steps: 2 }), false, 'left the flow (rose above its start)');
  assert.equal(fastRunNeeded({ factor: 1, losses: [15, 9], steps: 300 }), false, 'no guess known');
});
