// The update the profiler measures (‖Δw‖/‖w‖ per layer, what learning-rate-low and the dead-ReLU cause read) is
// the update each tfjs optimizer really makes: on one linear layer with known weights and batch, the first step
// of every optimizer class is checked against its closed form. Adadelta is also checked against Zeiler's / Keras's
// closed form, which tfjs does NOT follow (rateRules.optimizerRateNote says so in learning-rate findings).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const { W0, sampleBatch } = require('../fixtures/runner/optimizers/linear.js')(() => undefined) as {
  W0: number[][];
  sampleBatch: { xs: number[][]; ys: number[][] };
};
const EPS = 1e-7; // tfjs's backend epsilon for float32 (and Keras's default)

/** The first gradient of mean squared error for y = xW: 2/(B·U) · xᵀ(xW − y), flattened row-major. */
function firstGradient(): number[] {
  const { xs, ys } = sampleBatch;
  const B = xs.length;
  const U = W0[0].length;
  const g = W0.map((row) => row.map(() => 0));
  xs.forEach((x, b) => {
    for (let u = 0; u < U; u++) {
      const residual = x.reduce((s, xi, i) => s + xi * W0[i][u], 0) - ys[b][u];
      x.forEach((xi, i) => (g[i][u] += (2 / (B * U)) * xi * residual));
    }
  });
  return g.flat();
}

/** First update per weight (its magnitude; every rule moves against g), each optimizer's update written out. */
const FIRST_STEP: Record<string, (g: number) => number> = {
  sgd: (g) => 0.1 * g, // lr·g
  momentum: (g) => 0.1 * g, // accumulation = g on the first step, lr·accumulation
  adam: (g) => (0.01 * g) / (Math.abs(g) + EPS), // bias-corrected m̂ = g, v̂ = g²: lr·g/(|g| + ε)
  adamax: (g) => (0.01 * g) / (Math.abs(g) + EPS), // m/(1 − β1) = g, u = |g|
  rmsprop: (g) => (0.01 * g) / Math.sqrt(0.1 * g * g + EPS), // mean square (1 − 0.9)·g²
  adagrad: (g) => (0.1 * g) / Math.sqrt(0.1 + g * g + EPS), // accumulator starts at 0.1
  adadelta: (g) => 1.0 * g, // tfjs: exactly lr·g (its accumulators stay equal)
};
/** Zeiler 2012 / Keras Adadelta at lr 1.0, rho 0.95: accumulate g² first, then RMS[Δx]_{t−1}/RMS[g]_t · g. */
const zeilerAdadelta = (g: number) => (Math.sqrt(EPS) / Math.sqrt(0.05 * g * g + EPS)) * g;

const ratio = (step: (g: number) => number) => {
  const delta = firstGradient().map(step);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm(delta) / norm(W0.flat());
};

const OPTIMIZERS = Object.keys(FIRST_STEP);
const FILES = OPTIMIZERS.map((name) => `${name}.js`);
const outcome = profileEach(FILES, (f) => fixture('optimizers', f), { steps: 2, backend: 'cpu' });
/** The same MLP at a far-too-high and at a usual rate under each optimizer (fixtures optimizers/high-*.js, usual-*.js). */
const RATE_FILES = OPTIMIZERS.flatMap((name) => [`high-${name}.js`, `usual-${name}.js`]);
const rated = profileEach(RATE_FILES, (f) => fixture('optimizers', f), { steps: 20, backend: 'cpu' });
const STEP_SIZE = new Set(['learning-rate-high', 'loss-diverging', 'loss-oscillating']);
const alarms = (r: ProfileReport) => r.findings.filter((f) => f.severity !== 'info');
const losses = (r: ProfileReport) => r.steps.map((s) => s.loss ?? NaN);

for (const name of Object.keys(FIRST_STEP)) {
  test(`${name}: the profiled first update ‖Δw‖/‖w‖ is the optimizer's closed form`, async () => {
    const { report } = await outcome(`${name}.js`);
    const measured = report.layers.find((l) => l.steps.length)?.steps.find((s) => s.step === 1)?.updateRatio;
    assert.ok(measured !== undefined, 'an update ratio at step 1');
    const expected = ratio(FIRST_STEP[name]);
    assert.ok(Math.abs(measured - expected) <= 1e-4 * expected, `${name}: measured ${measured}, closed form ${expected}`);
  });
}

test("adadelta: tfjs's first update is SGD's at the same rate, hundreds of times Zeiler's / Keras's", async () => {
  const { report } = await outcome('adadelta.js');
  const measured = report.layers.find((l) => l.steps.length)!.steps.find((s) => s.step === 1)!.updateRatio!;
  const keras = ratio(zeilerAdadelta);
  assert.ok(measured > 100 * keras, `tfjs ${measured} vs Keras ${keras}`);
});

for (const name of OPTIMIZERS) {
  test(`${name}: a far-too-high rate gets a step-size finding on the MLP, its usual rate none`, async () => {
    const high = (await rated(`high-${name}.js`)).report;
    assert.ok(alarms(high).some((f) => STEP_SIZE.has(f.code)), `high-${name}: ${findingSummary(high)}`);
    const usual = (await rated(`usual-${name}.js`)).report;
    assert.deepEqual(alarms(usual), [], `usual-${name}: ${findingSummary(usual)}`);
  });
}

test("adadelta: tfjs's Adadelta at a rate trains exactly as SGD at that rate (the same loss at every profiled step)", async () => {
  for (const [adadelta, sgd] of [['high-adadelta.js', 'high-sgd.js'], ['usual-adadelta.js', 'usual-sgd.js']]) {
    const a = losses((await rated(adadelta)).report);
    const b = losses((await rated(sgd)).report);
    assert.equal(a.length, 21);
    a.forEach((loss, i) => assert.ok(Object.is(loss, b[i]) || Math.abs(loss - b[i]) <= 1e-6 * Math.abs(b[i]), `${adadelta} step ${i}: ${loss} vs ${b[i]}`));
  }
  // The step-size finding under Adadelta says why (here loss-diverging: SGD at 0.5 diverges on this batch).
  const high = alarms((await rated('high-adadelta.js')).report).filter((f) => STEP_SIZE.has(f.code));
  assert.ok(high.length > 0 && high.every((f) => /Adadelta steps exactly learning rate × gradient/.test(f.message)), findingSummary((await rated('high-adadelta.js')).report));
});
