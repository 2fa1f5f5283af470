// learning-rate-high in closed form for a quadratic loss (core/rateCurvature.ts, runner/curvatureProbe.ts): the stable
// range of gradient descent 2(1 + β)/λmax, the growth per step along the steepest direction, λmax measured by tfjs
// against a float64 oracle, and which models are measured at all (linear in the weights, MSE, SGD, heavy ball or
// Nesterov momentum: test/unit/rateCurvatureNesterov.test.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { growthPerStep, rateBeyondCurvature, stableRateLimit } from '../../src/core/rateCurvature';
import { curvatureOfLinearModel } from '../../src/runner/curvatureProbe';
import { ProfileEvidence } from '../../src/core/runEnd';
import type { StepRecord } from '../../src/core/healthModel';
import type { Tf } from '../../src/runner/tfjsResolve';
import { symmetricEigen } from '../../src/core/quadraticPlan';

const TF = tf as unknown as Tf;
const site = { file: '/m.js', line: 7, column: 21 };
const falling: StepRecord[] = Array.from({ length: 21 }, (_, i) => ({ step: i, loss: 37 * 0.85 ** i, layers: [] }));

/** The largest eigenvalue of a small symmetric matrix in float64 (core/quadraticPlan.ts's Jacobi rotations, checked there on a closed form). */
const largestEigenvalue = (matrix: number[][]): number => Math.max(...symmetricEigen(matrix).values);

test('the stable range: 2/λmax for SGD, 2(1 + β)/λmax with heavy-ball momentum; growth |1 − ηλ| and the heavy-ball root', () => {
  assert.equal(stableRateLimit({ lambdaMax: 4, momentum: 0 }), 0.5);
  assert.equal(stableRateLimit({ lambdaMax: 4, momentum: 0.9 }), 0.95);
  assert.ok(Math.abs(growthPerStep({ lambdaMax: 4, momentum: 0, learningRate: 0.6 }) - 1.4) < 1e-12);
  assert.ok(Math.abs(growthPerStep({ lambdaMax: 4, momentum: 0, learningRate: 0.4 }) - 0.6) < 1e-12);
  // Heavy ball at ηλ = 2(1 + β) has a root at −1 exactly; inside the range the roots are complex with modulus √β.
  assert.ok(Math.abs(growthPerStep({ lambdaMax: 4, momentum: 0.5, learningRate: 0.75 }) - 1) < 1e-12);
  assert.ok(Math.abs(growthPerStep({ lambdaMax: 4, momentum: 0.5, learningRate: 0.3 }) - Math.sqrt(0.5)) < 1e-12);
  assert.ok(growthPerStep({ lambdaMax: 4, momentum: 0.5, learningRate: 0.8 }) > 1);
});

test('fires above the stable rate with λmax, the bound, the ratio and the overflow within the plan; quiet at and below it', () => {
  const curvature = { lambdaMax: 260, learningRate: 0.01, momentum: 0, rows: 101 };
  const finding = rateBeyondCurvature(falling, curvature, site, 10_100);
  assert.equal(finding?.code, 'learning-rate-high');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, site);
  assert.match(finding.message, /over the 101 rows the script trains on its largest curvature is λmax = 260, and gradient descent is stable only below a rate of 2\/λmax = 7\.7e-3\. The rate is 0\.01 \(1\.3× that\), so the error along the steepest direction grows ×1\.6 every step/);
  assert.match(finding.message, /passes float32's largest number \(3\.4e38\) within about 189 of the 10,100 steps/);
  assert.match(finding.message, /On the profiled batch the loss falls \(37 → 1\.4 in 20 steps\)/);
  assert.equal(rateBeyondCurvature(falling, { ...curvature, learningRate: 2 / 260 }, site, 10_100), undefined, 'at the bound: not beyond it');
  assert.equal(rateBeyondCurvature(falling, { ...curvature, learningRate: 0.9 * (2 / 260) }, site, 10_100), undefined, '0.9× the bound converges');
  assert.equal(rateBeyondCurvature(falling, { ...curvature, momentum: 0.9 }, site, 10_100), undefined, 'heavy ball 0.9 is stable up to 3.8/λmax');
  assert.equal(rateBeyondCurvature(falling, undefined, site, 10_100), undefined, 'not a quadratic loss: not measured');
});

test('the curvature travels in a probe message into the verdict (the host\'s as the runner\'s)', () => {
  const evidence = new ProfileEvidence();
  evidence.observe({ type: 'probe', kind: 'curvature', factor: 0.01, losses: [260], rows: 101, momentum: 0 });
  for (const step of falling) evidence.observe({ type: 'step', ...step });
  assert.deepEqual(evidence.findings(undefined).map((f) => f.code), ['learning-rate-high']);
});

const fitRows = Array.from({ length: 101 }, (_, i) => [i / 5, Math.sin(i)]);

function regression(layers: tf.layers.Layer[], optimizer: tf.Optimizer, loss = 'meanSquaredError') {
  const model = tf.sequential({ layers });
  model.compile({ optimizer, loss });
  return model;
}

test('λmax measured by tfjs over every training row matches the float64 Hessian 2/(R·U)·X̃ᵀX̃ (with the bias column)', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const gram = [0, 1, 2].map((p) => [0, 1, 2].map((q) => fitRows.reduce((s, r) => s + [...r, 1][p] * [...r, 1][q], 0) / fitRows.length));
  const expected = 2 * largestEigenvalue(gram);
  assert.ok(Math.abs(expected - 269.496) < 1e-2, `numpy's λmax is 269.496: ${expected}`);
  const model = regression([tf.layers.dense({ inputShape: [2], units: 1 })], tf.train.sgd(0.01));
  const measured = curvatureOfLinearModel(TF, model, ['meanSquaredError'], () => [tf.tensor2d(fitRows)]);
  assert.ok(measured && Math.abs(measured.lambdaMax - expected) < 1e-4 * expected, `${measured?.lambdaMax} vs ${expected}`);
  assert.deepEqual({ ...measured, lambdaMax: 0, rowLambdaMax: 0 }, { lambdaMax: 0, rowLambdaMax: 0, learningRate: 0.01, momentum: 0, nesterov: false, rows: 101 });
  // The largest row, x = (20, sin 100) and the bias: 2·(400 + sin²100 + 1).
  assert.ok(Math.abs(measured.rowLambdaMax - 2 * (401 + Math.sin(100) ** 2)) < 1e-3, `${measured.rowLambdaMax}`);
  // Two units: the mean over units halves each unit's curvature; heavy ball reports its momentum.
  const two = curvatureOfLinearModel(TF, regression([tf.layers.dense({ inputShape: [2], units: 2 })], tf.train.momentum(0.01, 0.9)), ['meanSquaredError'], () => [tf.tensor2d(fitRows)]);
  assert.ok(two && Math.abs(two.lambdaMax - expected / 2) < 1e-4 * expected && two.momentum === 0.9, JSON.stringify(two));
});

test('measured only where the loss is a quadratic stepped by gradient descent: not with an activation, a hidden layer, a penalty, another loss or Adam', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const rows = () => [tf.tensor2d(fitRows)];
  const not = (model: tf.LayersModel, loss = 'meanSquaredError') => assert.equal(curvatureOfLinearModel(TF, model, [loss], rows), undefined);
  not(regression([tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' })], tf.train.sgd(0.01)));
  not(regression([tf.layers.dense({ inputShape: [2], units: 4 }), tf.layers.dense({ units: 1 })], tf.train.sgd(0.01)));
  not(regression([tf.layers.dense({ inputShape: [2], units: 1, kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }) })], tf.train.sgd(0.01)));
  not(regression([tf.layers.dense({ inputShape: [2], units: 1 })], tf.train.sgd(0.01), 'meanAbsoluteError'), 'meanAbsoluteError');
  not(regression([tf.layers.dense({ inputShape: [2], units: 1 })], tf.train.adam(0.01)));
  // A Flatten in front is still linear: each example's pixels are its features.
  const images = tf.reshape(tf.tensor2d(fitRows), [101, 2, 1]);
  const flat = curvatureOfLinearModel(TF, regression([tf.layers.flatten({ inputShape: [2, 1] }), tf.layers.dense({ units: 1 })], tf.train.sgd(0.01)), ['meanSquaredError'], () => [images]);
  assert.ok(flat && Math.abs(flat.lambdaMax - 269.496) < 0.05, JSON.stringify(flat));
});
