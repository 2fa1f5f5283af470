// A hidden layer of one unit on two features (core/capacityRules.ts; docs/rules/capacity-bottleneck.md): the runner
// reports each layer's output shape, and the rule fires on the one-unit layer's line; four units, or one unit per time
// step, stay quiet. A one-unit LSTM on sequences of several numbers fires too; eight units, or one number in, do not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('capacity', f);
const FILES = ['planar-1.js', 'planar-4.js', 'step-scores.js', 'lstm-1.js', 'lstm-8.js', 'lstm-1-one-number.js'];
const outcome = profileEach(FILES, FIX, { steps: 3, backend: 'wasm' });

test('one tanh unit on two features: capacity-bottleneck (warning) on the hidden layer', async () => {
  const { report, messages } = await outcome('planar-1.js');
  const model = messages.find((m) => m.type === 'model');
  assert.ok(model && model.type === 'model');
  assert.deepEqual(model.layers[0].outputShape, [null, 1]);
  const f = report.findings.find((x) => x.code === 'capacity-bottleneck');
  assert.ok(f, findingSummary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(FIX('planar.js'), 'L:hidden'));
});

test('near misses: four hidden units; one unit per time step of [6, 4] inputs (its output shape is [null, 6, 1])', async () => {
  for (const file of ['planar-4.js', 'step-scores.js']) {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'capacity-bottleneck'), `${file}: ${findingSummary(report)}`);
  }
  const model = (await outcome('step-scores.js')).messages.find((m) => m.type === 'model');
  assert.ok(model && model.type === 'model');
  assert.deepEqual(model.layers[0].outputShape, [null, 6, 1]);
});

test('an LSTM of one unit on 8 steps × 3 features read by a Dense: capacity-bottleneck (warning) on the LSTM line', async () => {
  const { report, messages } = await outcome('lstm-1.js');
  const model = messages.find((m) => m.type === 'model');
  assert.ok(model && model.type === 'model');
  assert.deepEqual(model.layers[0].inputShape, [null, 8, 3]);
  assert.deepEqual(model.layers[0].outputShape, [null, 1]);
  const f = report.findings.find((x) => x.code === 'capacity-bottleneck');
  assert.ok(f, findingSummary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(FIX('sequence.js'), 'L:lstm'));
  assert.match(f.message, /reads each example as 8 steps of 3 features but carries two numbers/);
});

test('recurrent near misses: eight LSTM units; one unit on one step of one feature', async () => {
  for (const file of ['lstm-8.js', 'lstm-1-one-number.js']) {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'capacity-bottleneck'), `${file}: ${findingSummary(report)}`);
  }
});
