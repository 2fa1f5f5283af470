// A loss that stopped falling after a too-large step broke the output (src/core/stalledByRate.ts), on hand-made steps:
// the loss-not-decreasing warning becomes learning-rate-high on the rate's line; its near misses stay as they were.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lossStalledByRate } from '../../src/core/stalledByRate';
import { UPDATE_REPLACES_WEIGHTS } from '../../src/core/causes';
import { DEFAULT_THRESHOLDS, evaluateHealth, type StepRecord } from '../../src/core/health';
import type { Finding, LayerInfo, LayerStepStats } from '../../src/core/protocol';

const at = (line: number) => ({ file: '/m.js', line, column: 1 });
const rateSite = at(33);
const dense = (name: string, line: number, activation: string): LayerInfo => ({ name, className: 'Dense', activation, location: at(line), weights: [{ name: `${name}/kernel`, shape: [4, 4], trainable: true }] });
const layers = [dense('hidden', 31, 'relu'), dense('out', 32, 'softmax')];
const outputs = new Set(['out']);
const hidden = (updateRatio?: number): LayerStepStats => ({ name: 'hidden', gradNorm: 1, weights: [], deadShare: 0.2, ...(updateRatio !== undefined ? { updateRatio } : {}) });
const out = (saturatedShare: number, gradNorm: number, updateRatio?: number): LayerStepStats => ({ name: 'out', gradNorm, weights: [], saturatedShare, ...(updateRatio !== undefined ? { updateRatio } : {}) });

/**
 * mlm-lr-1's picture (SGD 1.0, measured: 44 % of rows above 0.99 at step 0, 94–97 % from step 1 after ‖Δw‖/‖w‖ 7.7 on the
 * output, ‖g‖ 16 → 0.01): the output `start` saturated at step 0, `broke` from step 1 after an update of `ratio`, `end` at the last step.
 */
const steps = ({ start = 0.44, broke = 0.94, end = 0.97, ratio = 7.7 } = {}): StepRecord[] => [
  { step: 0, loss: 3, layers: [hidden(), out(start, 16)] },
  { step: 1, loss: 8.4, layers: [hidden(0.22), out(broke, 1.8, ratio)] },
  { step: 2, loss: 7.6, layers: [hidden(0.07), out(0.9, 0.05, 0.1)] },
  { step: 3, loss: 7.6, layers: [hidden(0.001), out(0.97, 0.01, 0.001)] },
  { step: 4, loss: 7.6, layers: [hidden(0.001), out(end, 0.01, 0.001)] },
];
/** The ÷10 run's ‖g‖ after the same 4 steps: the output still learning at a tenth of the rate. */
const tenth = (outGrad = 3.3, after = 4) => ({ steps: after, layers: ['hidden', 'out'], gradNorms: [0.5, outGrad] });
const stalled: Finding = { code: 'loss-not-decreasing', severity: 'warning', location: rateSite, step: 3, message: 'The loss rises: 3 → 7.6 over 4 steps on the same batch. Check that gradients reach the weights.' };
const initial: Finding = { code: 'initial-loss', severity: 'warning', layer: 'hidden', location: at(31), step: 0, message: 'The loss at initialization is 3 …' };
const judge = (s: StepRecord[], probe = tenth() as ReturnType<typeof tenth> | undefined, found: Finding[] = [stalled, initial]) => lossStalledByRate(found, layers, s, DEFAULT_THRESHOLDS, rateSite, outputs, 'SGD', probe);

test('a loss that rises after an update ≥ the output weights saturated the softmax, while a tenth of the rate keeps its gradient: learning-rate-high on the rate line instead of loss-not-decreasing', () => {
  const [named, rest] = judge(steps());
  assert.deepEqual(rest, initial);
  assert.equal(named.code, 'learning-rate-high');
  assert.equal(named.severity, 'warning');
  assert.equal(named.location?.line, 33);
  assert.equal(named.step, 1);
  assert.deepEqual(named.related?.map((r) => [r.layer, r.location?.line, r.verdict, r.message]), [['out', 32, 'saturated-output', '44 % of the examples above 0.99 at step 0, 50 % or more from step 1']]);
  assert.match(
    named.message,
    /^The learning rate is too high: the loss stopped falling after a step broke the output — from step 1 out's softmax output is above 0\.99 for most examples, right after an update that moved out's weights by 7\.7× their norm .* the same 4 steps at a tenth of the rate still pass gradient to out \(‖g‖ 3\.3 there against 0\.01 at this rate\)\. .*: the loss rises: 3 → 7\.6 over 4 steps on the same batch\. Lower the learning rate/,
  );
});

test('near misses: the output never broke, broke at step 0, recovered by the last step, an update below the weights: loss-not-decreasing stays', () => {
  const unchanged = [stalled, initial];
  assert.deepEqual(judge(steps({ broke: 0.3, end: 0.3 })), unchanged);
  assert.deepEqual(judge(steps({ start: 0.6 })), unchanged);
  assert.deepEqual(judge(steps({ end: 0.2 })), unchanged);
  assert.deepEqual(judge(steps({ ratio: UPDATE_REPLACES_WEIGHTS * 0.9 })), unchanged);
});

test('near misses of the tenth of the rate: no ÷10 run, one shorter than the profile, the tenth under 10× the own ‖g‖ or under the vanishing floor: loss-not-decreasing stays', () => {
  const unchanged = [stalled, initial];
  assert.deepEqual(lossStalledByRate(unchanged, layers, steps(), DEFAULT_THRESHOLDS, rateSite, outputs, 'SGD', undefined), unchanged);
  assert.deepEqual(judge(steps(), tenth(3.3, 3)), unchanged);
  assert.deepEqual(judge(steps(), tenth(0.09)), unchanged); // own ‖g‖ 0.01 at the end: 9× is not 10×
  assert.deepEqual(
    lossStalledByRate(unchanged, layers, steps().map((s, i) => (i === 4 ? { ...s, layers: [hidden(), out(0.97, 1e-6)] } : s)), DEFAULT_THRESHOLDS, rateSite, outputs, 'SGD', tenth(5e-5)),
    unchanged,
  );
});

test('an info (a slow fall) is never made an alarm, and without a rate line nothing moves', () => {
  const slow = { ...stalled, severity: 'info' as const };
  assert.deepEqual(judge(steps(), tenth(), [slow]), [slow]);
  assert.deepEqual(lossStalledByRate([stalled], layers, steps(), DEFAULT_THRESHOLDS, undefined, outputs, 'SGD', tenth()), [stalled]);
});

test('through evaluateHealth: one learning-rate-high on the optimizer line, no loss-not-decreasing beside it; without the ÷10 run the loss warning stays', () => {
  const context = { optimizerLocation: rateSite, optimizer: 'SGD', tenthRate: tenth(), outputs: [{ layer: 'out', loss: 'categoricalCrossentropy', activation: 'softmax', units: 4, labelMeanSquare: 0.25, labelVariance: 0.19 }] } as Parameters<typeof evaluateHealth>[4];
  const codes = (f: Finding[]) => f.filter((x) => x.severity !== 'info').map((x) => `${x.code}@${x.location?.line}`);
  const named = evaluateHealth(layers, steps(), {}, undefined, context);
  assert.deepEqual(codes(named).filter((c) => /learning-rate|loss-not-decreasing/.test(c)), ['learning-rate-high@33']);
  const unprobed = evaluateHealth(layers, steps(), {}, undefined, { ...context, tenthRate: undefined });
  assert.deepEqual(codes(unprobed).filter((c) => /learning-rate|loss-not-decreasing/.test(c)), ['loss-not-decreasing@33']);
});
