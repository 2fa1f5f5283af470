// The neighbours' reading of capacity-linear (core/linearReachRule.ts): a linear model fires when its best training
// error reaches less than half of the k-NN rule's gain over a constant and the gap is beyond two standard errors; it
// speaks on the first Dense of a linear stack (where the activation is missing), and only for a model linear in its inputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { linearReach, linearShortfall, LINEAR_REACH } from '../../src/core/linearReachRule';
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
