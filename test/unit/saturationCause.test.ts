// The saturation finding names the initializer as the cause when the layer's kernel at step 0 has a variance gain
// fan_in · E[w²] ≥ 10 (LeCun et al. 1998, Glorot & Bengio 2010: std 1/√fan_in keeps a unit's weighted input at its
// inputs' scale). Nielsen ch. 3's N(0, 1) weights on 784 inputs (gain 784) get it; Glorot-scaled weights on unscaled
// inputs keep the input advice. The severity does not change: that is judged by the loss and the share, as before.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import type { LayerStepStats } from '../../src/core/protocol';
import { denseLayer, weightStats } from './denseLayers';

const w = (name: string, weightNorm: number) => weightStats(name, 0.1, weightNorm);
const layer = (name: string, activation: string, fanIn: number, units: number, line: number) => denseLayer(name, activation, line, fanIn, units);

/** A 784 → 30 sigmoid → 10 network whose hidden kernel has RMS `rms` and `share` of its outputs saturated. */
function run(rms: number, share: number, losses: number[]): ReturnType<typeof evaluateHealth> {
  const layers = [layer('hidden', 'sigmoid', 784, 30, 5), layer('out', 'softmax', 30, 10, 6)];
  const stats = (): LayerStepStats[] => [
    { name: 'hidden', gradNorm: 0.1, saturatedShare: share, weights: [w('hidden/kernel', rms * Math.sqrt(784 * 30)), w('hidden/bias', 5)] },
    { name: 'out', gradNorm: 0.5, weights: [w('out/kernel', 1), w('out/bias', 0.1)] },
  ];
  const steps: StepRecord[] = losses.map((loss, step) => ({ step, loss, layers: stats() }));
  return evaluateHealth(layers, steps, {}, undefined, { optimizer: 'SGD' });
}

const falling = Array.from({ length: 21 }, (_, n) => 3 * 0.9 ** n);
const flat = Array.from({ length: 21 }, () => 2.3);
const saturation = (findings: ReturnType<typeof evaluateHealth>) => findings.find((f) => f.code === 'saturation')!;

test("N(0, 1) weights on 784 inputs (Nielsen's large_weight_initializer): the initializer is named, with its RMS against 1/√fan_in; still info while the loss falls", () => {
  const f = saturation(run(1, 0.67, falling));
  assert.equal(f.severity, 'info');
  assert.match(f.message, /Its weights are the cause: their RMS at step 0 is 1 for 784 inputs per unit, 28× LeCun's 1\/√fan_in = 0\.036 \(variance gain 780\)/);
  assert.match(f.message, /worth initializing with std 1\/√fan_in/);
  assert.doesNotMatch(f.message, /scaling the inputs/);
});

test('the same weights with a flat loss: a warning whose fix is the initializer, not the inputs', () => {
  const f = saturation(run(1, 0.67, flat));
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Draw them with std 1\/√fan_in \(Glorot or LeCun initialization/);
});

test('near misses: Glorot-scale weights (gain ~1) and gain just below 10 keep the input advice', () => {
  for (const rms of [1 / Math.sqrt(784), Math.sqrt(9.9 / 784)]) {
    const f = saturation(run(rms, 0.67, falling));
    assert.equal(f.severity, 'info');
    assert.doesNotMatch(f.message, /Its weights are the cause/, `rms ${rms}`);
    assert.match(f.message, /worth scaling the inputs/);
  }
  assert.match(saturation(run(Math.sqrt(10 / 784), 0.67, falling)).message, /Its weights are the cause/, 'gain exactly 10');
});
