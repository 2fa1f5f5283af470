// The vanishing gradient across a sigmoid/tanh hidden stack, measured as Nielsen measures it (ch. 5: each hidden
// layer's ‖∂C/∂b‖, per unit here): fires at his four-layer network's 100× fall under SGD, is information under Adam,
// and stays quiet on the near misses (one hidden layer, his three-layer network's 24× fall, a Glorot tanh stack).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import type { LayerInfo, LayerStepStats } from '../../src/core/protocol';
import { denseLayer, weightStats } from './denseLayers';
import { STACK_FALL } from '../../src/core/saturatingStackRule';

const UNITS = 30;

const w = (name: string, gradNorm: number) => weightStats(name, gradNorm, 5);
const dense = (name: string, activation: string, line: number, fanIn = UNITS, units = UNITS) => denseLayer(name, activation, line, fanIn, units);

/** A layer whose bias gradient is `delta` per unit; the kernel's ‖g‖ (x·δ over many inputs) is far larger. */
function stats(name: string, delta: number, units = UNITS): LayerStepStats {
  const bias = delta * Math.sqrt(units);
  const kernel = bias * 20;
  return { name, gradNorm: Math.hypot(bias, kernel), weights: [w(`${name}/kernel`, kernel), w(`${name}/bias`, bias)] };
}

/** Hidden layers h1…hN of `activation` (δ per unit from `deltas`, first to last) under a softmax output. */
function network(activation: string, deltas: number[]): { layers: LayerInfo[]; at: (step: number, loss: number, scale?: number[]) => StepRecord } {
  const hidden = deltas.map((_, i) => dense(`h${i + 1}`, activation, 10 + i, i === 0 ? 784 : UNITS));
  const layers = [...hidden, dense('out', 'softmax', 10 + deltas.length, UNITS, 10)];
  const at = (step: number, loss: number, scale = deltas.map(() => 1)) => ({
    step,
    loss,
    layers: [...hidden.map((l, i) => stats(l.name, deltas[i] * scale[i])), stats('out', 0.3, 10)],
  });
  return { layers, at };
}

const nielsen4 = [2.98e-3, 1.71e-2, 6.95e-2, 2.85e-1]; // fig/norms_during_training_4_layers.json, epoch 0 (per layer, 30 units)
const nielsen3 = [8.56e-5, 2.18e-4, 1.26e-3]; // fig/norms_during_training_3_layers.json, epoch 499 (×0.068; epoch 0: ×0.042)
const vanishing = (findings: ReturnType<typeof evaluateHealth>) => findings.filter((f) => f.code === 'vanishing');

test("Nielsen's four sigmoid hidden layers under SGD: the first learns ~100× slower than the last — a warning at the first layer naming the stack", () => {
  const { layers, at } = network('sigmoid', nielsen4);
  const findings = evaluateHealth(layers, [at(0, 10), at(1, 8), at(2, 7)], {}, undefined, { optimizer: 'SGD' });
  const [f, ...rest] = vanishing(findings);
  assert.equal(rest.length, 0, findings.map((x) => x.message).join('\n'));
  assert.equal(f.severity, 'warning');
  assert.equal(f.layer, 'h1');
  assert.equal(f.location?.line, 10);
  assert.match(f.message, /4 sigmoid hidden layers at lines 10–13/);
  assert.match(f.message, /from 0\.28 at h4 to 3\.0e-3 at h1 — it learns 96× slower than h4 \(from step 0 to step 2\)/);
  assert.match(f.message, /shrinks ×0\.22 per layer/);
  assert.match(f.message, /SGD's step is the learning rate times the gradient/);
  // The whole-layer ‖g‖ rule alone would not see it: h1's ‖g‖ is far above its 1e-4 floor.
  assert.ok(Math.min(...at(0, 10).layers.map((l) => l.gradNorm)) > 1e-3);
});

test('the same fall under Adam is information (its step does not shrink with the gradient); Momentum and Adadelta step with the gradient', () => {
  const { layers, at } = network('sigmoid', nielsen4);
  const steps = [at(0, 10), at(1, 8)];
  const adam = vanishing(evaluateHealth(layers, steps, {}, undefined, { optimizer: 'Adam' }));
  assert.deepEqual(adam.map((f) => f.severity), ['info']);
  assert.match(adam[0].message, /Adam divides each weight's gradient by its own running scale/);
  for (const optimizer of ['Momentum', 'Adadelta']) assert.deepEqual(vanishing(evaluateHealth(layers, steps, {}, undefined, { optimizer })).map((f) => f.severity), ['warning'], optimizer);
});

test("near misses: Nielsen's three-layer network (×0.04 first/last), one sigmoid hidden layer, a Glorot tanh stack whose δ holds, stacked LSTMs", () => {
  const three = network('sigmoid', nielsen3);
  assert.deepEqual(vanishing(evaluateHealth(three.layers, [three.at(0, 10), three.at(1, 9)], {}, undefined, { optimizer: 'SGD' })), []);
  const one = network('sigmoid', [1e-4]);
  assert.deepEqual(vanishing(evaluateHealth(one.layers, [one.at(0, 10), one.at(1, 9)], {}, undefined, { optimizer: 'SGD' })), [], 'no stack: nothing to compare');
  const tanh = network('tanh', [0.05, 0.06, 0.06, 0.07, 0.08, 0.09]);
  assert.deepEqual(vanishing(evaluateHealth(tanh.layers, [tanh.at(0, 2), tanh.at(1, 1.5)], {}, undefined, { optimizer: 'SGD' })), []);
  // Recurrent layers sum δ over time steps and gates: the same numbers on stacked LSTMs are not this measure.
  const lstm = network('tanh', nielsen4);
  const recurrent = lstm.layers.map((l) => (l.name === 'out' ? l : { ...l, className: 'LSTM' }));
  assert.deepEqual(vanishing(evaluateHealth(recurrent, [lstm.at(0, 10), lstm.at(1, 9)], {}, undefined, { optimizer: 'SGD' })), [], 'LSTM');
  // At the edge: exactly STACK_FALL fires, just above it does not.
  const edge = (fall: number) => network('sigmoid', [fall * 0.25, 0.1, 0.25]);
  const at = (fall: number) => vanishing(evaluateHealth(edge(fall).layers, [edge(fall).at(0, 10)], {}, undefined, { optimizer: 'SGD' })).length;
  assert.equal(at(STACK_FALL), 1);
  assert.equal(at(STACK_FALL * 1.01), 0);
});

test('a fall only at initialization is info; a layer with another activation between breaks the stack; a fitted batch is not judged', () => {
  const { layers, at } = network('sigmoid', nielsen4);
  const recovered = vanishing(evaluateHealth(layers, [at(0, 10), at(1, 8, [40, 1, 1, 1])], {}, undefined, { optimizer: 'SGD' }));
  assert.deepEqual(recovered.map((f) => f.severity), ['info']);
  assert.match(recovered[0].message, /at step 0, resolved by step 1/);
  const broken = layers.map((l) => (l.name === 'h3' ? { ...l, activation: 'relu' } : l));
  assert.deepEqual(vanishing(evaluateHealth(broken, [at(0, 10), at(1, 8)], {}, undefined, { optimizer: 'SGD' })), [], 'h1–h2 and h4 are separate stacks');
  const fitted = vanishing(evaluateHealth(layers, [at(0, 10), at(1, 1e-3 * 10)], {}, undefined, { optimizer: 'SGD' }));
  assert.match(fitted[0].message, /\(at step 0\)/, 'the fitted step 1 is not judged: step 0 is the last judged one');
});

test('a stack whose layers already vanish by ‖g‖ gets the ‖g‖ finding only', () => {
  const { layers, at } = network('sigmoid', [1e-9, 1e-6, 1e-3, 0.3]);
  const found = vanishing(evaluateHealth(layers, [at(0, 10), at(1, 9)], {}, undefined, { optimizer: 'SGD' }));
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  assert.match(found[0].message, /the data loss's ‖g‖ = /);
  assert.doesNotMatch(found[0].message, /‖∂L\/∂b‖/);
});
