// unscaled-input (src/core/inputRules.ts) on hand-made profiles: inputs of RMS ≥ 10 whose first reading layer keeps
// most units one-signed (ReLU) or saturated (sigmoid/tanh) at the last profiled step fire there; near misses stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { unscaledInput, SIGN_CONSTANT_SHARE } from '../../src/core/inputRules';
import { UNSCALED_INPUT_RMS } from '../../src/core/lossRules';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import type { LayerInfo, LayerStepStats, OutputInfo } from '../../src/core/protocol';
import type { HealthContext, StepRecord } from '../../src/core/healthModel';

const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const dense = (name: string, line: number, activation = 'linear', className = 'Dense'): LayerInfo => ({
  name,
  className,
  activation,
  location: at(line),
  weights: [{ name: `${name}/kernel`, shape: [3, 12], trainable: true }],
});
const act = (name: string, line: number, activation: string): LayerInfo => ({ name, className: 'Activation', activation, location: at(line), weights: [] });
const head: OutputInfo = { layer: 'head', activation: 'sigmoid', loss: 'binaryCrossentropy', units: 1, labelMeanSquare: 0.4, labelVariance: 0.24 };
const context = (rms: number): HealthContext => ({ outputs: [head], inputScale: { rms, feature: 2, maxAbs: 2501 } });
/** Steps 0 and 20 with the given stats on one layer. */
const steps = (name: string, first: Partial<LayerStepStats>, last: Partial<LayerStepStats> = first): StepRecord[] =>
  [first, last].map((stats, i) => ({ step: i * 20, loss: 0.69, layers: [{ name, gradNorm: NaN, weights: [], ...stats }] }));

const reluModel = [dense('dense1', 24), act('relu1', 25, 'relu'), dense('dense2', 26, 'relu'), dense('head', 28, 'sigmoid')];

test('ReLU after the first Dense with 5 of 12 units dead and 6 always positive: unscaled-input on the Dense, the Activation related', () => {
  const finding = unscaledInput(reluModel, steps('relu1', { deadShare: 5 / 12, activeShare: 6 / 12 }), DEFAULT_THRESHOLDS, context(650));
  assert.equal(finding?.code, 'unscaled-input');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.location, at(24));
  assert.equal(finding.related?.[0].location?.line, 25);
  assert.match(finding.message, /input feature 2 has RMS 650 .* 92 % of its units keep one sign .* 42 % output 0 .* 50 % are positive .* at step 20 \(as at step 0\)/);
  // The line that made the tensor given to fit(), when the runner knows it, is where the fix goes: related too.
  const withSite = unscaledInput(reluModel, steps('relu1', { deadShare: 5 / 12, activeShare: 6 / 12 }), DEFAULT_THRESHOLDS, { ...context(650), dataLocations: { inputs: [at(20)] } });
  assert.deepEqual(withSite?.related?.map((r) => r.location?.line), [25, 20]);
});

test('the threshold is the share of one-signed units, dead or positive alike; below half stays quiet', () => {
  const fires = (dead: number, active: number) => unscaledInput(reluModel, steps('relu1', { deadShare: dead, activeShare: active }), DEFAULT_THRESHOLDS, context(650)) !== undefined;
  assert.equal(SIGN_CONSTANT_SHARE, 0.5);
  assert.ok(fires(0, 0.5) && fires(0.5, 0) && fires(0.25, 0.25));
  assert.ok(!fires(0.2, 0.25) && !fires(0, 0));
});

test('inputs below RMS 10, or no input scale measured, stay quiet whatever the layer shows', () => {
  const oneSigned = steps('relu1', { deadShare: 0.5, activeShare: 0.5 });
  assert.equal(UNSCALED_INPUT_RMS, 10);
  assert.equal(unscaledInput(reluModel, oneSigned, DEFAULT_THRESHOLDS, context(9.9)), undefined);
  assert.equal(unscaledInput(reluModel, oneSigned, DEFAULT_THRESHOLDS, { outputs: [head] }), undefined);
});

test('a consequence the profiled steps repair is none: judged at the last step', () => {
  const repaired = steps('relu1', { deadShare: 0.5, activeShare: 0.5 }, { deadShare: 0.1, activeShare: 0.2 });
  assert.equal(unscaledInput(reluModel, repaired, DEFAULT_THRESHOLDS, context(650)), undefined);
});

test('a tanh first layer with more than half its outputs in the tails fires; exactly half does not', () => {
  const tanh = [dense('dense1', 8, 'tanh'), dense('head', 9, 'sigmoid')];
  const finding = unscaledInput(tanh, steps('dense1', { saturatedShare: 0.96 }), DEFAULT_THRESHOLDS, context(1200));
  assert.deepEqual(finding?.location, at(8));
  assert.equal(finding.related, undefined);
  assert.match(finding.message, /96 % of its tanh outputs sit in the flat tails/);
  assert.equal(unscaledInput(tanh, steps('dense1', { saturatedShare: 0.5 }), DEFAULT_THRESHOLDS, context(1200)), undefined);
});

test('no activation reads the first layer directly (BatchNormalization next, a linear Dense, or the output layer itself): quiet', () => {
  const oneSigned = { deadShare: 0.5, activeShare: 0.5 };
  const bnAfter = [dense('dense1', 8), dense('bn', 9, undefined, 'BatchNormalization'), act('relu1', 10, 'relu'), dense('head', 11, 'sigmoid')];
  assert.equal(unscaledInput(bnAfter, steps('relu1', oneSigned), DEFAULT_THRESHOLDS, context(650)), undefined);
  const linearStack = [dense('dense1', 8), dense('dense2', 9, 'relu'), dense('head', 10, 'sigmoid')];
  assert.equal(unscaledInput(linearStack, steps('dense2', oneSigned), DEFAULT_THRESHOLDS, context(650)), undefined);
  const logistic = [dense('head', 8, 'sigmoid')];
  assert.equal(unscaledInput(logistic, steps('head', { saturatedShare: 1 }), DEFAULT_THRESHOLDS, context(650)), undefined);
});
