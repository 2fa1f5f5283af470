// learning-rate-low judged over the plan: how far the planned steps must move the weights shrinks with the net's width
// (src/core/rateRules.ts planTravelBar, narrowestHiddenWidth; docs/rules/learning-rate-low.md "Wide nets travel less").
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { narrowestHiddenWidth, planReach, planTravelBar, PLAN_TRAVEL, PROBE_FACTOR, rateFindings } from '../../src/core/rateRules';
import { evaluateHealth, type StepRecord } from '../../src/core/health';

const dense = (name: string, inputs: number, units: number, className = 'Dense') => ({ name, className, weights: [{ shape: [inputs, units] }, { shape: [units] }] });

test('the travel bar: 1/√width below PLAN_TRAVEL, PLAN_TRAVEL up to 100 units and when the width is unknown', () => {
  assert.equal(planTravelBar(1024), 1 / 32);
  assert.equal(planTravelBar(400), 0.05);
  assert.equal(planTravelBar(100), PLAN_TRAVEL);
  assert.equal(planTravelBar(5), PLAN_TRAVEL);
  assert.equal(planTravelBar(undefined), PLAN_TRAVEL);
  assert.equal(planTravelBar(0), PLAN_TRAVEL);
});

test('the narrowest hidden width: units and filters of the hidden weight layers; outputs left out; unknown for gates and lookups', () => {
  const outputs = new Set(['out']);
  assert.equal(narrowestHiddenWidth([dense('d1', 784, 1024), dense('d2', 1024, 1024), dense('out', 1024, 10)], outputs), 1024);
  assert.equal(narrowestHiddenWidth([dense('d1', 784, 1024), dense('d2', 1024, 30), dense('out', 30, 1)], outputs), 30);
  // A convolution's kernel [h, w, in, filters]; a BatchNormalization's γ/β (rank 1) have no width and are skipped.
  const conv = { name: 'c1', className: 'Conv2D', weights: [{ shape: [3, 3, 1, 32] }, { shape: [32] }] };
  const norm = { name: 'bn', className: 'BatchNormalization', weights: [{ shape: [32] }, { shape: [32] }] };
  assert.equal(narrowestHiddenWidth([conv, norm, dense('d1', 5408, 512), dense('out', 512, 10)], outputs), 32);
  // Kernels whose last axis is not the layer's filters: a transposed convolution's [h, w, filters, in] (64 inputs here, not
  // its 8 filters) and a depthwise one's depth multiplier: the width is unknown, not misread.
  const transposed = { name: 't1', className: 'Conv2DTranspose', weights: [{ shape: [3, 3, 8, 64] }, { shape: [8] }] };
  const depthwise = { name: 'dw', className: 'DepthwiseConv2D', weights: [{ shape: [3, 3, 32, 1] }, { shape: [32] }] };
  assert.equal(narrowestHiddenWidth([conv, transposed, dense('out', 512, 10)], outputs), undefined);
  assert.equal(narrowestHiddenWidth([conv, depthwise, dense('out', 512, 10)], outputs), undefined);
  // An LSTM's kernel holds its four gates along the last axis: its width is not read there, so no bar but the tenth.
  assert.equal(narrowestHiddenWidth([dense('lstm', 8, 4 * 256, 'LSTM'), dense('out', 256, 1)], outputs), undefined);
  // No hidden weight layer (a linear or logistic regression), or outputs unknown (the output counts as hidden: narrower).
  assert.equal(narrowestHiddenWidth([dense('out', 13, 1)], outputs), undefined);
  assert.equal(narrowestHiddenWidth([dense('d1', 784, 1024), dense('out', 1024, 10)], new Set()), 10);
});

/** Held-out 12's MNIST net in numbers (jax1573-stax-sum, one wasm profile): 2.351 → 2.135 over 20 steps at ‖Δw‖/‖w‖ 2.1e-4. */
const steps = (ratio: number): StepRecord[] =>
  Array.from({ length: 21 }, (_, i) => ({
    step: i,
    loss: 2.351 - 0.0108 * i,
    layers: [{ name: 'd1', gradNorm: 0.9, weights: [{ name: 'd1/kernel', gradNorm: 0.9, meanAbs: 5e-4, maxAbs: 0.01, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 30, ratio: 0.03, histogram: [] }], ...(i ? { updateRatio: ratio } : {}) }],
  }));
const probes = [{ factor: PROBE_FACTOR, losses: Array.from({ length: 11 }, (_, i) => 2.351 - 0.055 * i) }];
const judge = (ratio: number, hiddenWidth?: number) => rateFindings(steps(ratio), { probes, slowExplained: false, plannedSteps: 240, hiddenWidth });

test('wide net: a plan that takes off the loss and moves the weights past 1/√width outlasts the small steps → information', () => {
  // 240 steps × 2.1e-4 = 0.05 of the weights' norm: over 1/√1024 = 0.031, under the tenth.
  assert.ok(Math.abs(planReach(steps(2.1e-4).map((s) => s.loss), 2.1e-4, 240, 1024)!.travel - 0.0504) < 1e-9);
  const [wide] = judge(2.1e-4, 1024);
  assert.equal(wide.code, 'learning-rate-low');
  assert.equal(wide.severity, 'info');
  assert.match(wide.message, /could move the weights by at most 0\.05 of their norm: the planned training outlasts the small steps/);
});

test('near misses: the same numbers on a net of 100 units or of unknown width, and a 1,024-unit net at plain SGD\'s pace, stay warnings', () => {
  for (const width of [100, undefined]) {
    const [narrow] = judge(2.1e-4, width);
    assert.equal(narrow.severity, 'warning');
    assert.match(narrow.message, /less than 0\.1 of their norm, an order of magnitude below the scale initialisation sets/);
  }
  // Plain SGD at the same rate (jax1573-scratch-sum, buggy, one wasm profile: ‖Δw‖/‖w‖ 6.8e-5): 240 × 6.8e-5 = 0.016 < 0.031.
  const [slow] = judge(6.8e-5, 1024);
  assert.equal(slow.severity, 'warning');
  assert.match(slow.message, /less than 0\.031 of their norm, 1\/√width, the distance training moves a net whose narrowest hidden layer has 1,024 units\)/);
});

test('through evaluateHealth: the width is the hidden layers\', the output layer left out — unknown outputs keep the tenth', () => {
  const kernel = (name: string, shape: number[]) => ({ name: `${name}/kernel`, shape, trainable: true });
  const layers = [
    { name: 'd1', className: 'Dense', activation: 'relu', weights: [kernel('d1', [784, 1024])] },
    { name: 'd2', className: 'Dense', activation: 'relu', weights: [kernel('d2', [1024, 1024])] },
    { name: 'out', className: 'Dense', activation: 'softmax', weights: [kernel('out', [1024, 10])] },
  ];
  const stats = (name: string, i: number) => ({ name, gradNorm: 0.9, weights: [{ ...steps(2.1e-4)[0].layers[0].weights[0], name: `${name}/kernel` }], ...(i ? { updateRatio: 2.1e-4 } : {}) });
  const profile: StepRecord[] = steps(2.1e-4).map((s, i) => ({ ...s, layers: ['d1', 'd2', 'out'].map((name) => stats(name, i)) }));
  const output = { layer: 'out', activation: 'softmax', loss: 'categoricalCrossentropy', units: 10, labelMeanSquare: 0.1, labelVariance: 0.09 };
  const low = (outputs?: (typeof output)[]) => evaluateHealth(layers, profile, {}, undefined, { rateProbes: probes, plannedSteps: 240, ...(outputs ? { outputs } : {}) }).find((f) => f.code === 'learning-rate-low');
  assert.equal(low([output])?.severity, 'info');
  assert.equal(low()?.severity, 'warning');
});
