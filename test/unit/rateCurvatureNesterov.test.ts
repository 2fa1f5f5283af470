// The quadratic loss's closed form under tfjs's Nesterov momentum, and the horizon reading it overrules
// (core/rateCurvature.ts, runner/curvatureProbe.ts): the stable range 2(1 + β)/((1 + 2β)λmax) and the growth per step are
// checked against tfjs's own optimizer stepping a one-weight quadratic; the horizon's "bounces around a higher level" is
// withheld for a linear model under MSE whose rows a line fits exactly, at a rate inside the stable range of every batch
// (the largest row's curvature) — and only there (a residual, a rate past either bound, two target columns, no curvature).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { growthPerStep, settlesExactly, stableRateLimit } from '../../src/core/rateCurvature';
import { evaluateHealth } from '../../src/core/health';
import { HORIZON_EVERY, HORIZON_FACTOR } from '../../src/core/rateHorizon';
import { curvatureOfLinearModel } from '../../src/runner/curvatureProbe';
import type { Curvature, StepRecord } from '../../src/core/healthModel';
import type { LayerInfo } from '../../src/core/protocol';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;

/** tfjs's Momentum optimizer (Nesterov) stepping L(w) = λw²/2 from w = 1: |w| after `steps` steps. */
function trainedWeight(lambda: number, rate: number, beta: number, steps: number): number {
  const w = tf.variable(tf.scalar(1));
  const optimizer = tf.train.momentum(rate, beta, true);
  for (let i = 0; i < steps; i++) optimizer.minimize(() => tf.mul(lambda / 2, tf.square(w)) as tf.Scalar);
  const value = Math.abs(w.dataSync()[0]);
  optimizer.dispose();
  w.dispose();
  return value;
}

test("Nesterov's stable range 2(1 + β)/((1 + 2β)λmax) is where tfjs's own Nesterov steps stop converging", async () => {
  assert.ok(await tf.setBackend('cpu'));
  const nesterov = { lambdaMax: 4, momentum: 0.9, nesterov: true };
  const limit = stableRateLimit(nesterov);
  assert.ok(Math.abs(limit - (2 * 1.9) / (2.8 * 4)) < 1e-12, `${limit}`);
  assert.ok(limit < stableRateLimit({ lambdaMax: 4, momentum: 0.9 }), 'tighter than heavy ball at the same β');
  // At the bound the polynomial has a root at −1; the growth per step is that root's modulus.
  assert.ok(Math.abs(growthPerStep({ ...nesterov, learningRate: limit }) - 1) < 1e-9);
  // tfjs steps the quadratic: 5 % below the bound it shrinks, 5 % above it grows — at the closed form's pace.
  for (const share of [0.95, 1.05]) {
    const rate = share * limit;
    const growth = growthPerStep({ ...nesterov, learningRate: rate });
    const after = trainedWeight(4, rate, 0.9, 400);
    assert.equal(after < 1, share < 1, `${share}× the bound: |w| = ${after}`);
    assert.ok(Math.abs(Math.log(after) / 400 - Math.log(growth)) < 0.02, `measured ${Math.exp(Math.log(after) / 400)} a step vs ${growth}`);
  }
  // SGD and heavy ball keep their forms.
  assert.equal(stableRateLimit({ lambdaMax: 4, momentum: 0, nesterov: true }), 0.5);
  assert.ok(Math.abs(growthPerStep({ lambdaMax: 4, momentum: 0.5, learningRate: 0.3 }) - Math.sqrt(0.5)) < 1e-12);
});

test('the runner measures the curvature under Nesterov momentum and says so', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  model.compile({ optimizer: tf.train.momentum(0.01, 0.9, true), loss: 'meanSquaredError' });
  // x = i/1000 for 1,000 rows and a bias: X̃ᵀX̃/R = [[Σx²/R, x̄], [x̄, 1]], λmax of 2× that = 2.534 (float64).
  const xs = Array.from({ length: 1000 }, (_, i) => [i / 1000]);
  const measured = curvatureOfLinearModel(TF, model, ['meanSquaredError'], () => [tf.tensor2d(xs)]);
  const m2 = xs.reduce((s, [x]) => s + x * x, 0) / 1000;
  const m1 = xs.reduce((s, [x]) => s + x, 0) / 1000;
  const expected = m2 + 1 + Math.sqrt((m2 - 1) ** 2 + 4 * m1 * m1);
  assert.ok(measured && Math.abs(measured.lambdaMax - expected) < 1e-4 * expected, `${measured?.lambdaMax} vs ${expected}`);
  assert.equal(measured.nesterov, true);
  assert.ok(Math.abs(measured.rowLambdaMax - 2 * (0.999 ** 2 + 1)) < 1e-4, `the largest row x = 0.999 and the bias: ${measured.rowLambdaMax}`);
  assert.equal(measured.momentum, 0.9);
});

// deeplearning4j #3346 at s = 0.001 (bench case dl4j3346-linear-s0001): y = 15 + 5x on x < 1, Nesterov 0.01 / 0.9 at
// batch 1. Its horizon probe (wasm, the profile's own readings): the own rate's held-out loss swings 4.6 → 34 → 1.9 (the
// momentum's oscillation), a third of it passes 1.47 on the way down at step 24 and climbs back to 7.7.
const curvature: Curvature = { lambdaMax: 2.534, rowLambdaMax: 3.996, learningRate: 0.01, momentum: 0.9, nesterov: true, rows: 1000 };
const exactFit = { explained: [0.9999988], rows: 1000, features: 1 };
const probe = (factor: number, losses: number[]) => ({ factor, losses, every: HORIZON_EVERY, rows: 128, batchSize: 1 });
const own = probe(1, [315, 140, 18.8, 4.57, 25.6, 33.8, 17.1, 5.13, 2.35, 2.24, 1.92]);
const third = probe(HORIZON_FACTOR, [315, 246, 152, 73.1, 27.5, 7.08, 1.47, 2.08, 4.22, 6.33, 7.65]);
const info: LayerInfo = { name: 'd1', className: 'Dense', activation: 'linear', location: { file: '/m.js', line: 26, column: 11 }, weights: [{ name: 'd1/kernel', shape: [1, 1], trainable: true }] };
const weight = { name: 'd1/kernel', gradNorm: 40, meanAbs: 40, maxAbs: 40, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 1.3, ratio: 30, histogram: [] };
const steps: StepRecord[] = Array.from({ length: 21 }, (_, i) => ({ step: i, loss: 300 * 0.87 ** i, layers: [{ name: 'd1', gradNorm: 40, weights: [weight], ...(i ? { updateRatio: 0.5 } : {}) }] }));
const site = { file: '/m.js', line: 27, column: 50 };
const rateHigh = (context: Parameters<typeof evaluateHealth>[4]) => evaluateHealth([info], steps, undefined, undefined, { optimizerLocation: site, horizonProbes: [own, third], ...context }).filter((f) => f.code === 'learning-rate-high');

test('rows a line fits exactly at a stable rate: no level to bounce around, the horizon finding is withheld', () => {
  assert.equal(settlesExactly(curvature, exactFit), true);
  assert.deepEqual(rateHigh({ curvature, linearFit: exactFit }), []);
  // The same readings without the closed form's evidence: the horizon rule decides as before (1.47 ≤ 0.8 × 1.92).
  assert.equal(rateHigh({}).length, 1);
});

test('near misses: a residual left, a rate past the bound, two target columns, or no curvature measured — the horizon rule stays in charge', () => {
  // 1 − R² = 1e-3 over 1,000 rows: a residual float32 cannot explain (the bar is 1,000 × 2⁻²⁴ = 6e-5), so a noise level exists.
  const noisy = { ...exactFit, explained: [0.999] };
  assert.equal(settlesExactly(curvature, noisy), false);
  assert.equal(rateHigh({ curvature, linearFit: noisy }).length, 1);
  assert.equal(settlesExactly(curvature, { ...exactFit, explained: [1 - 1000 * 2 ** -24 * 1.01] }), false, 'just past float32\'s rounding over the rows');
  assert.equal(settlesExactly(curvature, { ...exactFit, explained: [1 - 1000 * 2 ** -24 * 0.99] }), true, 'just within it');
  assert.equal(settlesExactly({ ...curvature, learningRate: 0.6 }, exactFit), false, 'past 2(1 + β)/((1 + 2β)λmax) = 0.536: divergence, not settling');
  // Inside the full-data bound but past the largest row's (a batch of the large rows alone diverges): not settled.
  // As on curvature-model.js's rows (λmax 269.5, largest row 802): Nesterov 0.004 is 0.79× the full-data bound, and
  // trained in file order at batch 32 it ends at 5e8 (tfjs, 100 epochs).
  assert.equal(settlesExactly({ ...curvature, lambdaMax: 269.5, rowLambdaMax: 802, learningRate: 0.004 }, exactFit), false);
  assert.equal(settlesExactly({ ...curvature, rowLambdaMax: undefined }, exactFit), false, 'no row bound measured');
  assert.match(rateHigh({ curvature: { ...curvature, learningRate: 0.6 }, linearFit: exactFit })[0]?.message ?? '', /Nesterov's momentum 0\.9 is stable only below a rate of 2\(1 \+ β\)\/\(\(1 \+ 2β\)λmax\) = 0\.54/);
  assert.equal(settlesExactly(curvature, { ...exactFit, explained: [1, 1] }), false, 'two target columns: not the one-column fit the bar reads');
  assert.equal(settlesExactly(undefined, exactFit), false, 'not a quadratic loss (a hidden layer, Adam): no closed form');
  assert.equal(settlesExactly(curvature, undefined), false, 'no linear fit measured');
});
