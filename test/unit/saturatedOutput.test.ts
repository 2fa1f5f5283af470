// saturated-output's evidence: the confidently wrong examples at the last step in the message, and persistence still
// read on the confident share (a confidently wrong output beyond the loss's clip gets no gradient and stays wrong).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import type { HealthContext } from '../../src/core/healthModel';
import type { LayerInfo, LayerStepStats, OutputInfo } from '../../src/core/protocol';

const info = (name: string, activation: string, line: number): LayerInfo => ({
  name,
  className: 'Dense',
  activation,
  location: { file: '/m.js', line, column: 5 },
  weights: [{ name: `${name}/kernel`, shape: [100], trainable: true }],
});
const stats = (name: string, extra: Partial<LayerStepStats> = {}): LayerStepStats => ({
  name,
  gradNorm: 0.5,
  weights: [{ name: `${name}/kernel`, gradNorm: 0.5, meanAbs: 0.05, maxAbs: 0.5, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 1, ratio: 0.5, histogram: [] }],
  ...extra,
});
const output = (activation: string, loss: string, units: number): OutputInfo => ({ layer: 'out', activation, loss, units, labelMeanSquare: 0.1, labelVariance: 0.1 });

/** 21 steps of an output whose confident and confidently wrong shares move linearly from start to end. */
function run(out: OutputInfo, loss: [number, number], confident: [number, number], wrong?: [number, number], context: Partial<HealthContext> = {}) {
  const at = (pair: [number, number], n: number) => pair[0] + ((pair[1] - pair[0]) * n) / 20;
  const steps: StepRecord[] = Array.from({ length: 21 }, (_, n) => ({
    step: n,
    loss: at(loss, n),
    layers: [stats('out', { saturatedShare: at(confident, n), ...(wrong ? { confidentWrongShare: at(wrong, n) } : {}) })],
  }));
  return evaluateHealth([info('out', out.activation!, 9)], steps, {}, undefined, { outputs: [out], ...context }).find((f) => f.code === 'saturated-output');
}

test('the message gives the confidently wrong examples at the last step beside the confident share', () => {
  const f = run(output('sigmoid', 'binaryCrossentropy', 10), [40, 11], [0.76, 0.87], [0.9, 0.18]);
  assert.match(f!.message, /76 % of the sigmoid outputs are below 0\.01 or above 0\.99 at step 0 \(87 % at step 20; 18 % of the examples confidently wrong there\)/);
  const soft = run(output('softmax', 'categoricalCrossentropy', 10), [15, 9], [1, 0.9], [0.9, 0.05]);
  assert.match(soft!.message, /100 % of the examples get a softmax output above 0\.99 at step 0 \(90 % at step 20; 5\.0 % of the examples confidently wrong there\)/);
  // Without a reading of the labels (a one-unit softmax, regression targets) the share is not claimed.
  assert.doesNotMatch(run(output('softmax', 'meanSquaredError', 1), [8, 6], [1, 1])!.message, /confidently wrong/);
});

test('persistence stays on the confident share: outputs still saturated at the end warn even when most are right (wrong ones beyond the clip stay stuck)', () => {
  // As so-35078027-fixed's profile: most outputs in the tails at step 20, some examples confidently wrong, the loss falling.
  assert.equal(run(output('sigmoid', 'binaryCrossentropy', 10), [40, 11], [0.76, 0.87], [0.9, 0.18])?.severity, 'warning');
  assert.equal(run(output('sigmoid', 'binaryCrossentropy', 10), [40, 11], [0.76, 0.87], [0.9, 0])?.severity, 'warning');
  // Near misses: resolved (below the bar at the end, loss falling) is info; not saturated at init is nothing.
  assert.equal(run(output('softmax', 'categoricalCrossentropy', 10), [15, 9], [1, 0.3], [0.9, 0.1])?.severity, 'info');
  assert.equal(run(output('sigmoid', 'binaryCrossentropy', 10), [8, 6], [0.4, 0.9], [0.2, 0.5]), undefined);
  // A loss that does not fall keeps the warning whatever the shares.
  assert.equal(run(output('softmax', 'categoricalCrossentropy', 10), [15, 15], [1, 0.3], [0.9, 0.1])?.severity, 'warning');
});

test('unscaled inputs, a cause the message lists, relate the line that made them when present; not at unit scale, nor once resolved', () => {
  const softmax = output('softmax', 'categoricalCrossentropy', 10);
  const dataLocations = { inputs: [{ file: '/m.js', line: 4, column: 12 }] };
  // Raw pixels (RMS ~100): with Glorot kernels a pre-activation's variance is fan_in · Var w · E[x²], so they scale the logits.
  const raw = run(softmax, [15, 15], [0.85, 1], undefined, { dataLocations, inputScale: { rms: 100, feature: 300, maxAbs: 255 } });
  assert.equal(raw?.severity, 'warning');
  assert.deepEqual(raw?.related?.map((r) => [r.layer, r.location?.line, r.kind]), [['inputs', 4, 'inputs']]);
  // Near misses: inputs at unit scale; no line known; saturation resolved within the steps (information, no fix to point at).
  assert.equal(run(softmax, [15, 15], [0.85, 1], undefined, { dataLocations, inputScale: { rms: 0.4, feature: 0, maxAbs: 1 } })?.related, undefined);
  assert.equal(run(softmax, [15, 15], [0.85, 1], undefined, { inputScale: { rms: 100, feature: 300, maxAbs: 255 } })?.related, undefined);
  const resolved = run(softmax, [15, 2], [0.85, 0.1], undefined, { dataLocations, inputScale: { rms: 100, feature: 300, maxAbs: 255 } });
  assert.equal(resolved?.severity, 'info');
  assert.equal(resolved?.related, undefined);
});
