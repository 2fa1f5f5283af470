// The custom-loss probe on 0/1 labels that are not one-hot rows (one sigmoid unit, or several independent ones):
// it reads the loss at the labels, at confident logits (2y − 1) × 5 and at the flipped labels 1 − y
// (runner/gradientProfiler readLoss), so a sigmoid output into a loss that applies the sigmoid itself, and a linear
// output into a loss on probabilities, are named as the output activation on the output layer.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('binary-loss', f);
const FILES = ['sigmoid-into-logits-loss.js', 'multilabel-sigmoid-into-logits-loss.js', 'linear-into-log-loss.js', 'linear-into-logits-loss.js', 'sigmoid-into-log-loss.js', 'onehot-softmax-into-sigmoid-loss.js', 'onehot-linear-into-sigmoid-loss.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const OUT = lineOf(FIX('model.js'), 'L:out');

for (const file of ['sigmoid-into-logits-loss.js', 'multilabel-sigmoid-into-logits-loss.js']) {
  test(`${file}: a sigmoid output into tf.losses.sigmoidCrossEntropy — output-activation (warning) on the output layer`, async () => {
    const r = await report(file);
    const f = r.findings.find((x) => x.code === 'output-activation');
    assert.ok(f, findingSummary(r));
    assert.equal(f.severity, 'warning');
    assert.equal(f.line, OUT);
    assert.match(f.message, /applies its own sigmoid .* already squashes them \(sigmoid\): fed the 0\/1 labels themselves it gives 0\.\d+, fed confident logits \(±5\) 6\.7e-3, fed the flipped labels 1(\.\d+)?, so it reads its predictions as logits/);
  });
}

test('a linear output into tf.losses.logLoss: output-activation (error) naming the missing sigmoid as the NaN\'s cause, no bare non-finite', async () => {
  const r = await report('linear-into-log-loss.js');
  const f = r.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, findingSummary(r));
  assert.equal(f.severity, 'error');
  assert.equal(f.line, OUT);
  assert.match(f.message, /^NaN\/Inf in the loss or its gradient from step \d+, caused by the output activation: .*activation is linear.*Use activation 'sigmoid'/);
  assert.ok(!r.findings.some((x) => x.code === 'non-finite'), findingSummary(r));
});

test('one-hot rows, a softmax output into tf.losses.sigmoidCrossEntropy: read at ±5 as well, output-activation naming the sigmoid', async () => {
  const r = await report('onehot-softmax-into-sigmoid-loss.js');
  const f = r.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, findingSummary(r));
  assert.equal(f.line, OUT);
  assert.match(f.message, /^The loss applies its own sigmoid .* already squashes them \(softmax\): fed the one-hot labels themselves it gives 0\.\d+, fed them ×5 0\.\d+, fed them as ±5 6\.7e-3/);
});

for (const file of ['linear-into-logits-loss.js', 'sigmoid-into-log-loss.js', 'onehot-linear-into-sigmoid-loss.js']) {
  test(`near miss ${file}: each loss on the output it expects raises no output-activation`, async () => {
    const r = await report(file);
    assert.ok(!r.findings.some((x) => x.code === 'output-activation' || x.code === 'non-finite'), findingSummary(r));
  });
}
