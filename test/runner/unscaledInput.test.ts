// unscaled-input on real models (test/fixtures/runner/inputs): tumour-like features in the hundreds and thousands
// must fire on the first layer that reads them, through a ReLU (units one-signed) or a tanh (outputs saturated), and
// whatever the initial weights' scale; the same features standardised, standardised inside the model by a
// BatchNormalization layer (before or after the first Dense), or raw at iris scale must stay quiet. Trained for real
// (docs/rules/unscaled-input.md), the firing fixtures stay near the class prior and the near misses learn.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('inputs', f);
const FIRE = ['raw-relu.js', 'raw-small-init.js', 'raw-tanh.js'];
const QUIET = ['standardised-relu.js', 'batchnorm-first.js', 'batchnorm-after.js', 'moderate-relu.js'];
const FILES = [...FIRE, ...QUIET];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
const unscaled = (r: ProfileReport) => r.findings.filter((f) => f.code === 'unscaled-input');

test('raw features into ReLU layers: unscaled-input on the first Dense, its Activation layer related, most units one-signed', async () => {
  for (const file of ['raw-relu.js', 'raw-small-init.js']) {
    const r = await report(file);
    const [finding, ...more] = unscaled(r);
    assert.ok(finding && more.length === 0, `${file}: ${findingSummary(r)}`);
    assert.equal(finding.severity, 'warning');
    // raw-small-init.js builds its model with raw-relu.js's reluModel: the layers are created there.
    assert.deepEqual([finding.file, finding.line], [FIX('raw-relu.js'), lineOf(FIX('raw-relu.js'), 'L:first')], file);
    assert.equal(finding.related?.[0]?.line, lineOf(FIX('raw-relu.js'), 'L:relu'), file);
    // Feature 2 is the area π·r² of radii 7–28: its RMS over the 64 rows lies between π·7² and π·28².
    const [, rms] = /input feature 2 has RMS ([\d.e+]+)/.exec(finding.message) ?? [];
    assert.ok(Number(rms) > 154 && Number(rms) < 2463, finding.message);
    const [, constant, dead, active] = /(\d+) % of its units keep one sign for every example of the batch: (\d+) % output 0 .* and (\d+) % are positive/.exec(finding.message) ?? [];
    assert.ok(Number(constant) >= 50, finding.message);
    assert.ok(Math.abs(Number(dead) + Number(active) - Number(constant)) <= 1, finding.message);
    assert.match(finding.message, /Standardise each feature before fit\(\)/);
  }
});

test('raw features into a tanh layer: unscaled-input on that layer, its outputs in the flat tails', async () => {
  const r = await report('raw-tanh.js');
  const [finding] = unscaled(r);
  assert.equal(finding?.line, lineOf(FIX('raw-tanh.js'), 'L:first'), findingSummary(r));
  assert.match(finding.message, /\d+ % of its tanh outputs sit in the flat tails/);
});

test('standardised features, a BatchNormalization first or after the first Dense, and raw iris-scale features stay quiet', async () => {
  for (const file of QUIET) {
    const r = await report(file);
    assert.deepEqual(
      r.findings.filter((f) => f.severity !== 'info'),
      [],
      `${file}: ${findingSummary(r)}`,
    );
  }
});
