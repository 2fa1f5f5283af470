// The loss-function rule (src/core/lossFunctionRule.ts) on hand-made probe readings: each finding and its near miss.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lossFunctionFindings, SUMMED_RATIO, CROSS_EXAMPLE, SCALE_FREE_OPTIMIZERS } from '../../src/core/lossFunctionRule';
import type { OutputInfo } from '../../src/core/protocol';

const compile = { file: '/m.js', line: 25, column: 7 };
const out = (lossReduction?: OutputInfo['lossReduction']): OutputInfo => ({
  layer: 'head', activation: 'linear', loss: 'summedSquaredError', units: 1, labelMeanSquare: 1, labelVariance: 1, ...(lossReduction ? { lossReduction } : {}),
});

test('a loss summed over the batch (ratio 2) fires on the compile() line naming the batch; an average (ratio 1) does not', () => {
  const [summed, ...rest] = lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: 2, crossExample: 0 })], compile);
  assert.equal(rest.length, 0);
  assert.equal(summed.code, 'loss-function');
  assert.deepEqual(summed.location, compile);
  assert.equal(summed.layer, 'head');
  assert.match(summed.message, /summed over the examples, not averaged: on 16 rows .* 2× .* at the profiled batch of 32, 32× a mean loss.s/);
  assert.deepEqual(lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: 1, crossExample: 0 })], compile), []);
  // Just under the bar (a loss partly summed would sit between 1 and 2): quiet at 1.49, fires at 1.5.
  assert.deepEqual(lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: SUMMED_RATIO - 0.01 })], compile), []);
  assert.equal(lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: SUMMED_RATIO })], compile).length, 1);
});

test('a loss whose terms read other examples’ labels fires; exactly 0 (one term per example) or no probe stays quiet', () => {
  const [mixed] = lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: 1, crossExample: 0.06 })], compile);
  assert.match(mixed.message, /mixes examples: .* by 0\.06 of the largest gradient .* batch × batch matrix/);
  assert.deepEqual(lossFunctionFindings([out({ batch: 32, rows: 16, batchRatio: 1, crossExample: CROSS_EXAMPLE / 10 })], compile), []);
  assert.deepEqual(lossFunctionFindings([out()], compile), []);
});

test('a summed loss is an info under a scale-free optimizer with no weight penalty, a warning under SGD/momentum, Adagrad, an unknown optimizer or with a penalty; mixing examples warns under any', () => {
  const summed = out({ batch: 32, rows: 16, batchRatio: 2, crossExample: 0 });
  const severity = (optimizer: string | undefined, penalised: boolean) => lossFunctionFindings([summed], compile, { optimizer, penalised }).map((f) => f.severity);
  for (const optimizer of SCALE_FREE_OPTIMIZERS) assert.deepEqual(severity(optimizer, false), ['info'], optimizer);
  assert.match(lossFunctionFindings([summed], compile, { optimizer: 'Adam', penalised: false })[0].message, /Under Adam the step does not depend .* kernelRegularizer \(weighed 32× less/);
  for (const optimizer of ['SGD', 'Momentum', 'Adagrad', undefined]) assert.deepEqual(severity(optimizer, false), ['warning'], String(optimizer));
  assert.deepEqual(severity('Adam', true), ['warning']);
  const mixed = out({ batch: 32, rows: 16, batchRatio: 2, crossExample: 0.06 });
  assert.deepEqual(lossFunctionFindings([mixed], compile, { optimizer: 'Adam', penalised: false }).map((f) => f.severity), ['info', 'warning']);
});
