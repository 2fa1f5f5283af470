// Where the learning rate is written (core/lrEdit.ts learningRateValueSite): the rate findings' line when the
// tf.train call reads a constant defined elsewhere; the call's own line (undefined) when the number is in it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { learningRateValueSite } from '../../src/core/lrEdit';

const program = (rate: string, optimizer: string) =>
  [
    "const tf = require('@tensorflow/tfjs');",
    `const LEARNING_RATE = ${rate};`,
    'const BATCH = 7;',
    'const model = tf.sequential();',
    "model.add(tf.layers.dense({ inputShape: [9], units: 2 }));",
    `model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });`,
  ].join('\n');

test('a rate constant defined on line 2 and read by tf.train.sgd on line 6: its number on line 2', () => {
  assert.deepEqual(learningRateValueSite(program('0.5', 'tf.train.sgd(LEARNING_RATE)'), 'm.js', 6), { line: 2, column: 23 });
  // Destructured and TypeScript-annotated constants resolve too.
  const ts = program('0.5', 'tf.train.momentum(LEARNING_RATE, 0.9)').replace('const LEARNING_RATE = 0.5;', 'const [LEARNING_RATE, OTHER]: number[] = [0.5, 3];');
  assert.deepEqual(learningRateValueSite(ts, 'm.ts', 6), { line: 2, column: 43 });
});

test('near misses: the number in the call, a rate that is not a number defined in the file, no tf.train call on the line: undefined', () => {
  assert.equal(learningRateValueSite(program('0.5', 'tf.train.sgd(0.5)'), 'm.js', 6), undefined);
  assert.equal(learningRateValueSite(program('Number(process.env.LR)', 'tf.train.sgd(LEARNING_RATE)'), 'm.js', 6), undefined);
  assert.equal(learningRateValueSite(program('0.5', "'adam'"), 'm.js', 6), undefined);
  assert.equal(learningRateValueSite(program('0.5', 'tf.train.sgd(LEARNING_RATE)'), 'm.js', 5), undefined);
  assert.equal(learningRateValueSite('const x = ;', 'm.js', 1), undefined);
});
