// A hand-written binary cross-entropy is NaN at exact 0/1 predictions (0·log 0), so the custom-loss probe reads it at
// predictions clipped as tfjs's own cross-entropies clip them (runner/gradientProfiler readLoss). On a linear output it
// then names the cause of the NaN — the output activation — on the output layer; on a sigmoid output it stays quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('handwritten-loss', f);
const FILES = ['bce-linear.js', 'bce-sigmoid.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;

test('hand-written binary cross-entropy on a linear output: output-activation (error) on the output layer, no bare non-finite', async () => {
  const r = await report('bce-linear.js');
  const f = r.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, findingSummary(r));
  assert.equal(f.severity, 'error');
  assert.equal(f.line, lineOf(FIX('bce.js'), 'L:out'));
  assert.match(f.message, /^NaN\/Inf in the loss or its gradient from step \d+, caused by the output activation: The loss reads its predictions as probabilities but the output layer's activation is linear/);
  assert.ok(!r.findings.some((x) => x.code === 'non-finite'), findingSummary(r));
});

test('near miss: the same loss on a sigmoid output raises no output-activation', async () => {
  const r = await report('bce-sigmoid.js');
  assert.ok(!r.findings.some((x) => x.code === 'output-activation' || x.code === 'non-finite'), findingSummary(r));
});
