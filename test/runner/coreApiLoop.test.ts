// A core-API training loop (tf.variable + optimizer.minimize, no layers model) is profiled from its own loss
// closure: each variable on the line that created it, its gradient checked against the closed form of a linear
// regression's MSE, and the health rules that apply to variables (runner/variableProfile.ts). Fixtures written
// here, in test/fixtures/runner/core-api.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, profile, profileOk } from './helpers';

const F = (f: string) => fixture('core-api', f);
const alarms = (findings: { severity: string; code: string }[]) => findings.filter((f) => f.severity !== 'info').map((f) => f.code);

// The fixture's data and starting values (linear-regression.js).
const X = [1, 2, 3, 4];
const Y = [3, 5, 7, 9];
const mse = (w: number, b: number) => X.reduce((s, x, i) => s + (w * x + b - Y[i]) ** 2, 0) / X.length;
/** dL/dw = 2/N Σ (w·x + b − y)·x, dL/db = 2/N Σ (w·x + b − y). */
const gradient = (w: number, b: number) => [
  (2 / X.length) * X.reduce((s, x, i) => s + (w * x + b - Y[i]) * x, 0),
  (2 / X.length) * X.reduce((s, x, i) => s + (w * x + b - Y[i]), 0),
];
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-4 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs the closed form ${expected}`);

test('linear regression y = w·x + b: w and b on their creation lines, gradients and losses of two steps equal the closed form', async () => {
  const file = F('linear-regression.js');
  const { report } = await profileOk(file, { steps: 2 });
  assert.deepEqual(report.layers.map((l) => `${l.className}@${l.line}`), [`tf.variable@${lineOf(file, 'L:w')}`, `tf.variable@${lineOf(file, 'L:b')}`]);
  assert.match(report.discoveryNote ?? '', new RegExp(`optimizer\\.minimize\\(\\) at linear-regression\\.js:${lineOf(file, 'L:minimize')}`));
  // Step 0 at the loop's starting values, step 1 after one SGD step at the script's rate 0.05.
  let [w, b] = [0.5, 0.25];
  for (const step of [0, 1]) {
    const g = gradient(w, b);
    close(report.steps[step].loss, mse(w, b), `loss at step ${step}`);
    close(report.layers[0].steps[step].gradNorm, Math.abs(g[0]), `‖dL/dw‖ at step ${step}`);
    close(report.layers[1].steps[step].gradNorm, Math.abs(g[1]), `‖dL/db‖ at step ${step}`);
    [w, b] = [w - 0.05 * g[0], b - 0.05 * g[1]];
  }
  assert.deepEqual(alarms(report.findings), [], 'a regression that converges raises no warning');
});

test('a rate beyond the stable range: the loss diverges, reported on the optimizer line', async () => {
  const file = F('diverging-rate.js');
  const { report } = await profileOk(file, { steps: 10 });
  const diverging = report.findings.find((f) => f.code === 'loss-diverging');
  assert.ok(diverging, `findings: ${alarms(report.findings).join(', ')}`);
  assert.equal(diverging.line, lineOf(file, 'L:sgd'));
});

test('a loss closure that takes the log of negative values: non-finite at step 0, on the minimize line', async () => {
  const file = F('nan-loss.js');
  const { report } = await profileOk(file, { steps: 2 });
  const nonFinite = report.findings.find((f) => f.code === 'non-finite');
  assert.ok(nonFinite && nonFinite.severity === 'error', `findings: ${alarms(report.findings).join(', ')}`);
  assert.equal(nonFinite.step, 0);
  assert.equal(nonFinite.line, lineOf(file, 'L:minimize'));
});

test('near miss: a loop with variableGrads + applyGradients has no loss closure to call: it fails naming its lines', async () => {
  const file = fixture('custom-loop', 'core-api-async-apply.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /no (loss closure|one) to call|has none to call/);
  assert.equal(report.error!.location?.line, lineOf(file, 'L:apply'));
});
