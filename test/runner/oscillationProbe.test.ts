// loss-oscillating judged by the ÷10 rate probe (src/core/oscillationProbe.ts) on real profiles: heavy momentum that
// overshoots — a tenth of the rate reaches a clearly lower level — keeps the warning; the same regression at a rate where
// a tenth of it gets no lower swings as the heavy ball rings and is information.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const outcome = profileEach(['oscillating.js', 'oscillating-settles.js'], FIX, { steps: 20, backend: 'wasm' });

test('momentum 0.95 at lr 0.5: the loss swings and a tenth of the rate gets lower — warning on the optimizer line', async () => {
  const { report } = await outcome('oscillating.js');
  const f = report.findings.find((x) => x.code === 'loss-oscillating');
  assert.equal(f?.severity, 'warning', findingSummary(report));
  assert.match(f.message, /lower the learning rate/);
});

test('near miss: momentum 0.9 at lr 0.3 swings, but a tenth of the rate gets no lower — information, no alarm', async () => {
  const { report } = await outcome('oscillating-settles.js');
  const f = report.findings.find((x) => x.code === 'loss-oscillating');
  assert.equal(f?.severity, 'info', findingSummary(report));
  assert.match(f.message, /changed direction \d+ times in 20 steps/);
  assert.match(f.message, /a tenth of the rate got no lower over the first 20 steps \(mean loss [\d.]+ against [\d.]+ at the model's rate\)/);
  assert.equal(f.line, lineOf(FIX('oscillating-settles.js'), 'tf.train.momentum'));
  assert.ok(!report.findings.some((x) => x.severity !== 'info'), findingSummary(report));
});
