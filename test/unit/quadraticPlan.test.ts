// The plan's end on a quadratic loss in closed form (core/quadraticPlan.ts) and the conditioning reading of unscaled-input
// (core/conditioningRule.ts), against numbers published for the same model: Deep Learning with PyTorch, ch. 5
// (dlwpt-code@d6c0210, p1ch5/1_parameter_estimation.ipynb) trains w·t_u + b from (1, 0) by full-batch gradient descent
// on its eleven thermometer readings and prints the loss 29.02 after 100 epochs at 1e-4 on the raw t_u (cell 17),
// 22.08 after 100 and 2.93 after 5,000 at 1e-2 on t_u × 0.1 (cells 18–19).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorAfter, planConditioning, symmetricEigen, type Quadratic } from '../../src/core/quadraticPlan';
import { conditioningHolds, inputConditioning } from '../../src/core/conditioningRule';
import { stableRateLimit } from '../../src/core/rateCurvature';
import type { HealthContext } from '../../src/core/healthModel';
import type { LayerInfo } from '../../src/core/protocol';

// The book's readings, from the benchmark case that ports cell 17 (one copy of them in the repository).
const caseText = readFileSync(join(__dirname, '../../bench/diagnosis/cases/dlwpt-ch5-lr-1e-4.js'), 'utf8');
const readings = (name: string) => JSON.parse(new RegExp(`const ${name} = (\\[[^\\]]*\\]);`).exec(caseText)![1]) as number[];
const t_c = readings('t_c');
const t_u = readings('t_u');
const SGD = { momentum: 0, nesterov: false };

/** G = X̃ᵀX̃/R and the other moments of one feature with a bias column. */
function quadratic(xs: readonly number[], ys: readonly number[]): Quadratic {
  const rows = xs.map((x) => [x, 1]);
  const mean = (f: (r: number[], k: number) => number) => rows.reduce((s, r, k) => s + f(r, k), 0) / rows.length;
  return {
    gram: [0, 1].map((i) => [0, 1].map((j) => mean((r) => r[i] * r[j]))),
    cross: [[0, 1].map((i) => mean((r, k) => r[i] * ys[k]))],
    targetSquares: [mean((_, k) => ys[k] ** 2)],
    targetMeans: [mean((_, k) => ys[k])],
    scale: 1,
  };
}

const close = (actual: number, expected: number, tolerance: number, what: string) => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test('Jacobi eigenvalues of [[2, 1], [1, 2]] are 1 and 3 with unit eigenvectors', () => {
  const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
  assert.deepEqual(values.map((v) => Math.round(v * 1e12) / 1e12).sort(), [1, 3]);
  for (let i = 0; i < 2; i++) close(vectors[0][i] ** 2 + vectors[1][i] ** 2, 1, 1e-12, 'norm');
});

test('the error along one direction: (1 − ηλ)^T for SGD, and the heavy-ball and Nesterov recurrences stepped by hand', () => {
  close(errorAfter(2, 0.1, SGD, 7), 0.8 ** 7, 1e-15, 'SGD');
  for (const nesterov of [false, true]) {
    const [lambda, rate, beta] = [3, 0.05, 0.9];
    let [e, v] = [1, 0];
    for (let t = 0; t < 37; t++) {
      v = beta * v + lambda * e;
      e -= rate * (nesterov ? lambda * e + beta * v : v);
    }
    close(errorAfter(lambda, rate, { momentum: beta, nesterov }, 37), e, 1e-12, nesterov ? 'Nesterov' : 'heavy ball');
  }
});

test("the book's losses: 29.02 after 100 epochs at 1e-4 on raw t_u; 22.08 after 100 and 2.93 after 5,000 at 1e-2 on t_u × 0.1", () => {
  const raw = planConditioning(quadratic(t_u, t_c), [[1, 0]], SGD, 1e-4, 100)!;
  close(raw.start, 1763.88, 0.01, 'loss at (1, 0)');
  close(raw.given, 29.02, 0.005, 'raw, 1e-4, 100 epochs');
  close(raw.optimum, 2.9276, 1e-4, 'least squares');
  const scaled = quadratic(t_u.map((x) => x * 0.1), t_c);
  close(planConditioning(scaled, [[1, 0]], SGD, 1e-2, 100)!.given, 22.08, 0.005, '× 0.1, 1e-2, 100 epochs');
  close(planConditioning(scaled, [[1, 0]], SGD, 1e-2, 5000)!.given, 2.9276, 1e-3, '× 0.1, 1e-2, 5,000 epochs');
});

test('fires on the raw plan (no stable rate gets below 28.8, standardised inputs reach the fit); near misses stay quiet', () => {
  const q = quadratic(t_u, t_c);
  const plan = planConditioning(q, [[1, 0]], SGD, 1e-4, 100)!;
  // λmax of 2·G: the limit 2/λmax = 1/g_max.
  const gMax = Math.max(...symmetricEigen(q.gram).values);
  const limit = stableRateLimit({ lambdaMax: 2 * gMax, momentum: 0 });
  assert.ok(plan.best > 28.8 && plan.standardizedBest < 2.93, JSON.stringify(plan));
  assert.equal(conditioningHolds(plan, 1e-4, limit), true);
  // The book's fix of the rate alone: 1e-3 is past 2/λmax = 3.4e-4 (it diverges: learning-rate-high's closed form, not this).
  assert.equal(conditioningHolds(planConditioning(q, [[1, 0]], SGD, 1e-3, 100)!, 1e-3, limit), false);
  // The healthy twin: inputs × 0.1 at 1e-2 for 5,000 epochs reaches the fit.
  const scaled = quadratic(t_u.map((x) => x * 0.1), t_c);
  const scaledLimit = stableRateLimit({ lambdaMax: 2 * Math.max(...symmetricEigen(scaled.gram).values), momentum: 0 });
  assert.equal(conditioningHolds(planConditioning(scaled, [[1, 0]], SGD, 1e-2, 5000)!, 1e-2, scaledLimit), false);
  // Two features nearly the same (correlation ~1 − 1e-6): standardising leaves κ huge, so the inputs' scale is not what
  // stops the plan — quiet, though no rate reaches the fit.
  const twin = t_u.map((x, k) => [x, x + 1e-3 * Math.sin(k)]);
  const rows = twin.map((r) => [...r, 1]);
  const mean = (f: (r: number[], k: number) => number) => rows.reduce((sum, r, k) => sum + f(r, k), 0) / rows.length;
  const ys = twin.map((r) => r[0] - 1000 * (r[1] - r[0]));
  const near: Quadratic = {
    gram: [0, 1, 2].map((i) => [0, 1, 2].map((j) => mean((r) => r[i] * r[j]))),
    cross: [[0, 1, 2].map((i) => mean((r, k) => r[i] * ys[k]))],
    targetSquares: [mean((_, k) => ys[k] ** 2)],
    targetMeans: [mean((_, k) => ys[k])],
    scale: 1,
  };
  const nearPlan = planConditioning(near, [[0, 0, 0]], SGD, 1e-4, 100)!;
  const nearLimit = stableRateLimit({ lambdaMax: 2 * Math.max(...symmetricEigen(near.gram).values), momentum: 0 });
  assert.ok(nearPlan.standardizedKappa > 1e6 && nearPlan.best > 2 * nearPlan.optimum, JSON.stringify(nearPlan));
  assert.equal(conditioningHolds(nearPlan, 1e-4, nearLimit), false);
});

test('the finding: a warning on the first layer with the inputs line related; quiet for inputs of RMS below 10', () => {
  const q = quadratic(t_u, t_c);
  const plan = planConditioning(q, [[1, 0]], SGD, 1e-4, 100)!;
  const gMax = Math.max(...symmetricEigen(q.gram).values);
  const layers: LayerInfo[] = [{ name: 'dense', className: 'Dense', activation: 'linear', location: { file: '/m.js', line: 9, column: 3 }, weights: [{ name: 'dense/kernel', shape: [1, 1], trainable: true }] }];
  const context = (rms: number): HealthContext => ({
    inputScale: { rms, feature: 0, maxAbs: 81.9 },
    curvature: { lambdaMax: 2 * gMax, learningRate: 1e-4, momentum: 0, rows: 11, plan },
    dataLocations: { inputs: [{ file: '/m.js', line: 5, column: 11 }] },
  });
  const finding = inputConditioning(layers, context(54));
  assert.equal(finding?.code, 'unscaled-input');
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding?.location?.line, 9);
  assert.deepEqual(finding?.related?.map((r) => r.location?.line), [5]);
  assert.match(finding!.message, /1\.8e3 → 29 at the rate 1\.0e-4/);
  assert.equal(inputConditioning(layers, context(5.4)), undefined);
});
