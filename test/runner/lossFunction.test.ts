// Custom loss functions read at run time (runner/lossReduction.ts → core/lossFunctionRule.ts): a loss summed over
// the batch (under SGD, or under Adam with a weight penalty) and one whose labels broadcast against the outputs
// warn on the compile() line; the same sum under Adam without a penalty is an info; the losses averaged over the
// batch, one term per example, stay quiet. Under SGD a script whose fit() takes every row in each step, or fixed
// mini-batches of a stated size, gets an info while its loss falls without overshooting, a warning when the steps overshoot.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('rates', f);
const FILES = ['summed-loss.js', 'mean-loss.js', 'broadcast-loss.js', 'per-example-loss.js', 'summed-loss-adam.js', 'summed-loss-adam-l2.js', 'summed-loss-full-batch.js', 'summed-loss-minibatch.js', 'summed-loss-full-batch-high.js', 'summed-loss-minibatch-high.js', 'summed-loss-batch1.js', 'summed-loss-batch32.js', 'mean-loss-batch1.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const lossFunction = (r: ProfileReport) => r.findings.filter((f) => f.code === 'loss-function');

test('squared error summed over the batch under SGD: a loss-function warning on the compile() line, the ratio exactly 2; averaged it stays quiet', async () => {
  const summed = await report('summed-loss.js');
  const [finding, ...rest] = lossFunction(summed);
  assert.equal(rest.length, 0, findingSummary(summed));
  assert.equal(finding?.line, lineOf(FIX('summed-loss.js'), 'L:compile'), findingSummary(summed));
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /summed over the examples, not averaged: on 32 rows of the batch written twice it is 2× .* at the profiled batch of 64, 64×/);
  assert.deepEqual(lossFunction(await report('mean-loss.js')), [], findingSummary(await report('mean-loss.js')));
});

test('labels flattened to [batch] against outputs [batch, 1]: loss-function (mixes examples) on the compile() line; one term per example stays quiet', async () => {
  const broadcast = await report('broadcast-loss.js');
  const [finding, ...rest] = lossFunction(broadcast);
  assert.equal(rest.length, 0, findingSummary(broadcast));
  assert.equal(finding?.line, lineOf(FIX('broadcast-loss.js'), 'L:compile'));
  assert.match(finding.message, /mixes examples: changing one example's label moves the gradient at the other examples' predictions by [\d.e-]+ of the largest/);
  assert.deepEqual(lossFunction(await report('per-example-loss.js')), [], findingSummary(await report('per-example-loss.js')));
});

test('the same sum under Adam: an info when nothing is added to the loss (the step is scale-free), a warning once an L2 penalty is', async () => {
  const plain = await report('summed-loss-adam.js');
  const [info, ...rest] = lossFunction(plain);
  assert.equal(rest.length, 0, findingSummary(plain));
  assert.equal(info?.severity, 'info', findingSummary(plain));
  assert.equal(info.line, lineOf(FIX('summed-loss-adam.js'), 'L:compile'));
  assert.match(info.message, /Under Adam the step does not depend on the loss's scale and the model adds no weight penalty, so it trains as the mean would/);
  const penalised = await report('summed-loss-adam-l2.js');
  const [warning] = lossFunction(penalised);
  assert.equal(warning?.severity, 'warning', findingSummary(penalised));
  assert.match(warning.message, /weight penalties and gradient clipping lose 64× of their weight/);
});

test('a sum under SGD in full-batch fit() steps: an info while the loss falls without overshooting; a warning when the steps overshoot', async () => {
  const full = await report('summed-loss-full-batch.js');
  const [info, ...rest] = lossFunction(full);
  assert.equal(rest.length, 0, findingSummary(full));
  assert.equal(info?.severity, 'info', findingSummary(full));
  assert.equal(info.line, lineOf(FIX('summed-loss-full-batch.js'), 'L:compile'));
  assert.match(info.message, /fit\(\) takes every training row in each step .* the loss fell from [\d.]+ to [\d.]+ over 5 steps with no sign of overshooting/);
  assert.deepEqual(full.findings.filter((f) => f.severity !== 'info').map((f) => f.code), [], findingSummary(full));
  const high = await report('summed-loss-full-batch-high.js');
  assert.deepEqual(lossFunction(high).map((f) => f.severity), ['warning'], findingSummary(high));
  assert.ok(high.findings.some((f) => f.code === 'loss-diverging' && f.severity !== 'info'), findingSummary(high));
});

test('a sum under SGD in fixed fit() mini-batches is the mean at B× the rate: an info naming 16× while the loss falls without overshooting; at SGD 0.2 in batches of 32 (rate 6.4 a row) the steps overshoot and it warns', async () => {
  const mini = await report('summed-loss-minibatch.js');
  const [info, ...rest] = lossFunction(mini);
  assert.equal(rest.length, 0, findingSummary(mini));
  assert.equal(info?.severity, 'info', findingSummary(mini));
  assert.equal(info.line, lineOf(FIX('summed-loss-minibatch.js'), 'L:compile'));
  assert.match(info.message, /Every step of the script's fit\(\) takes 16 rows .* the mean loss at 16× the learning rate .* over 5 steps with no sign of overshooting/);
  const high = await report('summed-loss-minibatch-high.js');
  assert.deepEqual(lossFunction(high).map((f) => f.severity), ['warning'], findingSummary(high));
  assert.match(lossFunction(high)[0].message, /at the script's batch of 32, 32× a mean loss's/);
  assert.ok(high.findings.some((f) => f.severity !== 'info' && ['loss-diverging', 'learning-rate-high', 'exploding', 'non-finite', 'loss-oscillating'].includes(f.code)), findingSummary(high));
});

test('a sum judged at the script\'s own batch: one example per step (batchSize 1) is the mean, an info; batches of 32 are 32× the rate, named; a mean at batch 1 stays quiet', async () => {
  const one = await report('summed-loss-batch1.js');
  const [info, ...rest] = lossFunction(one);
  assert.equal(rest.length, 0, findingSummary(one));
  assert.equal(info?.severity, 'info', findingSummary(one));
  assert.equal(info.line, lineOf(FIX('summed-loss-batch1.js'), 'L:compile'));
  assert.match(info.message, /one example per step, where a sum over the batch is the mean/);
  const wide = await report('summed-loss-batch32.js');
  const [scaled] = lossFunction(wide);
  assert.equal(scaled?.severity, 'info', findingSummary(wide));
  assert.match(scaled.message, /takes 32 rows .* the mean loss at 32× the learning rate/);
  const mean = await report('mean-loss-batch1.js');
  assert.deepEqual(lossFunction(mean), [], findingSummary(mean));
});
