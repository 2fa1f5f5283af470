// When the profile keeps stepping past the planned steps (src/core/plateau.ts), and how progress reads then.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lossUndecided, stepProgress } from '../../src/core/plateau';
import { evaluateHealth } from '../../src/core/health';
import type { StepRecord } from '../../src/core/healthModel';

const curve = (losses: number[], evalLosses?: number[]): StepRecord[] =>
  losses.map((loss, step) => ({ step, loss, layers: [], ...(evalLosses ? { evalLoss: evalLosses[step] } : {}) }));
const t = { lossImprovement: 0.01 };

test('undecided: fell less than 1 % (or rose less than 1 %) over at least 4 steps', () => {
  assert.equal(lossUndecided(curve([1.0986, 1.0985, 1.0984, 1.0983, 1.0982]), t), true);
  assert.equal(lossUndecided(curve([1, 1, 1, 1, 1.005]), t), true);
  // decided: fell by 1 % or more, rose by 1 % or more, too few steps, non-finite, ~0
  assert.equal(lossUndecided(curve([1, 0.999, 0.995, 0.992, 0.99]), t), false);
  assert.equal(lossUndecided(curve([1, 1.01, 1.02, 1.03, 1.04]), t), false);
  assert.equal(lossUndecided(curve([1, 1, 1, 1]), t), false);
  assert.equal(lossUndecided(curve([1, 1, NaN, 1, 1]), t), false);
  assert.equal(lossUndecided(curve([0, 0, 0, 0, 0]), t), false);
});

test('undecided reads the inference-mode loss when there is one (dropout models)', () => {
  assert.equal(lossUndecided(curve([1, 0.5, 1.2, 0.7, 0.9], [1, 1, 1, 1, 1]), t), true);
  assert.equal(lossUndecided(curve([1, 1, 1, 1, 1], [1, 0.9, 0.8, 0.7, 0.6]), t), false);
});

test('progress past the planned steps says why', () => {
  assert.equal(stepProgress(7, 20), 'step 7/20');
  assert.equal(stepProgress(20, 20), 'step 20/20');
  assert.equal(stepProgress(27, 20), 'step 27 (the loss is still flat: up to 80)');
});

test('stuck is judged per 20 steps: 0.3 % over 80 steps is stuck (a warning), 0.3 % over 20 only slow (info)', () => {
  const flat = (n: number, total: number) => curve(Array.from({ length: n + 1 }, (_, i) => 1 - (total * i) / n));
  const kind = (steps: StepRecord[]) => evaluateHealth([], steps).filter((f) => f.code === 'loss-not-decreasing').map((f) => `${f.severity}: ${f.message.split(':')[0]}`);
  assert.deepEqual(kind(flat(80, 0.003)), ['warning: The loss is stuck']);
  assert.deepEqual(kind(flat(20, 0.003)), ['info: The loss falls slowly']);
  assert.deepEqual(kind(flat(20, 0.0008)), ['warning: The loss is stuck']);
  assert.deepEqual(kind(flat(80, 0.005)), ['info: The loss falls slowly']);
});
