// The saturation finding names the initializer when the layer's kernel is far above 1/√fan_in, on real models
// (test/fixtures/runner/verdicts): N(0, 1) on 784 inputs is named (info: the loss falls); N(0, 1) on 4 inputs does not
// saturate; Glorot weights on raw inputs in [0, 100] saturate too but keep the advice to scale the inputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['init-std1-784.js', 'init-std1-fanin4.js', 'init-glorot-unscaled.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });

test('N(0, 1) weights into 784 inputs: saturated, the initializer named as the cause with its RMS against 1/√784, information while the loss falls', async () => {
  const { report } = await outcome('init-std1-784.js');
  const f = report.findings.find((x) => x.code === 'saturation');
  assert.ok(f, findingSummary(report));
  assert.equal(f.severity, 'info');
  assert.equal(f.line, lineOf(FIX('init-std1-784.js'), 'L:hidden'));
  assert.match(f.message, /Its weights are the cause: their RMS at step 0 is 1(\.0)? for 784 inputs per unit, 2[78]× LeCun's 1\/√fan_in = 0\.036/);
  assert.match(f.message, /worth initializing with std 1\/√fan_in/);
});

test('near misses: N(0, 1) on 4 inputs does not saturate; Glorot weights on raw inputs saturate but the inputs are named, not the weights', async () => {
  const small = (await outcome('init-std1-fanin4.js')).report;
  assert.ok(!small.findings.some((x) => x.code === 'saturation' || /Its weights are the cause/.test(x.message)), findingSummary(small));
  const unscaled = (await outcome('init-glorot-unscaled.js')).report;
  const f = unscaled.findings.find((x) => x.code === 'saturation');
  assert.ok(f, findingSummary(unscaled));
  assert.doesNotMatch(f.message, /Its weights are the cause/);
  assert.match(f.message, /Scale the inputs/);
});
