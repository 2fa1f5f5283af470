// Rate findings on a model the file never compiled (core/chosenOptimizer.ts): the profiler compiled it with its own
// Adam(1e-3), so "the learning rate is too high/low" judges our stand-in, not the user's code — information with a note.
// Judged through ProfileEvidence, as the runner and the host judge a profile; the same evidence from a compiled model
// (no loss note) keeps the warning.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ProfileEvidence } from '../../src/core/runEnd';
import { onChosenOptimizer, CHOSEN_RATE_NOTE } from '../../src/core/chosenOptimizer';
import type { Finding, LayerInfo, LayerStepStats } from '../../src/core/protocol';

const layerInfo = (name: string, line: number): LayerInfo => ({ name, className: 'Dense', activation: 'relu', location: { file: '/m.js', line, column: 3 }, weights: [{ name: `${name}/kernel`, shape: [64], trainable: true }] });
const stats = (name: string, gradNorm: number, updateRatio?: number): LayerStepStats => ({
  name,
  gradNorm,
  ...(updateRatio !== undefined ? { updateRatio } : {}),
  weights: [{ name: `${name}/kernel`, gradNorm, meanAbs: gradNorm / 8, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 4, ratio: gradNorm / 4, histogram: [] }],
});

/** The spike of rateRules.test's "a spike on the fixed batch, and a tenth of the rate ends lower": learning-rate-high. */
function judge(lossNote: string | undefined): Finding[] {
  const evidence = new ProfileEvidence();
  evidence.observe({
    type: 'model',
    modelName: 'm',
    className: 'Sequential',
    discovery: 'factory',
    dataSource: 'synthetic',
    dataNote: 'synthetic',
    loss: 'meanSquaredError',
    ...(lossNote ? { lossNote } : {}),
    optimizer: 'Adam',
    batchSize: 32,
    totalSteps: 20,
    layers: [layerInfo('d1', 21), layerInfo('d2', 22)],
  });
  const losses = [0.44, 138, 2.1, 0.58, 0.8, 0.54, 0.3, 0.22, 0.17, 0.19, 0.14, 0.11, 0.09, 0.1, 0.2, 0.9, 0.07, 0.4, 0.09, 0.2, 0.25];
  losses.forEach((loss, step) => evidence.observe({ type: 'step', step, loss, layers: [stats('d1', 0.5, step ? 6e-2 : undefined), stats('d2', 0.4, step ? 6e-2 : undefined)] }));
  evidence.observe({ type: 'probe', kind: 'rate', factor: 0.1, losses: [0.44, 0.3, 0.2, 0.15, 0.1, 0.08, 0.06, 0.04, 0.03, 0.02, 0.016] });
  return evidence.findings(undefined);
}

test('learning-rate-high on a model the profiler compiled is information that says the rate was ours', () => {
  const rate = judge('The model was not compiled: profiling with loss meanSquaredError (linear output) and Adam(lr 1e-3).').find((f) => f.code === 'learning-rate-high');
  assert.equal(rate?.severity, 'info');
  assert.match(rate!.message, /jumped ×310 at step 1/, 'the evidence is kept');
  assert.ok(rate!.message.endsWith(CHOSEN_RATE_NOTE));
  assert.match(rate!.message, /not compiled in this file, so these steps used the profiler's own Adam\(1e-3\)/);
});

test('near miss: the same evidence on a model the file compiled keeps the warning, without the note', () => {
  const rate = judge(undefined).find((f) => f.code === 'learning-rate-high');
  assert.equal(rate?.severity, 'warning');
  assert.ok(!rate!.message.includes('not compiled'));
});

test('only the findings whose remedy is the rate change; the others, and info findings, are untouched', () => {
  const f = (code: Finding['code'], severity: Finding['severity']): Finding => ({ code, severity, message: 'm.' });
  const out = onChosenOptimizer([f('learning-rate-low', 'warning'), f('loss-oscillating', 'warning'), f('dead-relu', 'warning'), f('exploding', 'error'), f('learning-rate-high', 'info')], true);
  assert.deepEqual(out.map((x) => `${x.code}:${x.severity}`), ['learning-rate-low:info', 'loss-oscillating:info', 'dead-relu:warning', 'exploding:error', 'learning-rate-high:info']);
  assert.equal(out[4].message, 'm.', 'an info finding gets no second note');
  assert.deepEqual(onChosenOptimizer([f('learning-rate-low', 'warning')], undefined).map((x) => x.severity), ['warning']);
});
