// judgeOscillation (src/core/oscillationProbe.ts) on curves measured on the diagnosis benchmark (wasm, falsealarms
// session): a fixed-batch oscillation is information only when the ÷10 rate probe's mean loss over the same steps is not
// clearly lower (above HIGH_MARGIN × the model's own); overshooting programs keep the warning.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { judgeOscillation } from '../../src/core/oscillationProbe';
import type { Finding } from '../../src/core/protocol';

const finding: Finding = {
  code: 'loss-oscillating',
  severity: 'warning',
  step: 0,
  message: 'The loss oscillates on a fixed batch: it changed direction 14 times in 20 steps, by 0.01 per step (median; 40 % of the mean loss 0.025), while it moved only 0.05 overall (0.066 → 0.015). On one batch this is the optimizer overshooting: lower the learning rate (run the LR finder) or add gradient clipping.',
};
const probe = (losses: number[]) => [{ factor: 0.1, losses }];

// Géron's SimpleRNN(32), SGD lr 0.05 momentum 0.9 (hom3-rnn-32, healthy: its plan trains to val Huber 0.0018).
const rnnOwn = [0.0664, 0.0905, 0.0254, 0.0581, 0.0319, 0.0307, 0.0448, 0.0175, 0.0367, 0.0261, 0.0188, 0.0315, 0.0171, 0.0197, 0.0241, 0.0135, 0.0179, 0.0184, 0.0113, 0.0153, 0.0146];
const rnnTenth = [0.0664, 0.0466, 0.0346, 0.0381, 0.0434, 0.0434, 0.0381, 0.0306, 0.0248, 0.0229, 0.0243];
// so-45002504-fixed: logistic regression on nine unscaled columns, SGD 0.01 (relabelled buggy: it does not train).
const soOwn = [64.4, 20.2, 52.6, 34.9, 96.4, 29.3, 73.7, 77.6, 12.7, 27.4, 98.4, 31.3, 67.2, 79.7, 13.3, 65.7, 79.8, 13.2, 67.6, 78, 11.7];
const soTenth = [63.9, 57.2, 50.5, 43.8, 37.1, 30.4, 23.7, 17.5, 15.5, 15.3, 15.2];

test("a tenth of the rate gets no lower level (hom3-rnn-32's measured curves): information, the evidence in the message", () => {
  const { finding: f, harmless } = judgeOscillation(finding, rnnOwn, probe(rnnTenth), 'Momentum');
  assert.ok(harmless);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /^The loss oscillates on a fixed batch: it changed direction 14 times .*\(0\.066 → 0\.015\)\. But it does not cost progress: from the same initial weights a tenth of the rate got no lower over the first 10 steps \(mean loss 0\.035 against 0\.038 at the model's rate\), so the steps are not too large for this loss — on one batch a stable run with momentum \(Momentum\) swings as it settles\. No action needed; if the training curve swings over whole epochs too, lower the momentum or the rate\.$/);
  assert.doesNotMatch(f.message, /overshooting/);
  // Plain SGD: no word about momentum.
  assert.match(judgeOscillation(finding, rnnOwn, probe(rnnTenth), 'SGD').finding.message, /for this loss\. No action needed; if the training curve swings over whole epochs too, lower the rate\.$/);
});

test('near misses: a tenth of the rate clearly lower (so-45002504-fixed: 0.58×), no probe, a probe that went non-finite → warning', () => {
  assert.equal(judgeOscillation(finding, soOwn, probe(soTenth)).finding.severity, 'warning');
  assert.equal(judgeOscillation(finding, rnnOwn, undefined).finding.severity, 'warning');
  assert.equal(judgeOscillation(finding, rnnOwn, [{ factor: 10, losses: rnnTenth }]).finding.severity, 'warning');
  assert.equal(judgeOscillation(finding, rnnOwn, probe([0.0664, 0.04, Number.NaN, 0.03])).finding.severity, 'warning');
  // Just inside the margin: the tenth's level at 0.79× the model's own is "clearly lower".
  const own = [1, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2];
  assert.equal(judgeOscillation(finding, own, probe([1, ...new Array(10).fill(1.5 * 0.79)])).finding.severity, 'warning');
  assert.equal(judgeOscillation(finding, own, probe([1, ...new Array(10).fill(1.5 * 0.81)])).finding.severity, 'info');
});
