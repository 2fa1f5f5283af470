// The linear-model rule (core/linearFitRule.ts): which models are linear in their inputs, the chance and class-frequency
// corrections of R² in closed form, and the verdict on XOR-like fits against near misses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { explainedShare, linearCapacity, linearOutputLayer, LINEAR_FIT } from '../../src/core/linearFitRule';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';
import { layer } from './layerInfoFixture';

const head = (activation = 'sigmoid', units = 1): OutputInfo => ({ layer: 'head', activation, loss: 'binaryCrossentropy', units, labelMeanSquare: 0.5, labelVariance: 0.25 });

test('linear in the inputs: Dense(sigmoid) alone; linear Dense + Dropout + BatchNormalization + Flatten before a softmax; a Dense then its Activation layer', () => {
  assert.equal(linearOutputLayer([layer('head', 'Dense', 'sigmoid', 12)], [head()])?.location?.line, 12);
  const stack = [layer('f', 'Flatten'), layer('d1', 'Dense', 'linear'), layer('bn', 'BatchNormalization'), layer('drop', 'Dropout'), layer('head', 'Dense', 'softmax', 14)];
  assert.equal(linearOutputLayer(stack, [head('softmax', 3)])?.name, 'head');
  const split = [layer('logit', 'Dense', undefined, 20), { ...layer('head', 'Activation', 'sigmoid', 21) }];
  assert.equal(linearOutputLayer(split, [head()])?.name, 'logit');
});

test('not linear: a hidden tanh/relu Dense, a hidden Activation layer, a convolution, a nested model, a relu output, two outputs', () => {
  const none = (layers: LayerInfo[], outputs = [head()]) => assert.equal(linearOutputLayer(layers, outputs), undefined);
  none([layer('h', 'Dense', 'tanh'), layer('head', 'Dense', 'sigmoid')]);
  none([layer('h', 'Dense', 'relu'), layer('head', 'Dense', 'linear')], [head('linear')]);
  none([layer('h', 'Dense'), layer('a', 'Activation', 'relu'), layer('head', 'Dense', 'sigmoid')]);
  none([layer('c', 'Conv2D', 'linear'), layer('f', 'Flatten'), layer('head', 'Dense', 'softmax')], [head('softmax', 10)]);
  none([layer('inner', 'Sequential'), layer('head', 'Dense', 'sigmoid')]);
  none([layer('head', 'Dense', 'relu')], [head('relu')]);
  none([layer('head', 'Dense', 'sigmoid')], [head(), { ...head(), layer: 'other' }]);
});

test('explainedShare: adjusted R² (Ezekiel) in closed form, and Fisher\'s balanced reading of a 0/1 column', () => {
  // Regression: 1 − (1 − R²)(n − 1)/(n − p − 1).
  assert.ok(Math.abs(explainedShare(0.2, 400, 2)! - (1 - (0.8 * 399) / 397)) < 1e-12);
  // Chance alone: p/(n − 1) is adjusted to 0; XOR's exact 0 stays 0 (4 rows, 2 features: one degree of freedom).
  assert.equal(explainedShare(2 / 99, 100, 2), 0);
  assert.equal(explainedShare(0, 4, 2, 0.5), 0);
  // A balanced class: D² = R²/((1 − R²)·¼) and back to R² at π = ½ — the same number.
  assert.ok(Math.abs(explainedShare(0.3, 1e9, 2, 0.5)! - 0.3) < 1e-6);
  // A rare class 3.3 Mahalanobis units from the rest (D² = 11, π = 0.001): R² ≈ 0.011 raw, ≈ 0.73 read balanced.
  const pi = 0.001;
  const rare = (pi * (1 - pi) * 11) / (1 + pi * (1 - pi) * 11);
  assert.ok(rare < 0.012);
  assert.ok(Math.abs(explainedShare(rare, 1e9, 2, pi)! - 11 / 4 / (1 + 11 / 4)) < 1e-6);
  // No degrees of freedom left, or a column with one class only: no reading.
  assert.equal(explainedShare(0, 3, 2), undefined);
  assert.equal(explainedShare(0, 100, 2, 0), undefined);
});

test('XOR under logistic regression: capacity-linear (warning) on the output layer, R² = 0.00 on 4 rows', () => {
  const f = linearCapacity([layer('head', 'Dense', 'sigmoid', 22)], [head()], { explained: [0], shares: [0.5], rows: 4, features: 2 });
  assert.equal(f?.code, 'capacity-linear');
  assert.equal(f.severity, 'warning');
  assert.equal(f.location?.line, 22);
  assert.match(f.message, /^No linear function of the inputs fits these labels \(best linear fit R² = 0\.00 on 4 rows of 2 features\)\. Nothing in this model before its output is non-linear; add a hidden layer with a non-linear activation, such as Dense\(16, relu\), before head\./);
  assert.match(f.message, /sigmoid\(W·x \+ b\)/);
});

test('XOR through a linear stack: capacity-linear on the first Dense, the hidden layer whose activation is missing (W₂W₁ is one map)', () => {
  // STAT 453's XOR notebook without its ReLU: Linear(2, 50) → Linear(50, 2) on the logits; the fix is the ReLU on the first.
  const stack = [layer('fc1', 'Dense', 'linear', 42), layer('drop', 'Dropout'), layer('head', 'Dense', 'softmax', 43)];
  const f = linearCapacity(stack, [head('softmax', 2)], { explained: [0.001, 0.001], shares: [0.5, 0.5], rows: 750, features: 2 });
  assert.equal(f?.layer, 'fc1');
  assert.equal(f.location?.line, 42);
  assert.match(f.message, /\(best linear fit R² = 0\.00 on 750 rows of 2 features\)\. fc1 has no activation and nothing after it before the output is non-linear, so the layers collapse into one linear map; add an activation such as 'relu' to fc1\./);
  // Three linear Dense layers (ZTM's circles model 3): still the first.
  const three = [layer('d1', 'Dense', 'linear', 26), layer('d2', 'Dense', 'linear', 27), layer('head', 'Dense', 'linear', 28)];
  assert.equal(linearCapacity(three, [head('linear')], { explained: [0], shares: [0.5], rows: 1000, features: 2 })?.location?.line, 26);
});

test('near misses: a noisy regression (R² 0.2), a three-class fit with one class separated, a rare separable class, a hidden tanh layer, no fit measured', () => {
  const quiet = (layers: LayerInfo[], outputs: OutputInfo[], fit: Parameters<typeof linearCapacity>[2]) => assert.equal(linearCapacity(layers, outputs, fit), undefined);
  quiet([layer('head', 'Dense')], [head('linear')], { explained: [0.2], rows: 400, features: 2 });
  quiet([layer('head', 'Dense', 'softmax')], [head('softmax', 3)], { explained: [0.01, 0.02, 0.3], shares: [1 / 3, 1 / 3, 1 / 3], rows: 300, features: 2 });
  quiet([layer('head', 'Dense', 'sigmoid')], [head()], { explained: [0.011], shares: [0.001], rows: 100000, features: 2 });
  quiet([layer('h', 'Dense', 'tanh'), layer('head', 'Dense', 'sigmoid')], [head()], { explained: [0], shares: [0.5], rows: 4, features: 2 });
  quiet([layer('head', 'Dense', 'sigmoid')], [head()], undefined);
  // Just above the bar, read as adjusted R².
  const n = 1000;
  const r2 = 1 - (1 - LINEAR_FIT.explainedShare) * ((n - 3) / (n - 1)) + 1e-9;
  quiet([layer('head', 'Dense')], [head('linear')], { explained: [r2], rows: n, features: 2 });
  assert.ok(linearCapacity([layer('head', 'Dense')], [head('linear')], { explained: [r2 - 2e-3], rows: n, features: 2 }));
});
