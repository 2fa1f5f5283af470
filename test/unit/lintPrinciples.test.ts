// Static rules judged by principle: large-initializer by the variance gain fan-in · E[w²] (· ½ under ReLU), compounded over
// consecutive layers (docs/lint/large-initializer.md); learning-rate-range's SGD ceiling an info; MSE over a softmax.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintSource } from '../../src/core/lint';
import { secondMoment } from '../../src/core/lint/rules/initializer-gain';

const lint = (body: string[]) => lintSource(["const tf = require('@tensorflow/tfjs');", ...body].join('\n'), 'm.js').diagnostics;
const large = (body: string[]) => lint(body).filter((d) => d.code === 'large-initializer');

test('E[w²] of each fixed-scale initializer: closed forms', () => {
  const num = (value: number) => ({ kind: 'num', value }) as never;
  const cfg = (o: Record<string, number>) => ({ kind: 'obj', open: false, props: new Map(Object.entries(o).map(([k, v]) => [k, { val: num(v) }])) }) as never;
  assert.equal(secondMoment({ name: 'randomNormal', config: cfg({ stddev: 3 }) })!.value, 9);
  assert.equal(secondMoment({ name: 'randomNormal', config: cfg({ stddev: 1, mean: 2 }) })!.value, 5);
  // A standard normal truncated to [−2, 2] has variance 1 − 4φ(2)/(2Φ(2) − 1) = 0.7737.
  assert.ok(Math.abs(secondMoment({ name: 'truncatedNormal', config: cfg({ stddev: 1 }) })!.value - 0.7737) < 1e-4);
  assert.ok(Math.abs(secondMoment({ name: 'randomUniform', config: cfg({ minval: -1, maxval: 1 }) })!.value - 1 / 3) < 1e-12);
  assert.ok(Math.abs(secondMoment({ name: 'randomUniform', config: cfg({ minval: 0, maxval: 3 }) })!.value - 3) < 1e-12);
  // tfjs defaults: randomNormal stddev 0.05.
  assert.ok(Math.abs(secondMoment({ name: 'randomNormal', config: undefined })!.value - 0.0025) < 1e-12);
  assert.equal(secondMoment({ name: 'glorotUniform', config: undefined }), undefined);
});

test('a looped ReLU stack at N(0, 3): 13 · 9 · ½ = 59, then 64 · 9 · ½ = 288 three times, 1.4e9 in all: a warning with the numbers', () => {
  const d = large([
    'const m = tf.sequential();',
    'm.add(tf.layers.inputLayer({ inputShape: [13] }));',
    "for (let i = 0; i < 4; i++) m.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 3 }) }));",
    "m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));",
  ]);
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /fan-in of 13 multiplies the signal's variance by 59 at its first of 4 applications and 288 at each later one \(fan-in · E\[w²\] · ½ under ReLU/);
  assert.match(d[0].message, /compounds to 1\.4e9×, so the signal starts 3\.7e4× the scale/);
  assert.match(d[0].message, /use 'heNormal'\.$/);
});

test('functional API: gains compound along .apply() chains; an unknown width is a lower bound ("at least")', () => {
  const d = large([
    'const x = tf.input({ shape: [32] });',
    "const h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 3 }) }).apply(x);",
    "const y = tf.layers.dense({ units: 32, kernelInitializer: tf.initializers.randomNormal({ stddev: 3 }) }).apply(h);",
    'export const m = tf.model({ inputs: x, outputs: y });',
  ]);
  assert.equal(d.length, 1);
  // The first layer's fan-in is not written (tf.input's shape is not read): 1 · 9 · ½ stands in, then 32 · 9.
  assert.match(d[0].message, /fan-in of at least 1 multiplies the signal's variance by at least 4\.5 .*the next large layer \(288\) it compounds to at least 1\.3e3×/);
  assert.equal(d[0].severity, 'warning');
});

test('near misses: one-input regression at U(−1, 1) (0.33), 9-feature logistic regression at truncatedNormal(1) (7), ReLU pair at std 0.5 on 16 (2 · 2)', () => {
  assert.deepEqual(large(["const m = tf.sequential(); m.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1 }) }));"]), []);
  assert.deepEqual(large(["const m = tf.sequential(); m.add(tf.layers.dense({ inputShape: [9], units: 2, kernelInitializer: tf.initializers.truncatedNormal({ stddev: 1 }) }));"]), []);
  const pair = ['const m = tf.sequential();', "m.add(tf.layers.dense({ inputShape: [16], units: 16, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.5 }) }));", "m.add(tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.5 }) }));"];
  assert.deepEqual(large(pair), []);
  // The same pair at std 2.5 (gain 50 each, 2,500 together) warns; at std 2 on 8 inputs for one layer (16) it does not.
  assert.equal(large(pair.map((l) => l.replace('0.5', '2.5')))[0]?.severity, 'warning');
  assert.deepEqual(large(["const m = tf.sequential(); m.add(tf.layers.dense({ inputShape: [8], units: 4, kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }));"]), []);
});

test('learning-rate-range: SGD above 1 is an info (its stable step depends on the curvature), Adam above 0.1 a warning', () => {
  const lr = (opt: string) => lint([`const o = ${opt};`]).filter((d) => d.code === 'learning-rate-range');
  assert.equal(lr('tf.train.sgd(3)')[0].severity, 'info');
  assert.match(lr('tf.train.sgd(3)')[0].message, /stable below 2\/L/);
  assert.equal(lr('tf.train.momentum(2, 0.9)')[0].severity, 'info');
  assert.equal(lr('tf.train.adam(0.5)')[0].severity, 'warning');
  assert.equal(lr('tf.train.rmsprop(1)')[0].severity, 'warning');
  assert.equal(lr('tf.train.sgd(-1)')[0].severity, 'warning');
  assert.deepEqual(lr('tf.train.sgd(1)'), []);
});

test('loss-activation-mismatch: MSE over a softmax is flagged with the cross-entropy fix; MSE over a sigmoid or a linear output is not', () => {
  const body = (act: string, loss: string) => ['const m = tf.sequential();', `m.add(tf.layers.dense({ inputShape: [8], units: 3, activation: '${act}' }));`, `m.compile({ optimizer: 'sgd', loss: '${loss}' });`];
  const d = lint(body('softmax', 'meanSquaredError')).filter((x) => x.code === 'loss-activation-mismatch');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /^meanSquaredError on a softmax output: .*Golik et al\. 2013/);
  assert.deepEqual(d[0].fixes.map((f) => f.edits.map((e) => e.newText)), [["'categoricalCrossentropy'"]]);
  assert.equal(lint(body('softmax', 'mse')).filter((x) => x.code === 'loss-activation-mismatch').length, 1);
  assert.deepEqual(lint(body('sigmoid', 'meanSquaredError')).filter((x) => x.code === 'loss-activation-mismatch'), []);
  assert.deepEqual(lint(body('linear', 'meanSquaredError')).filter((x) => x.code === 'loss-activation-mismatch'), []);
});

test('loss-activation-mismatch: a hardSigmoid output is a probability for binary cross-entropy, but not a distribution for categorical', () => {
  const body = (units: number, loss: string) => ['const m = tf.sequential();', `m.add(tf.layers.dense({ inputShape: [2], units: ${units} }));`, "m.add(tf.layers.activation({ activation: 'hardSigmoid' }));", `m.compile({ optimizer: 'sgd', loss: '${loss}' });`];
  assert.deepEqual(lint(body(1, 'binaryCrossentropy')).filter((x) => x.code === 'loss-activation-mismatch'), []);
  const d = lint(body(3, 'categoricalCrossentropy')).filter((x) => x.code === 'loss-activation-mismatch');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /^Categorical crossentropy expects outputs that sum to 1, but 3 independent hardSigmoid units/);
});
