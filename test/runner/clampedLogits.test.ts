// A loss that applies its own softmax reads the output as logits; a ReLU output clamps them at 0 and passes no gradient
// below it (src/core/dataRules.ts, clampedLogitsMessage; docs/rules/output-activation.md, "Clamped logits"). Through the
// real runner: the custom-loss probe reads tf.losses.softmaxCrossEntropy as a logits loss, and the output's activation
// decides.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('binary-loss', f);
const FILES = ['onehot-relu-into-softmax-logits-loss.js', 'onehot-elu-into-softmax-logits-loss.js', 'onehot-linear-into-softmax-logits-loss.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const OUT = lineOf(FIX('model.js'), 'L:out');

test('a ReLU output into tf.losses.softmaxCrossEntropy: output-activation (warning) on the output layer, with ln C as the floor', async () => {
  const r = (await outcome('onehot-relu-into-softmax-logits-loss.js')).report;
  const f = r.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, findingSummary(r));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, OUT);
  assert.match(f.message, /^The loss applies its own softmax \(it reads logits: fed the one-hot labels themselves it gives 0\.55, .*relu confines the logits to \[0, ∞\): .*cannot fall below ln 3 = 1\.1/);
});

for (const file of ['onehot-elu-into-softmax-logits-loss.js', 'onehot-linear-into-softmax-logits-loss.js']) {
  test(`near miss ${file}: logits free to take the values the softmax needs raise no output-activation`, async () => {
    const r = (await outcome(file)).report;
    assert.ok(!r.findings.some((x) => x.code === 'output-activation'), findingSummary(r));
  });
}
