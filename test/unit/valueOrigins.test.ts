// The definitions a call's values come from (src/core/valueOrigins.ts): the line a data or loss fix edits.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lossDefinitionSite, valueOrigins } from '../../src/core/valueOrigins';

const at = (source: string, line: number, column?: number, functions = false) =>
  valueOrigins(source, 'model.js', { line, ...(column !== undefined ? { column } : {}) }, { functions }).map((o) => `${o.name}@${o.line}`);

const program = [
  "const tf = require('@tensorflow/tfjs');", // 1
  "const { table, minMax } = require('./data');", // 2
  "const rows = table('auto-mpg').rows;", // 3
  'const features = minMax(rows.map((r) => r.slice(1)));', // 4
  'const targets = rows.map((r) => [10 * r[0]]);', // 5
  'model.fit(tf.tensor2d(features), tf.tensor2d(targets), { epochs: 1 });', // 6
].join('\n');

test('an inline tensor in fit(): the stack column picks the call, and the name it reads leads to its definition', () => {
  // V8 puts a member call's frame at its property name: `tensor2d` of the second call starts at column 37.
  assert.deepEqual(at(program, 6, program.split('\n')[5].indexOf('tensor2d', 20) + 1), ['targets@5']);
  assert.deepEqual(at(program, 6, program.split('\n')[5].indexOf('tensor2d') + 1), ['features@4']);
});

test('no column (or one that matches no call): every outermost call of the line', () => {
  assert.deepEqual(at(program, 6), ['features@4', 'targets@5']);
  assert.deepEqual(at(program, 6, 2), ['features@4', 'targets@5']);
});

test('one step only, through helpers called by name and callbacks; callback parameters and modules are not origins', () => {
  const source = [
    "const tf = require('@tensorflow/tfjs');", // 1
    "const { mnist, oneHot } = require('./data');", // 2
    'const all = mnist(1000);', // 3
    'const kept = [1, 1, 2];', // 4
    'const rows = all.labels.flatMap((label, i) => (label < kept.length ? [i] : []));', // 5
    'const targets = tf.tensor2d(oneHot(rows.map((i) => all.labels[i]), 10));', // 6
  ].join('\n');
  // `oneHot` is called by name (code), `i` is the callback's parameter, `tf` and `oneHot` come from modules.
  assert.deepEqual(at(source, 6), ['rows@5', 'all@3']);
});

test('near misses: a reassigned name, a name defined on the same or a later line, a parameter, a literal', () => {
  const source = [
    'let x = load();', // 1
    'x = x.map(scale);', // 2
    'function train(y) {', // 3
    '  const t = tf.tensor2d(y); return [tf.tensor2d(x), t, tf.tensor2d([[1, 2]])];', // 4
    '}', // 5
  ].join('\n');
  assert.deepEqual(at(source, 4), []);
  assert.deepEqual(at('const a = [1]; const t = tf.tensor1d(a);', 1), []);
});

test('functions are origins only when asked (a loss passed by name), and at most MAX_ORIGINS names', () => {
  const source = ['function f(y) { return y; }', 'const a = 1, b = 2, c = 3, d = 4, e = 5;', 'g(f, a, b, c, d, e);'].join('\n');
  assert.deepEqual(at(source, 3), ['a@2', 'b@2', 'c@2', 'd@2']);
  assert.deepEqual(at(source, 3, undefined, true), ['f@1', 'a@2', 'b@2', 'c@2']);
});

test('the loss a compile() call passes by name: its definition line; not a string, an inline function or a reassigned name', () => {
  const source = [
    "const tf = require('@tensorflow/tfjs');", // 1
    'const loss = (labels, logits) => tf.sum(tf.losses.softmaxCrossEntropy(labels, logits));', // 2
    'function summed(y, p) { return tf.sum(tf.square(y.sub(p))); }', // 3
    "model.compile({ optimizer: tf.train.sgd(0.01), loss });", // 4
    "model.compile({ optimizer: 'sgd', loss: summed });", // 5
    "model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });", // 6
    "model.compile({ optimizer: 'sgd', loss: (y, p) => y.sub(p).square().sum() });", // 7
    'let l = loss; l = summed;', // 8
    "model.compile({ optimizer: 'sgd', loss: l });", // 9
  ].join('\n');
  assert.deepEqual(lossDefinitionSite(source, 'model.js', 4), { name: 'loss', line: 2, column: 14 });
  assert.equal(lossDefinitionSite(source, 'model.js', 5)?.line, 3);
  assert.equal(lossDefinitionSite(source, 'model.js', 6), undefined);
  assert.equal(lossDefinitionSite(source, 'model.js', 7), undefined);
  assert.equal(lossDefinitionSite(source, 'model.js', 9), undefined);
});

test('TypeScript sources parse too', () => {
  const source = ['const ys: number[][] = raw.map((r) => [r * 10]);', 'const t = tf.tensor2d(ys as number[][]);'].join('\n');
  assert.deepEqual(valueOrigins(source, 'model.ts', { line: 2 }).map((o) => o.line), [1]);
});
