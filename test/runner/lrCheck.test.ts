// The short runs behind the recommendation (runner/lrCheck.ts), in process on a linear regression whose
// stability limit is known: plain SGD on MSE is unstable above lr* = 2/λmax of (2/N)XᵀX ≈ 1. A run at 1.3× lr*
// (the loss grows ×2.6 a step: float32 would overflow only after ~90 steps) must stop as soon as its
// smoothed loss passes 4× its best (the sweep's rule) and report diverged without training its remaining
// steps; a stable run trains every step and lowers the held-out loss.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { innerModel } from '../../src/runner/data';
import { runChecks } from '../../src/runner/lrCheck';
import { sweepOptimizer, trainOnBatchOf, type TrainOnBatch } from '../../src/runner/lrSweep';
import { WeightReset } from '../../src/runner/weightDraws';

tf.env().set('PROD', true);

test('short runs: a rate above the stability limit stops early and is reported diverged; a stable one trains all its steps', async () => {
  await tf.setBackend('cpu');
  // Columns of scale 1 (Hessian (2/N)XᵀX ≈ 2·I): λmax ≈ 2, lr* ≈ 1.
  const rows = 256;
  const x = tf.randomNormal([rows, 4], 0, 1, 'float32', 7);
  const y = tf.tidy(() => x.matMul(tf.tensor2d([[1], [-2], [0.5], [3]])));
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const original = trainOnBatchOf(tf);
  const stepsOf = new Map<number, number>();
  let rate = 0;
  const counting: TrainOnBatch = function (this: tf.LayersModel, xs, ys) {
    stepsOf.set(rate, (stepsOf.get(rate) ?? 0) + 1);
    return original.call(this, xs, ys);
  };
  const steps = 60;
  const outcome = await runChecks(
    { tf, inner: innerModel(model) as unknown as tf.LayersModel, trainOnBatch: counting, optimizer: sweepOptimizer(tf, model), weights: new WeightReset(tf, model), data: { batches: [{ xs: [x], ys: [y] }], rows: { xs: [x], ys: [y], size: 32 }, source: 'fit', note: '' }, seed: 1 },
    (done) => [0.1, 1.3].slice(done.length),
    steps,
    async (_done, _total, lr) => {
      rate = lr;
    },
    () => undefined,
  );
  assert.equal(outcome.heldOut, true, 'a fifth of the rows held out');
  const [stable, unstable] = outcome.runs;
  assert.equal(stable.lr, 0.1);
  assert.ok(stable.loss !== null && stable.loss < outcome.initialLoss / 10, `stable run: held-out ${stable.loss} from ${outcome.initialLoss}`);
  assert.equal(stepsOf.get(0.1), steps, 'the stable run trains every step');
  assert.equal(unstable.lr, 1.3);
  assert.equal(unstable.loss, null, 'reported diverged');
  assert.ok(stepsOf.get(1.3)! < steps / 2, `the run at 1.3× lr* stopped after ${stepsOf.get(1.3)} of ${steps} steps`);
  tf.dispose([x, y]);
  model.dispose();
});
