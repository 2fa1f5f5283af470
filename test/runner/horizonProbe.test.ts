// The horizon runs (src/runner/horizonProbe.ts): steps on fresh batches at the script's own batch size from the
// initial weights, the held-out rows read every few steps; a run past its deadline stops and judges nothing; either
// way the model is left as the profiled steps left it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { horizonProbe } from '../../src/runner/horizonProbe';
import { chargedClock, isOutOfTime } from '../../src/runner/probePace';
import { heldOutReading } from '../../src/runner/labelProbe';
import { WeightSnapshot } from '../../src/runner/modelState';
import type { Batch } from '../../src/runner/data';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;

function setup() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [3], units: 8, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => [Math.sin(from + i), Math.cos(2 * (from + i)), ((from + i) % 7) / 7]);
  const target = (r: number[][]) => tf.tensor2d(r.map(([a, b, c]) => [a - 0.5 * b + c]));
  const [batchRows, heldRows, poolRows] = [rows(32, 0), rows(32, 100), rows(64, 200)];
  const pool = { xs: [tf.tensor2d(poolRows)], ys: [target(poolRows)] };
  const batch: Batch = {
    xs: [tf.tensor2d(batchRows)], ys: [target(batchRows)], source: 'fit', note: '', scriptBatch: 8,
    heldOut: { xs: [tf.tensor2d(heldRows)], ys: [target(heldRows)] },
    pool: async () => pool,
  };
  return { model, batch, initial: WeightSnapshot.ofModel(TF, model) };
}

const values = (model: tf.LayersModel) => model.weights.map((w) => Array.from(w.read().dataSync()));

test('40 steps on batches of the script\'s 8 rows: the held-out loss every 4 steps, from the initial weights, falling; the model left as found', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const { model, batch, initial } = setup();
  const start = heldOutReading(TF, model, batch.heldOut!, false).loss;
  await model.trainOnBatch(batch.xs[0], batch.ys[0]); // the profiled steps moved the weights
  const after = values(model);
  const run = await horizonProbe(TF, model, initial, batch, 1, 40, 4, false, Infinity, 1, chargedClock());
  assert.ok(run && !isOutOfTime(run));
  assert.equal(run.batchSize, 8);
  assert.equal(run.rows, 32);
  assert.equal(run.losses.length, 11);
  assert.equal(run.losses[0], start, 'read first on the initial weights');
  assert.ok(run.losses[10] < 0.5 * run.losses[0], `SGD 0.1 fits this smooth target: ${run.losses.join(', ')}`);
  assert.deepEqual(values(model), after);
  initial.dispose();
});

test('past its budget the run stops out of time, with the steps it took, and leaves the model as found', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const { model, batch, initial } = setup();
  await model.trainOnBatch(batch.xs[0], batch.ys[0]);
  const after = values(model);
  // An injected clock, 10 ms a step: at step 3 the pace (10 ms) projects 30 + 37 × 10 ms past the 200 ms budget.
  let calls = 0;
  const tenPerStep = () => 10 * calls++;
  assert.deepEqual(await horizonProbe(TF, model, initial, batch, 1, 40, 4, false, 200, 1, tenPerStep), { outOfTime: true, steps: 3 });
  assert.deepEqual(values(model), after);
  // The same clock with room for all 40 steps: the run completes.
  calls = 0;
  const whole = await horizonProbe(TF, model, initial, batch, 1, 40, 4, false, 400, 1, tenPerStep);
  assert.ok(whole && !isOutOfTime(whole) && whole.losses.length === 11);
  assert.equal(await horizonProbe(TF, model, initial, { ...batch, heldOut: undefined }, 1, 40, 4, false, Infinity, 1, chargedClock()), undefined, 'no held-out rows: nothing to read');
  initial.dispose();
});
