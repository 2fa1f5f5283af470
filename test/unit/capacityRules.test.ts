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

const recurrent = (name: string, className: string, inputShape: (number | null)[], units: number, line: number, extra: Partial<LayerInfo> = {}): LayerInfo => {
  const gates = className === 'LSTM' ? 4 : className === 'GRU' ? 3 : 1;
  const features = inputShape.at(-1) ?? 1;
  return {
    name,
    className,
    activation: 'tanh',
    location: { file: '/m.js', line, column: 3 },
    readBy: ['Dense'],
    inputShape,
    outputShape: [null, units],
    weights: [
      { name: `${name}/kernel`, shape: [features, gates * units], trainable: true },
      { name: `${name}/recurrent_kernel`, shape: [units, gates * units], trainable: true },
      { name: `${name}/bias`, shape: [gates * units], trainable: true },
    ],
    ...extra,
  };
};

test('a recurrent layer of one unit on sequences of several numbers, read by a Dense: capacity-bottleneck on its line', () => {
  for (const [className, inputShape] of [['LSTM', [null, 10, 3]], ['GRU', [null, 20, 1]], ['SimpleRNN', [null, null, 4]]] as const) {
    const [f, ...rest] = capacityBottleneck([recurrent('rnn', className, [...inputShape], 1, 30), dense('head', 1, 1, 31, { readBy: [] })], [head()]);
    assert.equal(rest.length, 0, className);
    assert.equal(f?.code, 'capacity-bottleneck', className);
    assert.equal(f.location?.line, 30);
    assert.match(f.message, new RegExp(`^A recurrent layer of one unit: rnn \\(${className}\\) reads each example as (\\d+ steps|a sequence) of \\d+ features?`));
    assert.match(f.message, className === 'LSTM' ? /carries two numbers \(its cell state and its output\)/ : /carries one number \(its state\)/);
  }
});

test('recurrent near misses: one number in (one step of one feature), one feature over an open step count, sequences returned, several units, the output layer, merged', () => {
  const quiet = (layers: LayerInfo[]) => assert.deepEqual(capacityBottleneck(layers, [head()]), []);
  const read = dense('head', 1, 1, 31, { readBy: [] });
  // One step of one feature: the example is one number, nothing is lost (as a one-unit Dense on one feature).
  quiet([recurrent('rnn', 'LSTM', [null, 1, 1], 1, 30), read]);
  // A step count left open with one feature: not known to be more than one number.
  quiet([recurrent('rnn', 'GRU', [null, null, 1], 1, 30), read]);
  quiet([recurrent('rnn', 'LSTM', [null, 10, 3], 1, 30, { outputShape: [null, 10, 1] }), dense('head', 10, 1, 31, { readBy: [] })]);
  quiet([recurrent('rnn', 'LSTM', [null, 10, 3], 4, 30), dense('head', 4, 1, 31, { readBy: [] })]);
  quiet([recurrent('head', 'SimpleRNN', [null, 56, 1], 1, 30, { readBy: [] })]);
  quiet([recurrent('rnn', 'LSTM', [null, 10, 3], 1, 30, { readBy: ['Concatenate'] }), dense('head', 5, 1, 31, { readBy: [] })]);
});
