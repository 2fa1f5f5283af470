// Regression targets beyond a bounded output activation, under a hand-written loss: the runner reads the loss at the
// labels and at the labels clipped into the activation's range (runner/targetRange.ts), and the output-activation rule
// fires as it does for a built-in regression loss (core/dataRules.ts; docs/rules/output-activation.md).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('capacity', f);
const outcome = profileEach(['tanh-huber.js', 'tanh-huber-scaled.js'], FIX, { steps: 5, backend: 'wasm' });

test('a hand-written Huber loss on targets up to 2.5 under a tanh output: output-activation on the output layer', async () => {
  const { report } = await outcome('tanh-huber.js');
  const f = report.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, findingSummary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(FIX('tanh-huber.js'), 'L:out'));
  assert.match(f.message, /The targets run from 0\.5 to 2\.5, but the output layer's tanh only produces values in \[-1, 1\]/);
});

test('near miss: the same loss and output on targets inside (-1, 1) raises no output-activation', async () => {
  const { report } = await outcome('tanh-huber-scaled.js');
  assert.ok(!report.findings.some((x) => x.code === 'output-activation'), findingSummary(report));
});
