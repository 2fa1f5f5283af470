// A model with no hidden non-linearity on labels no linear function fits (core/linearFitRule.ts; docs/rules/
// capacity-linear.md): the runner fits the labels by least squares on fit()'s rows and the rule fires for XOR — on the
// logistic unit's line, or through a stack of linear Dense layers on the first Dense (where the activation is missing). A hidden tanh layer on the same
// XOR rows, separable blobs under logistic regression and a noisy linear regression (R² ≈ 0.2) stay quiet. The
// neighbours' reading (core/linearReachRule.ts): a spiral under a linear stack or a softmax regression fires; three
// separable blobs (one Dense or a linear stack) and a linear autoencoder (regression targets) stay quiet. Its regression
// form: y = x³ through a linear stack fires on the first Dense; y = 2x − 1 plus noise and the noisy regression stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('linear', f);
const FILES = ['xor-logistic.js', 'xor-linear-stack.js', 'cubic-linear-stack.js', 'line-linear-stack.js', 'xor-tanh.js', 'blobs-logistic.js', 'noisy-linreg.js', 'spiral-linear-stack.js', 'spiral-softmax.js', 'blobs3-softmax.js', 'blobs3-linear-stack.js', 'autoencoder-linear.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });

const linearProbe = async (file: string) => (await outcome(file)).messages.find((m) => m.type === 'probe' && m.kind === 'linear');

for (const [file, marker, advice] of [['xor-logistic.js', 'L:output', /add a hidden layer with a non-linear activation/], ['xor-linear-stack.js', 'L:hidden', /add an activation such as 'relu' to dense_Dense\d+\./]] as const) {
  test(`${file}: capacity-linear (warning) on ${marker}, R² ≈ 0 on the 200 rows`, async () => {
    const { report } = await outcome(file);
    const f = report.findings.find((x) => x.code === 'capacity-linear');
    assert.ok(f, findingSummary(report));
    assert.equal(f.severity, 'warning');
    assert.equal(f.line, lineOf(FIX(file), marker));
    assert.match(f.message, /^No linear function of the inputs fits these labels \(best linear fit R² = 0\.0\d on 200 rows of 2 features\)\. /);
    assert.match(f.message, advice);
    const probe = await linearProbe(file);
    assert.ok(probe && probe.type === 'probe');
    assert.equal(probe.rows, 200);
    assert.equal(probe.features, 2);
    assert.deepEqual(probe.shares, [0.5]);
    assert.ok(probe.losses[0] < 0.05, `R² ${probe.losses[0]}`);
  });
}

test('a hidden tanh layer on the same XOR rows: not a linear model, no fit is made', async () => {
  const { report } = await outcome('xor-tanh.js');
  assert.ok(!report.findings.some((x) => x.code === 'capacity-linear'), findingSummary(report));
  assert.equal(await linearProbe('xor-tanh.js'), undefined);
});

test('separable blobs under logistic regression, and a noisy linear regression (R² ≈ 0.2): measured, quiet', async () => {
  for (const [file, low, high] of [['blobs-logistic.js', 0.7, 1], ['noisy-linreg.js', 0.12, 0.3]] as const) {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'capacity-linear'), `${file}: ${findingSummary(report)}`);
    const probe = await linearProbe(file);
    assert.ok(probe && probe.type === 'probe', file);
    assert.ok(probe.losses[0] > low && probe.losses[0] < high, `${file}: R² ${probe.losses[0]}`);
  }
});

for (const [file, marker] of [['spiral-linear-stack.js', 'L:hidden'], ['spiral-softmax.js', 'L:output']] as const) {
  test(`${file}: the spiral beats a constant (R² ≈ 0.3) but the neighbours separate it — capacity-linear on ${marker}`, async () => {
    const { report } = await outcome(file);
    const f = report.findings.find((x) => x.code === 'capacity-linear');
    assert.ok(f, findingSummary(report));
    assert.equal(f.severity, 'warning');
    assert.equal(f.line, lineOf(FIX(file), marker));
    assert.match(f.message, /^A linear model cannot separate these classes: the best linear classifier misclassifies (4\d|5\d)\.\d % of the 300 training rows, while the 18 nearest neighbours/);
    const probe = await linearProbe(file);
    assert.ok(probe && probe.type === 'probe' && probe.errors, file);
    const [chance, linear, neighbours] = probe.errors;
    assert.ok(Math.abs(chance - 2 / 3) < 1e-6, `chance ${chance}`);
    assert.ok(linear > 0.4 && linear < 0.6 && neighbours < 0.1, `linear ${linear}, neighbours ${neighbours}`);
    assert.ok(Math.min(...probe.losses) > 0.1, `R² ${probe.losses}`);
  });
}

test('three separable blobs (softmax regression, a linear stack) and a linear autoencoder: measured, quiet', async () => {
  for (const file of ['blobs3-softmax.js', 'blobs3-linear-stack.js']) {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'capacity-linear'), `${file}: ${findingSummary(report)}`);
    const probe = await linearProbe(file);
    assert.ok(probe && probe.type === 'probe' && probe.errors, file);
    assert.ok(probe.errors[1] < 0.02, `${file}: linear error ${probe.errors[1]}`);
  }
  const { report } = await outcome('autoencoder-linear.js');
  assert.ok(!report.findings.some((x) => x.code === 'capacity-linear'), findingSummary(report));
  const probe = await linearProbe('autoencoder-linear.js');
  assert.ok(probe && probe.type === 'probe' && probe.errors === undefined, 'regression targets: no class errors');
  assert.ok(Math.min(...probe.losses) > 0.9, `R² ${probe.losses}`);
});

const squared = async (file: string) => {
  const probe = await linearProbe(file);
  assert.ok(probe && probe.type === 'probe' && probe.squaredErrors, `${file}: no squared errors`);
  const [constant, linear, neighbours, gapError] = probe.squaredErrors;
  return { constant, linear, neighbours, gapError };
};

test('cubic-linear-stack.js: y = x³ under a linear stack — the best line leaves ≈ 0.023 + the noise, the neighbours far less: capacity-linear on the first Dense', async () => {
  const { report } = await outcome('cubic-linear-stack.js');
  const f = report.findings.find((x) => x.code === 'capacity-linear');
  assert.ok(f, findingSummary(report));
  assert.equal(f.line, lineOf(FIX('cubic-linear-stack.js'), 'L:hidden'));
  assert.match(f.message, /^A linear model cannot follow these targets: the best affine fit of the inputs \(least squares\) leaves a mean squared error of 0\.02\d+ on the 200 training rows/);
  const e = await squared('cubic-linear-stack.js');
  // Closed forms on [−1, 1]: Var(x³) ≈ 1/7, the best line's residual 1/7 − 0.6²/3 ≈ 0.0229, plus the noise's 0.05² = 0.0025.
  assert.ok(Math.abs(e.constant - (1 / 7 + 0.0025)) < 0.01, `constant ${e.constant}`);
  assert.ok(Math.abs(e.linear - (0.0229 + 0.0025)) < 0.003, `linear ${e.linear}`);
  assert.ok(e.neighbours < e.linear / 2, `neighbours ${e.neighbours}`);
});

test('near misses with regression targets under a linear model: y = 2x − 1 + noise (a linear stack) and the noisy regression — measured, quiet', async () => {
  for (const [file, noise] of [['line-linear-stack.js', 0.09], ['noisy-linreg.js', 5]] as const) {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'capacity-linear'), `${file}: ${findingSummary(report)}`);
    const e = await squared(file);
    // The fit leaves the noise; the neighbours leave no less than about as much.
    assert.ok(Math.abs(e.linear - noise) < noise * 0.25, `${file}: linear ${e.linear}`);
    assert.ok(e.neighbours > e.linear * 0.9, `${file}: neighbours ${e.neighbours} against linear ${e.linear}`);
  }
});
