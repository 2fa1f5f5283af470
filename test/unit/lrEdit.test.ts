// The "Apply learning rate" edit: exact resulting source for each way a model file sets its optimizer,
// and a reason (no edit) where the learning rate cannot be resolved statically.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatLearningRate } from '../../src/core/format';
import { learningRateEdit } from '../../src/core/lrEdit';
import { analyzeModel } from '../../src/core/lint/analyzer';
import { parseSource } from '../../src/core/lint/parse';

function applied(text: string, lr: number, fileName = 'model.js'): string {
  const result = learningRateEdit(text, fileName, lr);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const { start, end, newText } = result.edit;
  const edited = text.slice(0, start) + newText + text.slice(end);
  // Read back independently of the edit: the edited file parses and its optimizer now has this rate.
  const parsed = parseSource(edited, fileName);
  assert.equal(parsed.errors.length, parseSource(text, fileName).errors.length, 'the edit adds no syntax error');
  const rates = analyzeModel(parsed.ast!.program).optimizers.map((o) => (o.learningRate?.kind === 'num' ? o.learningRate.value : undefined));
  assert.ok(rates.includes(Number(formatLearningRate(lr))), `optimizer rates after the edit: ${rates}`);
  return edited;
}

function refused(text: string, lr = 3e-4, fileName = 'model.js'): string {
  const result = learningRateEdit(text, fileName, lr);
  assert.ok(!result.ok, `expected no edit, got ${result.ok && JSON.stringify(result.edit)}`);
  return result.reason;
}

test('formats learning rates compactly with 2 significant digits', () => {
  assert.equal(formatLearningRate(3e-4), '3e-4');
  assert.equal(formatLearningRate(0.000316227766), '3.2e-4');
  assert.equal(formatLearningRate(0.0025), '2.5e-3');
  assert.equal(formatLearningRate(1e-5), '1e-5');
  assert.equal(formatLearningRate(0.01), '0.01');
  assert.equal(formatLearningRate(0.3), '0.3');
  assert.equal(formatLearningRate(1.5), '1.5');
  assert.equal(formatLearningRate(0.009999), '0.01');
  assert.equal(formatLearningRate(1234), '1.2e3');
  for (const lr of [3e-4, 2.5e-3, 0.07, 1e-7, 4.2]) assert.equal(Number(formatLearningRate(lr)), Number(lr.toPrecision(2)));
});

test('inline tf.train call in compile: its first argument changes, other arguments stay', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: 'meanSquaredError' });
`;
  assert.equal(applied(text, 0.0031), text.replace('tf.train.momentum(0.1, 0.9)', 'tf.train.momentum(3.1e-3, 0.9)'));
  const result = learningRateEdit(text, 'model.js', 0.0031);
  assert.ok(result.ok);
  assert.equal(result.edit.line, 3);
  assert.equal(result.edit.description, 'tf.train.momentum(0.1, …) → tf.train.momentum(3.1e-3, …)');
});

test('optimizer held in a variable: the tf.train call where it is created changes', () => {
  const text = `import * as tfjs from '@tensorflow/tfjs';
const optimizer = tfjs.train.adam(1e-3);
export function createModel() {
  const model = tfjs.sequential();
  model.add(tfjs.layers.dense({ units: 1, inputShape: [4] }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
`;
  assert.equal(applied(text, 3e-4), text.replace('tfjs.train.adam(1e-3)', 'tfjs.train.adam(3e-4)'));
});

test('a learning-rate constant is changed where it is defined', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const LEARNING_RATE = 0.01;
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: 'meanSquaredError' });
console.log('lr', LEARNING_RATE);
`;
  assert.equal(applied(text, 0.05), text.replace('LEARNING_RATE = 0.01', 'LEARNING_RATE = 0.05'));
  const result = learningRateEdit(text, 'model.js', 0.05);
  assert.ok(result.ok);
  assert.equal(result.edit.line, 2);
  assert.match(result.edit.description, /LEARNING_RATE = 0\.01 → 0\.05 \(used by tf\.train\.sgd on line 4; it is also used on line 5, which change with it\)/);
  assert.deepEqual(result.edit.otherUses, [5], 'the console.log use is listed before it changes');
});

test('a constant used only by the optimizer lists no other uses; keys and member names of the same name are not uses', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const LR = 0.01;
const config = { LR: 5 };
console.log(config.LR);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: tf.train.sgd(LR), loss: 'meanSquaredError' });
`;
  const result = learningRateEdit(text, 'model.js', 0.05);
  assert.ok(result.ok);
  assert.equal(result.edit.otherUses, undefined);
  assert.match(result.edit.description, /\(used by tf\.train\.sgd on line 6\)$/);
});

test('a computed literal argument is replaced whole', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
m.compile({ optimizer: tf.train.rmsprop(1e-3 / 3), loss: 'meanSquaredError' });
`;
  assert.equal(applied(text, 2e-4), text.replace('tf.train.rmsprop(1e-3 / 3)', 'tf.train.rmsprop(2e-4)'));
});

test('tf.train call without arguments gets the learning rate inserted', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
m.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError' });
`;
  assert.equal(applied(text, 1e-3), text.replace('tf.train.adam()', 'tf.train.adam(1e-3)'));
});

test("string optimizer becomes the file's own tf.train call (namespace name as bound)", () => {
  const text = `const tensorflow = require('@tensorflow/tfjs-node');
const model = tensorflow.sequential({ layers: [tensorflow.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: 'Adam', loss: 'meanSquaredError' });
`;
  assert.equal(applied(text, 3e-4), text.replace("'Adam'", 'tensorflow.train.adam(3e-4)'));
});

test('string optimizer with train imported by name, TypeScript file', () => {
  const text = `import { sequential, layers, train } from '@tensorflow/tfjs';
const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: 'rmsprop' as const, loss: 'meanSquaredError' });
`;
  // The `as const` assertion stays attached to what was the string: replacing the whole property value.
  assert.equal(applied(text, 0.001, 'model.ts'), text.replace("'rmsprop' as const", 'train.rmsprop(1e-3)'));
});

test('string optimizer through a const, shorthand property kept valid', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const optimizer = 'sgd';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer, loss: 'meanSquaredError' });
`;
  assert.equal(applied(text, 0.1), text.replace('{ optimizer, loss', '{ optimizer: tf.train.sgd(0.1), loss'));
});

test('custom training loop: the only tf.train optimizer is edited', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const w = tf.variable(tf.zeros([2, 1]));
const opt = tf.train.sgd(0.5);
for (let i = 0; i < 10; i++) opt.minimize(() => tf.sum(w));
`;
  assert.equal(applied(text, 0.02), text.replace('tf.train.sgd(0.5)', 'tf.train.sgd(0.02)'));
});

test('refuses, with a reason, what cannot be resolved statically', () => {
  const header = `const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\n`;
  assert.match(refused(`${header}function make(lr) { return tf.train.adam(lr); }\nmodel.compile({ optimizer: make(0.1), loss: 'mse' });\n`), /compile\(\) on line 4 gets make\(0\.1\), which is not a tf\.train optimizer/);
  assert.match(refused(`${header}module.exports = (lr) => { model.compile({ optimizer: tf.train.adam(lr), loss: 'mse' }); };\n`), /learning rate of tf\.train\.adam\(lr\) on line 3 is not a number defined in this file/);
  assert.match(refused(`${header}model.compile({ optimizer: 'nadam', loss: 'mse' });\n`), /'nadam', which has no tf\.train factory/);
  assert.match(refused(header), /no model\.compile\(\{optimizer\}\) call and no tf\.train optimizer/);
  assert.match(refused(`const x = 1;\nmodule.exports = x;\n`), /does not import TensorFlow\.js/);
  assert.match(refused(`${header}model.compile({ optimizer: tf.train.adam(1e-3), loss: 'mse' });\n`, NaN), /NaN is not a usable learning rate/);
  assert.match(refused(`${header}model.compile({ optimizer: tf.train.adam(1e-3), loss: 'mse' });\n`, 0), /0 is not a usable learning rate/);
});

test('first compile with a resolvable optimizer wins; a half-typed file still resolves', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const a = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
a.compile({ optimizer: tf.train.adam(0.01), loss: 'mse' });
const b = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
b.compile({ optimizer: tf.train.sgd(0.1), loss: 'mse' });
const broken = {
`;
  assert.equal(applied(text, 4e-3), text.replace('tf.train.adam(0.01)', 'tf.train.adam(4e-3)'));
});

test("the swept model's compile() (line from the runner) is edited, not the first one; a vanished line says so", () => {
  const text = `const tf = require('@tensorflow/tfjs');
const a = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
a.compile({ optimizer: tf.train.adam(0.01), loss: 'mse' });
const b = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
b
  .compile({ optimizer: tf.train.sgd(0.1), loss: 'mse' });
`;
  // V8 reports a chained call at its property: line 6 for the call starting on line 5.
  const second = learningRateEdit(text, 'model.js', 4e-3, { compileLine: 6 });
  assert.ok(second.ok);
  const edited = text.slice(0, second.edit.start) + second.edit.newText + text.slice(second.edit.end);
  assert.equal(edited, text.replace('tf.train.sgd(0.1)', 'tf.train.sgd(4e-3)'));
  assert.equal(second.edit.note, undefined);
  const gone = learningRateEdit(text, 'model.js', 4e-3, { compileLine: 2 });
  assert.ok(gone.ok);
  assert.equal(gone.edit.line, 3);
  assert.equal(gone.edit.note, "the swept model's compile() on line 2 is not there now; compile() on line 3 is edited instead");
});
