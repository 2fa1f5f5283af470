// Causes outside the named layers (src/core/causes.ts) on hand-made findings and steps: where the finding
// moves, and the near misses that leave it where it was.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { brokenByRate, explodingFromTargets, UNSCALED_TARGET_RMS, UPDATE_REPLACES_WEIGHTS } from '../../src/core/causes';
import { DEFAULT_THRESHOLDS, type StepRecord } from '../../src/core/health';
import type { Finding, LayerInfo, LayerStepStats, OutputInfo } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/m.js', line, column: 1 });
const rate = at(30);
const dense = (name: string, line: number): LayerInfo => ({ name, className: 'Dense', location: at(line), weights: [{ name: `${name}/kernel`, shape: [4, 4], trainable: true }] });
const act = (name: string, line: number): LayerInfo => ({ name, className: 'Activation', activation: 'relu', location: at(line), weights: [] });
const layers = [dense('d1', 20), act('r1', 21), { ...dense('d2', 22), activation: 'softmax' }];
const weighted = (name: string, updateRatio?: number, gradNorm = 1): LayerStepStats => ({ name, gradNorm, weights: [], ...(updateRatio !== undefined ? { updateRatio } : {}) });
const relu = (deadShare: number): LayerStepStats => ({ name: 'r1', gradNorm: NaN, weights: [], deadShare });
/** Step 0 with r1 `start` dead, then r1 dead from step 2 after an update of `ratio` on d1. */
const history = (start: number, ratio: number): StepRecord[] => [
  { step: 0, loss: 1, layers: [weighted('d1'), relu(start), weighted('d2')] },
  { step: 1, loss: 1, layers: [weighted('d1', 0.01), relu(start), weighted('d2', 0.01)] },
  { step: 2, loss: 1, layers: [weighted('d1', ratio), relu(1), weighted('d2', 5)] },
];
const dead: Finding = { code: 'dead-relu', severity: 'warning', layer: 'r1', location: at(21), step: 2, message: 'Dead ReLU: …' };

const outputs = new Set(['d2']);
const moveByRate = (f: Finding, steps: StepRecord[]) => brokenByRate([f], layers, steps, DEFAULT_THRESHOLDS, rate, outputs);

test('dead ReLU alive at step 0, dead right after an update ≥ the weights: learning-rate-high on the rate line, the dead layer related as dead-relu', () => {
  const [moved, ...rest] = moveByRate(dead, history(0.3, 2.5));
  assert.deepEqual(rest, []);
  assert.equal(moved.code, 'learning-rate-high');
  assert.equal(moved.severity, 'warning');
  assert.equal(moved.location?.line, 30);
  assert.equal(moved.layer, undefined);
  assert.equal(moved.step, 2);
  assert.deepEqual(moved.related?.map((r) => [r.layer, r.location?.line, r.verdict]), [['r1', 21, 'dead-relu']]);
  assert.match(moved.message, /^The learning rate is too high: a step broke a layer that worked at step 0 — from step 2 r1's ReLU units output 0 for every example — right after an update that moved d1's weights by 2\.5× their norm/);
  assert.equal(moved.related![0].message, '30 % of units dead at step 0, 70 % or more from step 2');
});

test('near misses: dead from step 0, an update below the weights, only a layer above moved, an info, or no rate line: unchanged', () => {
  assert.deepEqual(moveByRate(dead, history(0.9, 2.5)), [dead]);
  assert.deepEqual(moveByRate(dead, history(0.3, UPDATE_REPLACES_WEIGHTS * 0.9)), [dead]);
  // d2 (after r1) moved by 5×, d1 (before it) by 0.5: d2 cannot have killed r1's units.
  assert.deepEqual(moveByRate(dead, history(0.3, 0.5)), [dead]);
  const info = { ...dead, severity: 'info' as const };
  assert.deepEqual(moveByRate(info, history(0.3, 2.5)), [info]);
  assert.deepEqual(brokenByRate([dead], layers, history(0.3, 2.5), DEFAULT_THRESHOLDS, undefined, outputs), [dead]);
});

/** A softmax output d2 (saturated share `start` at step 0) that saturates fully at step 2 after an update of `ratio` on itself; d1 below gets no gradient from step 2. */
const softmaxHistory = (start: number, ratio: number): StepRecord[] => [
  { step: 0, loss: 2.3, layers: [weighted('d1'), relu(0.1), { ...weighted('d2'), saturatedShare: start }] },
  { step: 1, loss: 2.1, layers: [weighted('d1', 0.01), relu(0.1), { ...weighted('d2', 0.01), saturatedShare: start }] },
  { step: 2, loss: 14, layers: [weighted('d1', 0.5, 0), relu(0.1), { ...weighted('d2', ratio), saturatedShare: 1 }] },
];
const cutOff: Finding = {
  code: 'vanishing',
  severity: 'warning',
  layer: 'd1',
  location: at(20),
  step: 2,
  message: 'No gradient reaches d1: …',
  cause: { layer: 'd2', location: at(22), message: 'the dense layer d2 (line 22) is saturated' },
};

test('a softmax that saturates right after an update ≥ its weights cuts the layers below off: learning-rate-high, the output related as saturated-output, the cut-off layer as vanishing', () => {
  const [moved, ...rest] = moveByRate(cutOff, softmaxHistory(0, 3));
  assert.deepEqual(rest, []);
  assert.equal(moved.code, 'learning-rate-high');
  assert.equal(moved.location?.line, 30);
  assert.deepEqual(moved.related?.map((r) => [r.layer, r.location?.line, r.verdict]), [['d2', 22, 'saturated-output'], ['d1', 20, 'vanishing']]);
  assert.match(moved.message, /from step 2 d2's softmax output is above 0\.99 for most examples — right after an update that moved d2's weights by 3× their norm .* so no gradient reaches d1 below it/);
  assert.equal(moved.related![0].message, '0 % of the examples above 0.99 at step 0, 50 % or more from step 2');
});

test('near misses: an output saturated from step 0 (huge initial weights), an update below the weights, a vanishing that began before the saturation: unchanged', () => {
  assert.deepEqual(moveByRate(cutOff, softmaxHistory(1, 3)), [cutOff]);
  assert.deepEqual(moveByRate(cutOff, softmaxHistory(0, 0.5)), [cutOff]);
  const early = { ...cutOff, step: 1 };
  assert.deepEqual(moveByRate(early, softmaxHistory(0, 3)), [early]);
});

test('the dead layers and the layers they cut off make one learning-rate-high finding, not one per layer', () => {
  const below: Finding = { ...cutOff, cause: { layer: 'r1', location: at(21), message: 'the activation layer r1 (line 21) is dead' } };
  const other: Finding = { code: 'exploding', severity: 'info', layer: 'd2', location: at(22), step: 1, message: 'Exploding gradient: …' };
  const found = brokenByRate([dead, below, other], layers, history(0.3, 2.5), DEFAULT_THRESHOLDS, rate, outputs);
  assert.deepEqual(found.map((f) => f.code), ['learning-rate-high', 'exploding']);
  assert.deepEqual(found[0].related?.map((r) => [r.layer, r.verdict]), [['r1', 'dead-relu'], ['d1', 'vanishing']]);
  assert.match(found[0].message, /Dead units get no gradient to come back, so no gradient reaches d1 below it/);
});

/** r1 is the model's output (a ReLU output unit, as in a regression whose last layer is relu). */
const reluOutput = new Set(['r1']);

test('a ReLU output alive at step 0 and dead right after a large update: output-activation on the output layer, not learning-rate-high; the layers it cuts off related', () => {
  const below: Finding = { ...cutOff, cause: { layer: 'r1', location: at(21), message: 'the activation layer r1 (line 21) is dead' } };
  const found = brokenByRate([dead, below], layers, history(0, 7.8), DEFAULT_THRESHOLDS, rate, reluOutput);
  assert.equal(found.length, 1);
  const [named] = found;
  assert.equal(named.code, 'output-activation');
  assert.equal(named.layer, 'r1');
  assert.equal(named.location?.line, 21);
  assert.equal(named.step, 2);
  assert.deepEqual(named.related?.map((r) => [r.layer, r.verdict]), [['d1', 'vanishing']]);
  assert.match(named.message, /^The output layer's relu died during training: 0 % of units dead at step 0, 70 % or more from step 2 \(its units output 0 for every example\), right after an update that moved d1's weights by 7\.8× their norm\. A dead output passes no gradient to itself or to any layer below \(d1\)/);
});

test('near misses for a ReLU output: dead from step 0 (left to the born-dead rule), an update below the weights: unchanged', () => {
  assert.deepEqual(brokenByRate([dead], layers, history(0.9, 7.8), DEFAULT_THRESHOLDS, rate, reluOutput), [dead]);
  assert.deepEqual(brokenByRate([dead], layers, history(0, UPDATE_REPLACES_WEIGHTS * 0.9), DEFAULT_THRESHOLDS, rate, reluOutput), [dead]);
});

/** A tanh layer t1 (3 % in the tails at step 0) saturated from step 1 after an update of 0.75 of its weights, ‖g‖ `end` at the last step. */
const tanhLayers: LayerInfo[] = [{ ...dense('t1', 20), activation: 'tanh' }, { ...dense('t2', 22), activation: 'tanh' }];
const tanh = (saturatedShare: number, gradNorm: number, updateRatio?: number): LayerStepStats => ({ ...weighted('t1', updateRatio, gradNorm), saturatedShare });
const tanhHistory = (end: number): StepRecord[] => [
  { step: 0, loss: 1, layers: [tanh(0.03, 6.8), weighted('t2')] },
  { step: 1, loss: 0.5, layers: [tanh(1, 1e-3, 0.75), weighted('t2', 0.26)] },
  { step: 2, loss: 0.5, layers: [tanh(1, end, 1e-3), weighted('t2', 0.1)] },
];
const saturated: Finding = { code: 'saturation', severity: 'warning', layer: 't1', location: at(20), step: 1, message: 'Saturated activations: …' };
const tenthRun = (t1: number, steps = 2) => ({ steps, layers: ['t1', 't2'], gradNorms: [t1, 0.5] });
const byTenth = (f: Finding, steps: StepRecord[], tenth?: ReturnType<typeof tenthRun>) => brokenByRate([f], tanhLayers, steps, DEFAULT_THRESHOLDS, rate, new Set(['t2']), undefined, tenth);

test('a tanh layer saturated from step 1 by an update below its weights, where a tenth of the rate still passes it 10× the gradient: learning-rate-high, the layer related as saturation', () => {
  const [moved, ...rest] = byTenth(saturated, tanhHistory(0), tenthRun(0.39));
  assert.deepEqual(rest, []);
  assert.equal(moved.code, 'learning-rate-high');
  assert.equal(moved.location?.line, 30);
  assert.deepEqual(moved.related?.map((r) => [r.layer, r.verdict]), [['t1', 'saturation']]);
  assert.match(moved.message, /after an update that moved t1's weights by 0\.75× their norm .*, while from the same initial weights the same 2 steps at a tenth of the rate still pass gradient to t1 \(‖g‖ 0\.39 there against 0 at this rate\)/);
});

test('near misses for the tenth of the rate: no probe, a probe shorter than the profile, the tenth no 10× above the own ‖g‖, a named layer below the floor there, saturated from step 0: unchanged', () => {
  assert.deepEqual(byTenth(saturated, tanhHistory(0)), [saturated]);
  assert.deepEqual(byTenth(saturated, tanhHistory(0), tenthRun(0.39, 1)), [saturated]);
  // Own ‖g‖ 0.05 at the end, a tenth of the rate 0.39 (< 10×): the large rate still moves the layer as far.
  assert.deepEqual(byTenth(saturated, tanhHistory(0.05), tenthRun(0.39)), [saturated]);
  assert.deepEqual(byTenth(saturated, tanhHistory(0), tenthRun(DEFAULT_THRESHOLDS.vanishingAbsolute / 2)), [saturated]);
  const fromStart = tanhHistory(0).map((r) => ({ ...r, layers: [{ ...r.layers[0], saturatedShare: 1 }, r.layers[1]] }));
  assert.deepEqual(byTenth(saturated, fromStart, tenthRun(0.39)), [saturated]);
});

test('a ReLU output dead after an update below the weights, where a tenth of the rate still passes gradient below it: output-activation citing the tenth, not an update size', () => {
  const below: Finding = { ...cutOff, cause: { layer: 'r1', location: at(21), message: 'the activation layer r1 (line 21) is dead' } };
  const steps = history(0, 0.5).map((r) => ({ ...r, layers: r.layers.map((l) => (l.name === 'd1' && r.step === 2 ? { ...l, gradNorm: 0 } : l)) }));
  const [named] = brokenByRate([below], layers, steps, DEFAULT_THRESHOLDS, rate, reluOutput, undefined, { steps: 2, layers: ['d1', 'd2'], gradNorms: [0.2, 0.3] });
  assert.equal(named.code, 'output-activation');
  assert.equal(named.location?.line, 21);
  assert.match(named.message, /70 % or more from step 2 \(its units output 0 for every example\), while the same 2 steps at a tenth of the rate still pass gradient to d1 \(‖g‖ 0\.2 there against 0 at this rate\)\./);
});

const targetsLine = at(17);
const mse = (labelMeanSquare: number, loss = 'meanSquaredError'): OutputInfo => ({ layer: 'd2', loss, units: 1, labelMeanSquare, labelVariance: labelMeanSquare, labelMin: 0, labelMax: 1e8 });
const exploding: Finding = { code: 'exploding', severity: 'error', layer: 'd2', location: at(22), step: 2, message: 'Exploding gradient: ‖g‖ = 5e8 …', related: [{ layer: 'd1', location: at(20), message: '‖g‖ 6e7' }] };
const steps: StepRecord[] = [0, 1, 2].map((n) => ({ step: n, loss: 1e15, layers: [weighted('d1', undefined, 6e7), weighted('d2', undefined, 5e8)] }));

test('exploding under MSE with targets of RMS 3.3e7: moved to the targets line, the layers related, the gradient at unit scale quoted', () => {
  const moved = explodingFromTargets(exploding, layers, steps, [mse(1.1e15)], { targets: [targetsLine] });
  assert.equal(moved.location?.line, 17);
  assert.equal(moved.layer, undefined);
  assert.deepEqual(moved.related?.map((r) => r.layer), ['d2', 'd1']);
  assert.match(moved.message, /^Exploding gradient from unscaled targets: the targets given to fit\(\) \(0 to 1\.0e8\) have RMS 3\.3e7, .* \(‖g‖ 5\.0e8 at d2, step 2: ~15 at unit scale\)/);
  assert.match(moved.message, /Evidence: Exploding gradient: ‖g‖ = 5e8/);
});

test('near misses: targets near unit scale, a loss whose gradient does not grow with the targets, an info, no targets line: unchanged', () => {
  const unit = UNSCALED_TARGET_RMS * UNSCALED_TARGET_RMS * 0.9;
  assert.equal(explodingFromTargets(exploding, layers, steps, [mse(unit)], { targets: [targetsLine] }), exploding);
  assert.equal(explodingFromTargets(exploding, layers, steps, [mse(1.1e15, 'meanAbsoluteError')], { targets: [targetsLine] }), exploding);
  const info = { ...exploding, severity: 'info' as const };
  assert.equal(explodingFromTargets(info, layers, steps, [mse(1.1e15)], { targets: [targetsLine] }), info);
  assert.equal(explodingFromTargets(exploding, layers, steps, [mse(1.1e15)], undefined), exploding);
});
