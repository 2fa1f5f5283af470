// unscaled-input's far-too-small side (src/core/inputRules.ts smallInput) on hand-made profiles: inputs of RMS ≤ 0.1
// fire only when the counterfactual probe (the same steps with the inputs scaled up) makes the progress the inputs as
// given do not — learning-rate-low's test: LOW_GAIN× the loss removed, or at most LOW_REMAINING× the loss reached.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { INPUT_PROBE_RMS, SMALL_INPUT_RMS, smallInput } from '../../src/core/inputRules';
import { evaluateHealth } from '../../src/core/health';
import type { LayerInfo } from '../../src/core/protocol';
import type { HealthContext, StepRecord } from '../../src/core/healthModel';

const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const layers: LayerInfo[] = [
  { name: 'dense1', className: 'Dense', activation: 'relu', location: at(9), weights: [{ name: 'dense1/kernel', shape: [784, 32], trainable: true }] },
  { name: 'head', className: 'Dense', activation: 'softmax', location: at(10), weights: [{ name: 'head/kernel', shape: [32, 10], trainable: true }] },
];
const curve = (losses: number[]): StepRecord[] => losses.map((loss, step) => ({ step, loss, layers: [] }));
/** 2.30 → 2.25 over 10 steps: the slow fall of MNIST pixels divided by 255 twice. */
const slow = curve(Array.from({ length: 21 }, (_, i) => 2.3 - 0.005 * i));
const probe = (factor: number, end: number) => ({ factor, losses: Array.from({ length: 11 }, (_, i) => 2.3 + ((end - 2.3) * i) / 10) });
const context = (rms: number, probes: HealthContext['inputProbes'], inputs = [at(5)]): HealthContext => ({
  inputScale: { rms, feature: 490, maxAbs: 0.0039 },
  inputProbes: probes,
  dataLocations: { inputs },
});

test('the bars: an order of magnitude below unit scale, probed at RMS 1 and ~0.3', () => {
  assert.equal(SMALL_INPUT_RMS, 0.1);
  assert.deepEqual(INPUT_PROBE_RMS.map((r) => Number(r.toFixed(3))), [1, 0.316]);
});

test('tiny inputs whose probe at unit scale gets far further: unscaled-input on the line that made them, the first layer related', () => {
  const finding = smallInput(layers, slow, context(2.8e-3, [probe(361, 0.43)]));
  assert.equal(finding?.code, 'unscaled-input');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, at(5));
  assert.equal(finding.layer, undefined);
  assert.deepEqual(finding.related?.map((r) => [r.layer, r.location?.line]), [['dense1', 9]]);
  assert.match(finding.message, /RMS 2\.8e-3 .* took the loss 2\.3 → 2\.25 \(lowest\); .* multiplied by 360 \(largest feature RMS 1\) took it to 0\.43\./);
  // Without the data's line (a sampleBatch export): on the first layer.
  const onLayer = smallInput(layers, slow, context(2.8e-3, [probe(361, 0.43)], []));
  assert.deepEqual([onLayer?.layer, onLayer?.location], ['dense1', at(9)]);
  // evaluateHealth reports it like the large-input side.
  assert.ok(evaluateHealth(layers, slow, {}, undefined, context(2.8e-3, [probe(361, 0.43)])).some((f) => f.code === 'unscaled-input'));
});

test('the better of the two probes counts: one that overshoots (NaN or a loss at the clip floor) does not hide the other', () => {
  const overshoot = { factor: 361, losses: [2.6, 11.9, ...Array(9).fill(10.07)] };
  const nan = { factor: 361, losses: [2.6, NaN, ...Array(9).fill(NaN)] };
  for (const bad of [overshoot, nan]) {
    const finding = smallInput(layers, slow, context(1.3e-3, [bad, probe(114, 0.08)]));
    assert.match(finding?.message ?? '', /multiplied by 110 .* took it to 0\.08\./);
    assert.equal(smallInput(layers, slow, context(1.3e-3, [bad])), undefined);
  }
});

test("near misses: inputs above RMS 0.1, a probe that gains little, no probe, or too few steps stay quiet", () => {
  assert.equal(smallInput(layers, slow, context(0.11, [probe(9, 0.43)])), undefined);
  // 2.30 → 2.25 as given; the probe removes 4× as much (0.2) and ends above half: not the first-order gain of a held-back layer.
  assert.equal(smallInput(layers, slow, context(2.8e-3, [probe(361, 2.1)])), undefined);
  // Five times the progress fires even when the end is not halved (a slow model at any scale).
  assert.ok(smallInput(layers, slow, context(2.8e-3, [probe(361, 2.04)])));
  assert.equal(smallInput(layers, slow, context(2.8e-3, [])), undefined);
  assert.equal(smallInput(layers, slow, { inputScale: { rms: 2.8e-3, feature: 0, maxAbs: 0.004 } }), undefined);
  assert.equal(smallInput(layers, slow.slice(0, 2), context(2.8e-3, [probe(361, 0.43)])), undefined);
});
