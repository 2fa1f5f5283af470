// learning-rate-high under heavy-ball momentum on a quadratic loss (core/rateCurvature.atMomentumPace): the oracle is
// the heavy-ball recurrence itself in float64 — e ← e − η·λ·e + β·(e − e_prev) along each curvature direction, which is
// tfjs's momentum (a ← βa + g, w ← w − ηa) on a quadratic — and tfjs's own optimizer on a one-weight quadratic.
// The picture is the Straight Dope's momentum cell (sd6-momentum-bs10): η = 0.2, β = 0.9, curvatures near 1.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { atMomentumPace, growthPerStep } from '../../src/core/rateCurvature';
import { rateFindings } from '../../src/core/rateRules';
import { curvatureOfLinearModel } from '../../src/runner/curvatureProbe';
import type { StepRecord } from '../../src/core/healthModel';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;
const site = { file: '/m.js', line: 3, column: 19 };

/** Heavy ball from zero velocity on ½Σλᵢeᵢ²: the loss before each of `steps` steps and after the last. */
function heavyBall(lambdas: readonly number[], start: readonly number[], rate: number, beta: number, steps: number): number[] {
  let e = [...start];
  let velocity = lambdas.map(() => 0);
  const losses = [0.5 * lambdas.reduce((s, l, i) => s + l * e[i] ** 2, 0)];
  for (let t = 0; t < steps; t++) {
    velocity = velocity.map((v, i) => beta * v + lambdas[i] * e[i]);
    e = e.map((x, i) => x - rate * velocity[i]);
    losses.push(0.5 * lambdas.reduce((s, l, i) => s + l * e[i] ** 2, 0));
  }
  return losses;
}

/** The per-step contraction the recurrence shows along one curvature: (|e_T|/|e_T−50|)^(1/50) late in a long run. */
function measuredPace(lambda: number, rate: number, beta: number): number {
  const losses = heavyBall([lambda], [1], rate, beta, 4000);
  // The loss is ½λe²: its envelope shrinks by pace² a step; read over a window of many ringing periods.
  const peak = (from: number) => Math.max(...losses.slice(from, from + 200));
  return (peak(3600) / peak(3000)) ** (1 / 1200);
}

test('heavy ball never beats √β a step, reaches it for ηλ in [(1 − √β)², (1 + √β)²], and a smaller rate is never faster there', () => {
  const beta = 0.9;
  const band = [(1 - Math.sqrt(beta)) ** 2, (1 + Math.sqrt(beta)) ** 2];
  for (const rateTimesLambda of [0.001, 0.01, band[0] * 1.01, 0.02, 0.2, 1, 2, 3.5, band[1] * 0.999]) {
    const pace = growthPerStep({ lambdaMax: 1, momentum: beta, learningRate: rateTimesLambda });
    assert.ok(pace >= Math.sqrt(beta) - 1e-12, `ηλ ${rateTimesLambda}: the roots multiply to β`);
    // The closed form is what the recurrence does (to the window's resolution).
    assert.ok(Math.abs(measuredPace(1, rateTimesLambda, beta) - pace) < 2e-3, `ηλ ${rateTimesLambda}: ${measuredPace(1, rateTimesLambda, beta)} vs ${pace}`);
    const inBand = rateTimesLambda >= band[0] && rateTimesLambda <= band[1];
    if (inBand) assert.ok(Math.abs(pace - Math.sqrt(beta)) < 1e-9, `ηλ ${rateTimesLambda} in the band: exactly √β`);
    // Every smaller rate contracts this direction no faster.
    for (const smaller of [0.5, 0.3, 0.1, 0.01]) {
      assert.ok(growthPerStep({ lambdaMax: 1, momentum: beta, learningRate: rateTimesLambda * smaller }) >= pace - 1e-12, `ηλ ${rateTimesLambda} × ${smaller}`);
    }
  }
  // Past the band's top a smaller rate is faster: there the rate, not the momentum, sets the pace.
  const past = growthPerStep({ lambdaMax: 1, momentum: beta, learningRate: 3.7985 });
  assert.ok(past > Math.sqrt(beta) && growthPerStep({ lambdaMax: 1, momentum: beta, learningRate: 0.37985 }) < past);
});

test("the Straight Dope's momentum cell in closed form: the loss rings ×1.2 and more, a tenth of the rate is lower within 20 steps, both decay at β per step", () => {
  // Curvatures of a 32-row batch of two N(0, 1) features and a bias under ½·MSE, a start error like w ~ N(0, 1), b = 0 against (2, −3.4, 4.2).
  const lambdas = [0.7, 1.0, 1.35];
  const start = [1.1, -3.9, -4.2];
  const own = heavyBall(lambdas, start, 0.2, 0.9, 20);
  const tenth = heavyBall(lambdas, start, 0.02, 0.9, 20);
  const rises = own.slice(1).map((l, i) => l / own[i]);
  assert.ok(Math.max(...rises) >= 1.2, `the own rate's loss rises: ×${Math.max(...rises)}`);
  assert.ok(Math.min(...tenth) <= 0.8 * Math.min(...own), `within 20 steps a tenth reaches ${Math.min(...tenth)}, the own rate ${Math.min(...own)}`);
  // Both rates sit in the band for every curvature: the same pace √β on every direction, the loss's envelope β a step.
  for (const rate of [0.2, 0.02]) for (const lambda of lambdas) assert.ok(Math.abs(growthPerStep({ lambdaMax: lambda, momentum: 0.9, learningRate: rate }) - Math.sqrt(0.9)) < 1e-9);
  // What the rule did with it: with the ÷10 probe it fires; knowing the momentum's pace it does not.
  const steps: StepRecord[] = own.map((loss, step) => ({ step, loss, layers: [] }));
  const probes = [{ factor: 0.1, losses: tenth }];
  assert.deepEqual(rateFindings(steps, { probes, rateSite: site, slowExplained: false }).map((f) => f.code), ['learning-rate-high']);
  assert.deepEqual(rateFindings(steps, { probes, rateSite: site, slowExplained: false, momentumRings: true }), []);
  // A severe rise above the start still fires on its own: the pace says nothing about a step that undid the training.
  const severe = [...own.slice(0, 5), own[0] * 20, ...own.slice(6)].map((loss, step) => ({ step, loss, layers: [] }));
  assert.deepEqual(rateFindings(severe, { probes, rateSite: site, slowExplained: false, momentumRings: true }).map((f) => f.code), ['learning-rate-high']);
});

test('atMomentumPace: heavy ball with ηλ ≤ (1 + √β)² at the largest row; not SGD, not Nesterov, not past the band, not without the row bound', () => {
  const sd6 = { lambdaMax: 1.025, rowLambdaMax: 12.86, learningRate: 0.2, momentum: 0.9, rows: 1000 };
  assert.equal(atMomentumPace(sd6), true, 'η·λrow = 2.57 ≤ 3.797');
  const edge = (1 + Math.sqrt(0.9)) ** 2 / 12.86;
  assert.equal(atMomentumPace({ ...sd6, learningRate: edge * 0.999 }), true);
  assert.equal(atMomentumPace({ ...sd6, learningRate: edge * 1.001 }), false, 'past the band: a smaller rate can be faster');
  assert.equal(atMomentumPace({ ...sd6, rowLambdaMax: undefined }), false, 'no bound for every batch');
  assert.equal(atMomentumPace({ ...sd6, nesterov: true }), false, "Nesterov's roots differ");
  assert.equal(atMomentumPace({ ...sd6, momentum: 0 }), false, 'SGD has no ringing to explain a rise');
  assert.equal(atMomentumPace(undefined), false, 'not a quadratic: not measured');
});

test("tfjs's momentum optimizer on a one-weight quadratic contracts at √β a step inside the band", async () => {
  assert.ok(await tf.setBackend('cpu'));
  const lambda = 1.5;
  const w = tf.variable(tf.scalar(1));
  const optimizer = tf.train.momentum(0.4, 0.9);
  const errors: number[] = [];
  for (let t = 0; t < 300; t++) {
    optimizer.minimize(() => tf.mul(0.5 * lambda, tf.square(w)) as tf.Scalar);
    errors.push(Math.abs(w.dataSync()[0]));
  }
  const peak = (from: number) => Math.max(...errors.slice(from, from + 40));
  const pace = (peak(240) / peak(120)) ** (1 / 120);
  assert.ok(Math.abs(pace - Math.sqrt(0.9)) < 5e-3, `measured ${pace}, √β = ${Math.sqrt(0.9)}`);
  w.dispose();
  optimizer.dispose();
});

test('a custom loss that is c × the MSE is measured with its c; a summed or absolute loss is not a quadratic the probe claims', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const rows = Array.from({ length: 101 }, (_, i) => [i / 5, Math.sin(i)]);
  const model = (loss: string | ((y: tf.Tensor, p: tf.Tensor) => tf.Tensor)) => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    m.compile({ optimizer: tf.train.momentum(0.2, 0.9), loss });
    return m;
  };
  const measure = (loss: string | ((y: tf.Tensor, p: tf.Tensor) => tf.Tensor), name: string) => curvatureOfLinearModel(TF, model(loss), [name], () => [tf.tensor2d(rows)]);
  const mse = measure('meanSquaredError', 'meanSquaredError');
  const half = measure((y, p) => tf.div(tf.mean(tf.square(tf.sub(p, y))), 2), 'squareLoss');
  assert.ok(mse && half && Math.abs(half.lambdaMax - mse.lambdaMax / 2) < 1e-4 * mse.lambdaMax, `${half?.lambdaMax} vs ${mse?.lambdaMax}/2`);
  assert.ok(half.rowLambdaMax !== undefined && Math.abs(half.rowLambdaMax - mse.rowLambdaMax / 2) < 1e-6 * mse.rowLambdaMax);
  // Per-example squared errors (tfjs takes their mean): c = 1.
  const perExample = measure((y, p) => tf.sum(tf.square(tf.sub(p, y)), -1), 'perExample');
  assert.ok(perExample && Math.abs(perExample.lambdaMax - mse.lambdaMax) < 1e-4 * mse.lambdaMax);
  assert.equal(measure((y, p) => tf.sum(tf.square(tf.sub(p, y))), 'sumOfSquares'), undefined, 'a sum over the batch grows with its rows');
  assert.equal(measure((y, p) => tf.mean(tf.abs(tf.sub(p, y))), 'absolute'), undefined, 'not a squared error');
  assert.equal(measure((y, p) => tf.add(tf.mean(tf.square(tf.sub(p, y))), 0.1), 'offset'), undefined, 'not a multiple of the MSE');
});
