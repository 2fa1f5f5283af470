// The activation families in src/core/activations.ts checked against the functions TensorFlow.js computes:
// a family's claim (exact zeros, flat tails, slope 1 for positive inputs) must hold for every member.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GLOROT_MATCHED, HARD_ZERO, PROBABILITY_OUTPUT, RELU_LIKE, SATURATING, SIGMOID_LIKE, ZERO_CENTRED } from '../../src/core/activations';

/** Output and derivative of the tfjs activation `name` at each x (a Dense layer of one unit, kernel 1, no bias). */
function evaluate(name: string, xs: number[]): { y: number[]; dy: number[] } {
  const layer = tf.layers.dense({ units: 1, useBias: false, kernelInitializer: 'ones', activation: name as never, inputShape: [1] });
  const input = tf.tensor2d(xs, [xs.length, 1]);
  const y = (layer.apply(input) as tf.Tensor).dataSync();
  const dy = tf.grad((x: tf.Tensor) => (layer.apply(x) as tf.Tensor).sum())(input).dataSync();
  return { y: [...y], dy: [...dy] };
}

// leakyRelu is a layer in tfjs (tf.layers.leakyReLU), not an activation string; the analyzer maps it.
const tfjsNames = (set: { names: readonly string[] }) => set.names.filter((n) => n !== 'leakyRelu');

test('names compare in any spelling', () => {
  for (const spelling of ['hardSigmoid', 'hard_sigmoid', 'hardsigmoid', 'HARD-SIGMOID']) assert.ok(SATURATING.has(spelling), spelling);
  assert.ok(RELU_LIKE.has('leaky_relu') && RELU_LIKE.has('gelu_new') && RELU_LIKE.has('geluNew'));
  assert.ok(!SATURATING.has(undefined) && !SATURATING.has('relu') && !HARD_ZERO.has('elu'));
});

test('HARD_ZERO members output exactly 0 for negative inputs; the other ReLU-like ones do not', () => {
  for (const name of tfjsNames(RELU_LIKE)) {
    const { y } = evaluate(name, [-3, -1]);
    assert.equal(y.every((v) => v === 0), HARD_ZERO.has(name), `${name}: ${y}`);
  }
});

test('RELU_LIKE members have slope ≈ 1 for positive inputs (what He initialization assumes)', () => {
  for (const name of tfjsNames(RELU_LIKE)) {
    const at = name === 'relu6' ? 3 : 5;
    const { dy } = evaluate(name, [at]);
    assert.ok(Math.abs(dy[0] - 1) < 0.05, `${name}: slope ${dy[0]} at ${at}`);
  }
});

test('SATURATING members are bounded with flat tails on both sides; ZERO_CENTRED ones have range (-1, 1)', () => {
  for (const name of SATURATING.names) {
    const { y, dy } = evaluate(name, [-200, 0, 200]);
    const [low, middle, high] = y;
    assert.ok(dy[0] < 0.01 * dy[1] && dy[2] < 0.01 * dy[1], `${name}: slopes ${dy}`);
    if (ZERO_CENTRED.has(name)) assert.ok(low < -0.99 && Math.abs(middle) < 1e-6 && high > 0.99, `${name}: ${y}`);
    else assert.ok(low < 0.01 && Math.abs(middle - 0.5) < 1e-6 && high > 0.99, `${name}: ${y}`);
  }
  for (const name of tfjsNames(RELU_LIKE)) assert.ok(!SATURATING.has(name), name);
});

test('SIGMOID_LIKE members have a derivative ≤ 0.25 everywhere; the other SATURATING members do not', () => {
  const xs = Array.from({ length: 81 }, (_, i) => -8 + i * 0.2);
  for (const name of SATURATING.names) {
    const steepest = Math.max(...evaluate(name, xs).dy);
    assert.equal(steepest <= 0.25 + 1e-6, SIGMOID_LIKE.has(name), `${name}: steepest slope ${steepest}`);
  }
  for (const name of SIGMOID_LIKE.names) assert.ok(SATURATING.has(name), name);
});

test('PROBABILITY_OUTPUT members output values in [0, 1] for any input; the others do not', () => {
  const xs = [-50, -3, -0.5, 0, 0.5, 3, 50];
  for (const name of ['sigmoid', 'hardSigmoid', 'softmax', 'tanh', 'softsign', 'linear', 'relu', 'elu']) {
    const { y } = evaluate(name, xs);
    assert.equal(y.every((v) => v >= 0 && v <= 1), PROBABILITY_OUTPUT.has(name), `${name}: ${y}`);
  }
});

test('every family member is an activation TensorFlow.js knows', () => {
  for (const set of [HARD_ZERO, SATURATING, ZERO_CENTRED, RELU_LIKE, GLOROT_MATCHED, SIGMOID_LIKE, PROBABILITY_OUTPUT]) {
    for (const name of tfjsNames(set)) assert.doesNotThrow(() => evaluate(name, [0]), name);
  }
});
