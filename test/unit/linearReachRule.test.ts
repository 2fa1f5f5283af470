// The neighbours' reading of capacity-linear (core/linearReachRule.ts): a linear model fires when its best training
// error reaches less than half of the k-NN rule's gain over a constant and the gap is beyond two standard errors; it
// speaks on the first Dense of a linear stack (where the activation is missing), and only for a model linear in its inputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { curveShortfall, linearCurve, linearReach, linearShortfall, LINEAR_REACH } from '../../src/core/linearReachRule';
import type { LinearFit } from '../../src/core/linearFitRule';
import type { OutputInfo } from '../../src/core/protocol';
import { layer } from './layerInfoFixture';

const softmax: OutputInfo = { layer: 'head', activation: 'softmax', loss: 'categoricalCrossentropy', units: 3, labelMeanSquare: 1 / 3, labelVariance: 2 / 9 };
const fit = (chance: number, linear: number, neighbours: number, rows = 1050): LinearFit => ({ explained: [0.3, 0.3, 0.3], shares: [1 / 3, 1 / 3, 1 / 3], rows, features: 2, errors: { chance, linear, neighbours } });
const stack = [layer('fc1', 'Dense', 'linear', 31), layer('head', 'Dense', 'softmax', 32)];

test('linearShortfall: the share of the neighbours\' gain the linear model reaches, in closed form', () => {
  // Made With ML's spiral (measured on its rows): chance 2/3, linear 0.461, neighbours 0.007 → (0.667 − 0.461)/(0.667 − 0.007).
  const spiral = linearShortfall({ chance: 2 / 3, linear: 0.461, neighbours: 0.007 }, 1050);
  assert.ok(spiral && Math.abs(spiral.reached - (2 / 3 - 0.461) / (2 / 3 - 0.007)) < 1e-12);
  // Just under half the gain fires; half or more does not (the bar is a majority of what the inputs say).
  assert.ok(linearShortfall({ chance: 0.5, linear: 0.3 + 0.001, neighbours: 0.1 }, 10_000));
  assert.equal(linearShortfall({ chance: 0.5, linear: 0.3, neighbours: 0.1 }, 10_000), undefined);
  // A healthy logistic regression (Made With ML lesson 7, measured): the linear model beats the neighbours.
  assert.equal(linearShortfall({ chance: 0.389, linear: 0.011, neighbours: 0.019 }, 700), undefined);
  // Neighbours no better than the constant (8 rows, hk-lr): nothing to compare against.
  assert.equal(linearShortfall({ chance: 0.625, linear: 0, neighbours: 0.75 }, 8), undefined);
});

test('linearShortfall: a gap within two standard errors of the rows\' sampling is no evidence', () => {
  // Linear 0.40 against neighbours 0.10 from chance 0.5: reached 0.25, but over 12 rows the standard error of the gap is
  // √((0.4·0.6 + 0.1·0.9)/12) = 0.166, so 0.30 < 2·0.166: quiet. Over 100 rows (0.057): fires.
  assert.equal(linearShortfall({ chance: 0.5, linear: 0.4, neighbours: 0.1 }, 12), undefined);
  assert.ok(linearShortfall({ chance: 0.5, linear: 0.4, neighbours: 0.1 }, 100));
  assert.equal(LINEAR_REACH.standardErrors, 2);
});

test('k = ⌈√n⌉ neighbours', () => {
  assert.deepEqual([300, 1050, 2000].map(LINEAR_REACH.neighbours), [18, 33, 45]);
});

test('a linear stack on the spiral: capacity-linear on the first Dense (where the activation is missing), with the errors in the message', () => {
  const f = linearReach(stack, [softmax], fit(2 / 3, 0.461, 0.007));
  assert.ok(f);
  assert.equal(f.code, 'capacity-linear');
  assert.equal(f.severity, 'warning');
  assert.equal(f.layer, 'fc1');
  assert.equal(f.location?.line, 31);
  assert.match(f.message, /^A linear model cannot separate these classes: the best linear classifier misclassifies 46\.1 % of the 1,050 training rows, while the 33 nearest neighbours of each row \(leave-one-out\) misclassify 0\.7 % \(a constant guess: 66\.7 %\)\. fc1 has no activation/);
  assert.match(f.message, /add an activation such as 'relu' to fc1/);
});

test('one Dense (softmax regression) on the spiral: on the output Dense, advising a hidden layer', () => {
  const f = linearReach([layer('head', 'Dense', 'softmax', 39)], [softmax], fit(2 / 3, 0.46, 0.037, 300));
  assert.equal(f?.location?.line, 39);
  assert.match(f!.message, /add a hidden layer with a non-linear activation, such as Dense\(16, relu\), before head/);
});

test('quiet: separable classes, no class errors measured, a hidden non-linearity', () => {
  assert.equal(linearReach(stack, [softmax], fit(2 / 3, 0.003, 0.003, 300)), undefined);
  assert.equal(linearReach(stack, [softmax], { explained: [0.3], rows: 300, features: 2 }), undefined);
  assert.equal(linearReach([layer('h', 'Dense', 'relu'), layer('head', 'Dense', 'softmax')], [softmax], fit(2 / 3, 0.461, 0.007)), undefined);
  assert.equal(linearReach(stack, [softmax], undefined), undefined);
});

// The regression reading (linearCurve): the least-squares affine fit's squared error against the k-NN regression's.
const identity: OutputInfo = { layer: 'head', activation: 'linear', loss: 'meanSquaredError', units: 1, labelMeanSquare: 0.2, labelVariance: 0.15 };
const regression = (constant: number, linear: number, neighbours: number, gapError: number, rows = 100): LinearFit => ({ explained: [1 - linear / constant], rows, features: 1, squaredErrors: { constant, linear, neighbours, gapError } });
const cubicStack = [layer('fc1', 'Dense', 'linear', 41), layer('head', 'Dense', 'linear', 42)];

test('curveShortfall: the share of the affine floor the neighbours remove, with the 5 % and two-standard-error bars', () => {
  // y = x³ on [−1, 1]: the best line leaves 1/7 − 0.6²/3 = 0.0229 of structure over the noise's 0.0075; neighbours near the noise.
  const cubic = curveShortfall({ constant: 1 / 7 + 0.0075, linear: 0.0229 + 0.0075, neighbours: 0.0083, gapError: 0.002 });
  assert.ok(cubic && Math.abs(cubic.structure - (0.0229 + 0.0075 - 0.0083) / (0.0229 + 0.0075)) < 1e-12);
  // Half the floor removed is not most of it; just over half is.
  assert.equal(curveShortfall({ constant: 1, linear: 0.2, neighbours: 0.1, gapError: 0.01 }), undefined);
  assert.ok(curveShortfall({ constant: 1, linear: 0.2, neighbours: 0.0999, gapError: 0.01 }));
  // A noisy line: the neighbours do no better than the fit (hom3's rows: 0.766 against 0.931).
  assert.equal(curveShortfall({ constant: 3.97, linear: 0.766, neighbours: 0.931, gapError: 0.05 }), undefined);
  // A noise-free line (ns-linreg): the fit leaves 1e-10, the neighbours 0 — all of the floor, but none of the targets' variance.
  assert.equal(curveShortfall({ constant: 33, linear: 1.2e-10, neighbours: 0, gapError: 3e-12 }), undefined);
  assert.ok(curveShortfall({ constant: 1, linear: 0.0501, neighbours: 0, gapError: 1e-3 }));
  assert.equal(curveShortfall({ constant: 1, linear: 0.0499, neighbours: 0, gapError: 1e-3 }), undefined);
  // A gap within two standard errors of the paired rows: no evidence.
  assert.equal(curveShortfall({ constant: 1, linear: 0.3, neighbours: 0.1, gapError: 0.11 }), undefined);
  assert.ok(curveShortfall({ constant: 1, linear: 0.3, neighbours: 0.1, gapError: 0.09 }));
});

test('a cubic through a linear stack: capacity-linear on the first Dense, the errors in the message', () => {
  const f = linearCurve(cubicStack, [identity], regression(0.151, 0.0263, 0.0118, 0.0023));
  assert.equal(f?.code, 'capacity-linear');
  assert.equal(f.severity, 'warning');
  assert.equal(f.location?.line, 41);
  assert.match(f.message, /^A linear model cannot follow these targets: the best affine fit of the inputs \(least squares\) leaves a mean squared error of 0\.0263 on the 100 training rows, while the mean of each row's 10 nearest neighbours' targets \(leave-one-out\) leaves 0\.0118 \(the targets' mean: 0\.151\)\. fc1 has no activation/);
  assert.match(f.message, /55\.1 % of that floor is structure/);
  // One Dense (a linear regression): on it, advising a hidden layer.
  assert.match(linearCurve([layer('head', 'Dense', 'linear', 9)], [identity], regression(0.151, 0.0263, 0.0118, 0.0023))!.message, /add a hidden layer with a non-linear activation, such as Dense\(16, relu\), before head/);
});

test('quiet: a sigmoid output on real targets (its floor is not the affine fit\'s), a hidden non-linearity, class labels, a near miss', () => {
  // so58887284's positive targets under Dense(1, sigmoid): the affine fit leaves 0.0249, the neighbours 0.0001 — a sigmoid of a line fits them.
  const sigmoid: OutputInfo = { ...identity, activation: 'sigmoid' };
  assert.equal(linearCurve([layer('head', 'Dense', 'sigmoid', 25)], [sigmoid], regression(0.2, 0.0249, 0.000146, 0.0019, 111)), undefined);
  assert.equal(linearCurve([layer('h', 'Dense', 'tanh'), layer('head', 'Dense', 'linear')], [identity], regression(0.151, 0.0263, 0.0118, 0.0023)), undefined);
  assert.equal(linearCurve(cubicStack, [identity], { explained: [0.8], rows: 100, features: 1 }), undefined);
  // tfdocs' horsepower → MPG under one Dense (measured: 24.5 against 20.0 of 60.2): a bent cloud, but most of the floor is noise.
  assert.equal(linearCurve([layer('head', 'Dense', 'linear', 22)], [identity], regression(60.2, 24.5, 20.0, 1.4, 314)), undefined);
});
