// The one-unit bottleneck rule (core/capacityRules.ts): a hidden Dense of one unit reading ≥ 2 features, whose one
// number per example is all the next layer reads; near misses where the unit loses nothing or is not the whole signal.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { capacityBottleneck } from '../../src/core/capacityRules';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';

const dense = (name: string, fanIn: number, units: number, line: number, extra: Partial<LayerInfo> = {}): LayerInfo => ({
  name,
  className: 'Dense',
  activation: 'tanh',
  location: { file: '/m.js', line, column: 3 },
  readBy: ['Dense'],
  outputShape: [null, units],
  weights: [{ name: `${name}/kernel`, shape: [fanIn, units], trainable: true }, { name: `${name}/bias`, shape: [units], trainable: true }],
  ...extra,
});
const head = (units = 1): OutputInfo => ({ layer: 'head', activation: 'sigmoid', loss: 'binaryCrossentropy', units, labelMeanSquare: 0.5, labelVariance: 0.25 });

test('one tanh unit between 2 features and a sigmoid output: a capacity-bottleneck warning on its line', () => {
  const [f, ...rest] = capacityBottleneck([dense('hidden', 2, 1, 46), dense('head', 1, 1, 47, { readBy: [] })], [head()]);
  assert.equal(rest.length, 0);
  assert.equal(f?.code, 'capacity-bottleneck');
  assert.equal(f.severity, 'warning');
  assert.equal(f.location?.line, 46);
  assert.match(f.message, /^A hidden layer of one unit: hidden turns each example's 2 features into a single number/);
  assert.match(f.message, /function of one linear projection w·x \+ b/);
});

test('near misses: one input feature, several units, the output layer, one unit per time step, a score merged with another branch, no outputs known', () => {
  const quiet = (layers: LayerInfo[], outputs = [head()]) => assert.deepEqual(capacityBottleneck(layers, outputs), []);
  // y = f(x) of one feature through one unit loses nothing (so-45442843-fixed: Dense(1) on one input, healthy).
  quiet([dense('hidden', 1, 1, 10), dense('head', 1, 1, 11, { readBy: [] })]);
  quiet([dense('hidden', 2, 4, 10), dense('head', 4, 1, 11, { readBy: [] })]);
  quiet([dense('head', 8, 1, 11, { readBy: [] })]);
  // Dense(1) on [batch, time, features]: one score per step (attention), the example still carries `time` numbers.
  quiet([dense('score', 16, 1, 10, { outputShape: [null, 20, 1] }), dense('head', 20, 1, 11, { readBy: [] })]);
  quiet([dense('gate', 16, 1, 10, { readBy: ['Multiply'] }), dense('head', 16, 1, 11, { readBy: [] })]);
  quiet([dense('branch', 16, 1, 10, { readBy: ['Concatenate'] }), dense('head', 17, 1, 11, { readBy: [] })]);
  // Dense(1) then an Activation layer as the model output: the output's pre-activation (so-31556268-fixed, healthy).
  quiet([dense('hidden', 2, 4, 10), dense('pre', 4, 1, 11, { readBy: ['Activation'] }), { name: 'act', className: 'Activation', activation: 'sigmoid', weights: [] }], [{ ...head(), layer: 'act' }]);
  // Without the output shape (an older runner) nothing is said.
  quiet([dense('hidden', 2, 1, 10, { outputShape: undefined }), dense('head', 1, 1, 11, { readBy: [] })]);
  quiet([dense('hidden', 2, 1, 10), dense('head', 1, 1, 11, { readBy: [] })], []);
});
