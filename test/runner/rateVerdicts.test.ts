// The step-size, label and wiring verdicts on real models (test/fixtures/runner/rates): each must fire on its
// fixture at the line the fix goes to, its near miss must stay quiet (no warning or error). The learning-rate
// findings come from probe runs in the runner (×10 / ÷10 the model's rate from the same initial weights).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('rates', f);
const FILES = ['low-lr.js', 'good-lr.js', 'high-lr.js', 'over-reg.js', 'usual-decay.js', 'sigmoid-signed.js', 'sigmoid-unit.js', 'sparse-scaled.js', 'sparse-whole.js', 'hidden-softmax.js', 'attention-softmax.js', 'sequence-softmax-output.js', 'logits-on-softmax.js', 'logits-on-linear.js', 'logprob-on-linear.js', 'constant-hidden.js', 'plan-short.js', 'plan-long.js', 'horizon-high.js', 'horizon-good.js', 'horizon-near.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const serious = (r: ProfileReport) => r.findings.filter((f) => f.severity !== 'info');
const one = (r: ProfileReport, code: string) => {
  const found = serious(r).filter((f) => f.code === code);
  assert.equal(found.length, 1, findingSummary(r));
  return found[0];
};

test('Adam 1e-5: learning-rate-low on the tf.train.adam line, with the ×10 probe as evidence; Adam 1e-3 stays quiet', async () => {
  const low = await report('low-lr.js');
  const finding = one(low, 'learning-rate-low');
  assert.equal(finding.line, lineOf(FIX('low-lr.js'), 'L:optimizer'));
  assert.match(finding.message, /10× the rate took it to [\d.]+ in 10 steps \([\d.]+× the progress/);
  assert.ok(low.steps[20].loss > 0.95 * low.steps[0].loss, 'the loss barely moves at 1e-5');
  assert.deepEqual(serious(await report('good-lr.js')), [], findingSummary(await report('good-lr.js')));
});

test('learning-rate-low judged over the script\'s plan: SGD 0.003 for 10 epochs is a warning, the same for 300 epochs is information', async () => {
  // No plan (sampleBatch): the warning says it was judged over the profiled steps.
  assert.match(one(await report('low-lr.js'), 'learning-rate-low').message, /planned training is unknown/);
  const short = await report('plan-short.js');
  const warning = one(short, 'learning-rate-low');
  assert.equal(warning.file, FIX('plan-model.js'));
  assert.equal(warning.line, lineOf(FIX('plan-model.js'), 'L:optimizer'));
  assert.match(warning.message, /the 80 steps the script's training plans would take off [\d.]+ % of the loss .*: the plan ends before the model trains/);
  // Judged over the plan: where the plan is written (the script's fit() call) is related as a definition.
  assert.deepEqual(warning.related?.filter((r) => r.kind === 'plan').map((r) => [r.file, r.line]), [[FIX('plan-short.js'), lineOf(FIX('plan-short.js'), 'L:fit')]]);
  const long = await report('plan-long.js');
  assert.deepEqual(serious(long), [], findingSummary(long));
  const info = long.findings.find((f) => f.code === 'learning-rate-low');
  assert.equal(info?.severity, 'info', findingSummary(long));
  assert.equal(info!.related, undefined, 'information relates no plan');
  assert.match(info!.message, /the 2,400 steps the script's training plans would take off all of the loss .*: the planned training outlasts the small steps/);
});

test('Adam 0.3: the first step throws the loss up — learning-rate-high on the optimizer line', async () => {
  const high = await report('high-lr.js');
  const finding = one(high, 'learning-rate-high');
  assert.equal(finding.line, lineOf(FIX('high-lr.js'), 'L:optimizer'));
  assert.match(finding.message, /the loss jumped ×[\d.e+]+ at step \d/);
});

test('SGD η 4 on digits at batches of 10: the profiled batch\'s loss falls, yet a third of the rate ends far lower on the script\'s batches — learning-rate-high on the optimizer line; η 1 and η 2 stay quiet', async () => {
  const high = await report('horizon-high.js');
  assert.ok(high.steps[20].loss < 0.5 * high.steps[0].loss, 'on the one profiled batch the loss falls');
  const finding = one(high, 'learning-rate-high');
  assert.equal(finding.file, FIX('horizon-model.js'));
  assert.equal(finding.line, lineOf(FIX('horizon-model.js'), 'L:optimizer'));
  const [, own, third] = /40 steps on fresh batches of 10 .* no lower than ([\d.]+) at the model's rate, and to ([\d.]+) at a third of it/.exec(finding.message) ?? [];
  assert.ok(Number(third) <= 0.8 * Number(own), finding.message);
  assert.ok(Number(own) > 0.8 * Math.log(10), `η 4 hardly leaves ln 10 on rows it did not train on: ${finding.message}`);
  for (const near of ['horizon-good.js', 'horizon-near.js']) {
    const quiet = await report(near);
    assert.deepEqual(serious(quiet), [], `${near}: ${findingSummary(quiet)}`);
  }
});

test('L2 0.5: over-regularization on a hidden layer; L2 1e-4 stays quiet', async () => {
  const over = await report('over-reg.js');
  const finding = one(over, 'over-regularization');
  assert.ok([lineOf(FIX('over-reg.js'), 'L:first'), lineOf(FIX('over-reg.js'), 'L:second')].includes(finding.line!), findingSummary(over));
  assert.equal(finding.related?.length, 1, 'the other regularized layer');
  assert.deepEqual(serious(await report('usual-decay.js')), [], findingSummary(await report('usual-decay.js')));
});

test('targets in [-1, 1] under a sigmoid: output-activation on the output layer; targets in [0, 1] stay quiet', async () => {
  const signed = await report('sigmoid-signed.js');
  assert.equal(one(signed, 'output-activation').line, lineOf(FIX('sigmoid-signed.js'), 'L:out'));
  assert.deepEqual(serious(await report('sigmoid-unit.js')), [], findingSummary(await report('sigmoid-unit.js')));
});

test('class indices divided by 255: invalid-labels on the compile line; whole indices stay quiet', async () => {
  const scaled = await report('sparse-scaled.js');
  const finding = one(scaled, 'invalid-labels');
  assert.equal(finding.line, lineOf(FIX('sparse-scaled.js'), 'L:compile'));
  assert.match(finding.message, /not whole numbers .* becomes class 0 like every other label/);
  assert.deepEqual(serious(await report('sparse-whole.js')), [], findingSummary(await report('sparse-whole.js')));
});

test('softmax on a hidden layer: hidden-activation on that layer only; attention weights and a TimeDistributed softmax output stay quiet', async () => {
  const hidden = await report('hidden-softmax.js');
  assert.equal(one(hidden, 'hidden-activation').line, lineOf(FIX('hidden-softmax.js'), 'L:hidden'));
  for (const near of ['attention-softmax.js', 'sequence-softmax-output.js']) {
    assert.ok(!(await report(near)).findings.some((f) => f.code === 'hidden-activation'), `${near}: ${findingSummary(await report(near))}`);
  }
});

test('custom losses read at run time: a logits loss behind a softmax and a log-probability loss behind a linear output fire on the output layer; a logits loss on a linear output stays quiet', async () => {
  const redundant = one(await report('logits-on-softmax.js'), 'output-activation');
  assert.equal(redundant.line, lineOf(FIX('logits-on-softmax.js'), 'L:out'));
  assert.match(redundant.message, /applies its own softmax .* fed the one-hot labels themselves it gives 0\.55/); // ln(1 + 2/e) = 0.551 for 3 classes
  const missing = one(await report('logprob-on-linear.js'), 'output-activation');
  assert.equal(missing.line, lineOf(FIX('logprob-on-linear.js'), 'L:out'));
  assert.match(missing.message, /reads its predictions as probabilities but the output layer's activation is linear/);
  assert.deepEqual(serious(await report('logits-on-linear.js')), [], findingSummary(await report('logits-on-linear.js')));
});

test('constant-initialised hidden layers: symmetric-units on the first (its units stay copies); random layers (good-lr.js) stay quiet', async () => {
  const constant = await report('constant-hidden.js');
  const finding = one(constant, 'symmetric-units');
  assert.equal(finding.line, lineOf(FIX('constant-hidden.js'), 'L:first'));
  assert.match(finding.message, /100 % of dense_Dense\d+'s 32 units are exact copies/);
  assert.ok(!serious(await report('good-lr.js')).some((f) => f.code === 'symmetric-units'));
});
