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
  // tfjs's Adadelta steps lr × g exactly (test/runner/optimizerSteps.test.ts): a sum scales it as it scales SGD.
  for (const optimizer of ['SGD', 'Momentum', 'Adagrad', 'Adadelta', undefined]) assert.deepEqual(severity(optimizer, false), ['warning'], String(optimizer));
  assert.deepEqual(severity('Adam', true), ['warning']);
  const mixed = out({ batch: 32, rows: 16, batchRatio: 2, crossExample: 0.06 });
  assert.deepEqual(lossFunctionFindings([mixed], compile, { optimizer: 'Adam', penalised: false }).map((f) => f.severity), ['info', 'warning']);
});

test('a summed loss under SGD with full-batch steps is an info when the loss falls with no overshoot; a warning in mini-batches, with an overshoot, a flat loss or a penalty', () => {
  const summed = out({ batch: 4, rows: 2, batchRatio: 2, crossExample: 0 });
  const falls = { lossFalls: true, lossText: 'the loss fell from 98 to 0.16 over 20 steps' };
  const judge = (scale: Partial<Parameters<typeof lossFunctionFindings>[2]>) =>
    lossFunctionFindings([summed], compile, { optimizer: 'SGD', penalised: false, fullBatch: true, rate: falls, ...scale });
  const [info, ...rest] = judge({});
  assert.equal(rest.length, 0);
  assert.equal(info.severity, 'info');
  assert.deepEqual(info.location, compile);
  assert.match(info.message, /every training row in each step .* mean loss at N× the learning rate.* the loss fell from 98 to 0\.16 over 20 steps with no sign of overshooting/);
  // Near misses: each missing piece of evidence keeps the warning.
  assert.equal(judge({ fullBatch: false })[0].severity, 'warning', 'mini-batches of a size the script does not state');
  assert.equal(judge({ fullBatch: undefined })[0].severity, 'warning', 'batches per epoch unknown');
  assert.equal(judge({ rate: { ...falls, overshoot: 'learning-rate-high' } })[0].severity, 'warning', 'the steps overshoot');
  assert.equal(judge({ rate: { ...falls, overshoot: 'loss-diverging' } })[0].severity, 'warning');
  assert.equal(judge({ rate: { lossFalls: false, lossText: 'the loss went from 2.3 to 2.3 over 20 steps' } })[0].severity, 'warning', 'no progress');
  assert.equal(judge({ rate: undefined })[0].severity, 'warning', 'no evidence about the rate');
  assert.equal(judge({ penalised: true })[0].severity, 'warning', 'a penalty weighed N× less');
  // Mixing examples is not a scale: full batch does not quiet it.
  const mixed = out({ batch: 4, rows: 2, batchRatio: 1, crossExample: 0.2 });
  assert.deepEqual(lossFunctionFindings([mixed], compile, { optimizer: 'SGD', penalised: false, fullBatch: true, rate: falls }).map((f) => f.severity), ['warning']);
});

test('a summed loss in fixed mini-batches of the script is the mean at B× the rate: info when the loss falls with no overshoot; a warning with an overshoot, a flat loss, a penalty or unknown step rows', () => {
  // jax-nn-step-1e-4's shape: Σ cross-entropy over batches of 128 under plain SGD, the loss falling 323 → 3.3 without overshoot.
  const summed = out({ batch: 128, rows: 64, batchRatio: 2, crossExample: 0 });
  const falls = { lossFalls: true, lossText: 'the loss fell from 323 to 3.3 over 20 steps' };
  const judge = (scale: Partial<Parameters<typeof lossFunctionFindings>[2]>) =>
    lossFunctionFindings([summed], compile, { optimizer: 'SGD', penalised: false, fullBatch: false, stepRows: 128, rate: falls, ...scale });
  const [info, ...rest] = judge({});
  assert.equal(rest.length, 0);
  assert.equal(info.severity, 'info');
  assert.deepEqual(info.location, compile);
  assert.match(info.message, /Every step of the script's fit\(\) takes 128 rows .* the mean loss at 128× the learning rate .* the loss fell from 323 to 3\.3 over 20 steps with no sign of overshooting/);
  for (const optimizer of ['SGD', 'Momentum', 'Adagrad', 'Adadelta', undefined]) assert.equal(judge({ optimizer })[0].severity, 'info', String(optimizer));
  // Near misses: each missing piece of evidence keeps the warning (jax-nn-step-1e-3, 10× the step, overshoots).
  for (const overshoot of ['learning-rate-high', 'loss-diverging', 'loss-oscillating', 'non-finite', 'exploding']) {
    assert.equal(judge({ rate: { ...falls, overshoot } })[0].severity, 'warning', overshoot);
  }
  assert.equal(judge({ rate: { lossFalls: false, lossText: 'the loss went from 2.3 to 2.3 over 20 steps' } })[0].severity, 'warning', 'no progress');
  assert.equal(judge({ rate: undefined })[0].severity, 'warning', 'no evidence about the rate');
  assert.equal(judge({ penalised: true })[0].severity, 'warning', 'a penalty weighed 128× less');
  assert.equal(judge({ stepRows: undefined })[0].severity, 'warning', 'the script\'s steps unknown (an exported model)');
  // so-33641799-buggy's shape: the log of a softmax that reaches 0 (nan-prone-loss) — larger steps get there sooner.
  assert.equal(judge({ nanProne: true })[0].severity, 'warning', 'a loss that breaks at saturated outputs');
  assert.equal(judge({ nanProne: false })[0].severity, 'info');
  assert.match(judge({ stepRows: undefined })[0].message, /at the profiled batch of 128, 128× a mean loss's/);
  // Mixing examples is not a scale: fixed batches do not quiet it.
  const mixed = out({ batch: 128, rows: 64, batchRatio: 1, crossExample: 0.2 });
  assert.deepEqual(lossFunctionFindings([mixed], compile, { optimizer: 'SGD', penalised: false, stepRows: 128, rate: falls }).map((f) => f.severity), ['warning']);
});

test('a sum judged at the script\'s own steps: one example per step is the mean (info under any optimizer, with a penalty too); two or more warn, naming the script\'s batch', () => {
  const summed = out({ batch: 17, rows: 8, batchRatio: 2, crossExample: 0 });
  for (const optimizer of ['SGD', 'Momentum', 'Adagrad', undefined]) {
    for (const penalised of [false, true]) {
      const [one, ...rest] = lossFunctionFindings([summed], compile, { optimizer, penalised, stepRows: 1 });
      assert.equal(rest.length, 0);
      assert.equal(one.severity, 'info', `${optimizer} ${penalised}`);
      assert.match(one.message, /one example per step, where a sum over the batch is the mean/);
    }
  }
  // Near misses: 2 rows per step doubles the step; unknown steps keep the profiled batch's factor.
  const [two] = lossFunctionFindings([summed], compile, { optimizer: 'SGD', penalised: false, stepRows: 2 });
  assert.equal(two.severity, 'warning');
  assert.match(two.message, /at the script's batch of 2, 2× a mean loss's/);
  const [wide] = lossFunctionFindings([summed], compile, { optimizer: 'SGD', penalised: false, stepRows: 100 });
  assert.match(wide.message, /at the script's batch of 100, 100× a mean loss's/);
  assert.match(lossFunctionFindings([summed], compile, { optimizer: 'SGD', penalised: false })[0].message, /at the profiled batch of 17, 17×/);
  // A mean read at one example per step stays quiet; a loss that mixes examples has none to mix in a one-example step: info.
  assert.deepEqual(lossFunctionFindings([out({ batch: 17, rows: 8, batchRatio: 1, crossExample: 0 })], compile, { penalised: false, stepRows: 1 }), []);
  const mixes = out({ batch: 17, rows: 8, batchRatio: 1, crossExample: 0.06 });
  assert.deepEqual(lossFunctionFindings([mixes], compile, { penalised: false, stepRows: 1 }).map((f) => f.severity), ['info']);
  assert.deepEqual(lossFunctionFindings([mixes], compile, { penalised: false, stepRows: 2 }).map((f) => f.severity), ['warning']);
});
