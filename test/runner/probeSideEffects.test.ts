// A measurement leaves the model as it found it (src/runner/modelState.ts). Oracle: tfjs's own trainOnBatch —
// after N profiled steps every weight, BatchNormalization's moving mean and variance included, equals exactly what
// N trainOnBatch steps give from the same start (the read-only last step moved the moving statistics once more:
// 0.99^10 − 0.99^11 ≈ 0.009 off in the moving variance); the learning-rate, input-scale, scaling and overfit probes then
// leave every weight and the optimizer's slots bit for bit as the steps left them (they left the last probe's
// weights, up to 0.2 away); the passes that locate a NaN (profile and watch) do not move the moving statistics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GradientProfiler } from '../../src/runner/gradientProfiler';
import { inputScaleProbes, rateProbe } from '../../src/runner/rateProbe';
import { overfitOneBatch } from '../../src/runner/overfitBatch';
import { scaleProbe } from '../../src/runner/scaleProbe';
import { WeightSnapshot } from '../../src/runner/modelState';
import type { ProbeContext } from '../../src/runner/probeContext';
import type { RunnerMessage } from '../../src/core/protocol';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { locateNonFinite } from '../../src/runner/watchNonFinite';
import type { Batch } from '../../src/runner/data';
import type { Tf } from '../../src/runner/tfjsResolve';
import { chargedClock } from '../../src/runner/probePace';

const TF = tf as unknown as Tf;
const STEPS = 10;

/** With `overflow`, kernels of 1e30 and no second normalization: the output layer overflows to Inf. */
function bnModel(overflow = false): tf.Sequential {
  const model = tf.sequential();
  const init = (seed: number) => (overflow ? tf.initializers.constant({ value: 1e30 }) : tf.initializers.glorotUniform({ seed }));
  model.add(tf.layers.batchNormalization({ inputShape: [4], name: 'bn0' }));
  model.add(tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: init(1), name: 'h' }));
  if (!overflow) model.add(tf.layers.batchNormalization({ name: 'bn1' }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: init(2), name: 'out' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

// Inputs far below unit scale, so the input-scale probes run too.
const x = tf.tensor2d(Array.from({ length: 32 }, (_, i) => [0.001 * (i % 7), 0.002 * ((i * 3) % 11), 0.0005 * (i % 5), 0.001 * (i % 3)]));
const y = tf.tensor2d(Array.from({ length: 32 }, (_, i) => [(i % 4) / 4]));
const batch: Batch = { xs: [x], ys: [y], source: 'fit', note: '' };

const values = (model: tf.LayersModel) => Object.fromEntries(model.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));
const slots = async (model: tf.LayersModel) => (await model.optimizer.getWeights()).map((w) => Array.from(w.tensor.dataSync()));

async function profiled(model: tf.LayersModel): Promise<GradientProfiler> {
  const profiler = new GradientProfiler(TF, model);
  for (let step = 0; step <= STEPS; step++) await profiler.step(step, batch, step < STEPS);
  return profiler;
}

test('after N profiled steps the model is exactly the model after N trainOnBatch steps, moving statistics included', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = bnModel();
  const twin = bnModel();
  twin.setWeights(model.getWeights());
  await profiled(model);
  for (let step = 0; step < STEPS; step++) await twin.trainOnBatch(x, y);
  assert.deepEqual(values(model), values(twin));
  // Not vacuous: the moving variance moved over the steps (from 1 towards the inputs' ~1e-6).
  assert.ok(values(model)['bn0/moving_variance'][0] < 0.95);
});

test('the rate, input-scale, scaling and overfit probes leave every weight and the optimizer slots as the profiled steps left them', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = bnModel();
  const initial = WeightSnapshot.ofModel(TF, model);
  const profiler = await profiled(model);
  const afterSteps = values(model);
  const slotsAfterSteps = await slots(model);
  const up = await rateProbe(TF, model, initial, batch, 10, STEPS, profiler.stochastic);
  const down = await rateProbe(TF, model, initial, batch, 0.1, STEPS, profiler.stochastic);
  const reported: RunnerMessage[] = [];
  const context: ProbeContext = { tf: TF, model, initial, batch, records: profiler.records, profilingMs: 0, probeClock: chargedClock, stochastic: profiler.stochastic, thresholds: DEFAULT_THRESHOLDS, send: async () => {}, report: async (m) => reported.push(m) };
  const inputs = await inputScaleProbes(context, { rms: 0.003 }, STEPS);
  // The scaling probe (./scaleProbe.ts), told the inputs are off scale: the same steps on them standardised.
  const scaled = await scaleProbe(context, 650, STEPS);
  const overfit = await overfitOneBatch(TF, model, initial, batch, 0.05);
  // Every probe ran and trained (its loss moved), so each had something to put back.
  for (const losses of [up!, down!, ...inputs.map((p) => p.losses), scaled!.losses, overfit.losses]) assert.notEqual(losses[losses.length - 1], losses[0]);
  assert.equal(inputs.length, 2);
  // Each probe reported what it returned, as the verdict reads it (core/runEnd.ts).
  assert.deepEqual(reported.map((m) => (m.type === 'probe' ? [m.kind, m.losses] : [m.type])), [...inputs.map((p) => ['input', p.losses]), ['scale', scaled!.losses]]);
  assert.deepEqual(values(model), afterSteps);
  assert.deepEqual(await slots(model), slotsAfterSteps);
  initial.dispose();
});

test('each probe starts from the initial weights, moving statistics included: the same losses whatever ran before', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = bnModel();
  const initial = WeightSnapshot.ofModel(TF, model);
  const fresh = await rateProbe(TF, model, initial, batch, 10, STEPS, false);
  await profiled(model);
  await overfitOneBatch(TF, model, initial, batch, 0.05);
  assert.deepEqual(await rateProbe(TF, model, initial, batch, 10, STEPS, false), fresh);
  initial.dispose();
});

test('locating a NaN (profile and watch) re-runs the batch in training mode without moving the moving statistics', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = bnModel(true);
  const twin = bnModel(true);
  twin.setWeights(model.getWeights());
  const profiler = new GradientProfiler(TF, model);
  await profiler.step(0, batch, true);
  assert.deepEqual([profiler.nonFiniteOrigin?.pass, profiler.nonFiniteOrigin?.layer], ['forward', 'out']);
  // One training-mode pass's worth of update on bn0 (it reads only the inputs), as trainOnBatch gives.
  await twin.trainOnBatch(x, y);
  assert.deepEqual(values(model)['bn0/moving_mean'], values(twin)['bn0/moving_mean']);
  assert.deepEqual(values(model)['bn0/moving_variance'], values(twin)['bn0/moving_variance']);

  // Watch locates it inside the user's real training, before the update: a fresh model.
  const watched = bnModel(true);
  const before = values(watched);
  const inner = watched as unknown as Parameters<typeof locateNonFinite>[1];
  const kernel = watched.getLayer('h').trainableWeights[0].read();
  const origin = locateNonFinite(TF, inner, [x], [{ info: { name: 'h', className: 'Dense', weights: [] }, variables: [], reads: [kernel] }], { step: 0, loss: 1, layers: [] } as never);
  assert.deepEqual([origin.phase, origin.layer], ['forward', 'out']);
  assert.deepEqual(values(watched), before);
});

test('the probes leave the script\'s random sequence alone (Dropout draws its masks\' seeds from Math.random) and draw the same masks each time', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const initial = WeightSnapshot.ofModel(TF, model);
  const scripts = Math.random;
  let drawn = 0;
  Math.random = () => (drawn++, scripts());
  try {
    // The script's own training draws from it (the oracle that the counter sees Dropout's draws at all).
    await model.trainOnBatch(x, y);
    assert.ok(drawn > 0, 'Dropout drew from Math.random');
    drawn = 0;
    const first = await rateProbe(TF, model, initial, batch, 1, STEPS, true);
    const again = await rateProbe(TF, model, initial, batch, 1, STEPS, true);
    const overfit = await overfitOneBatch(TF, model, initial, batch, 0.05);
    assert.equal(drawn, 0, 'no probe drew from the script\'s generator');
    assert.ok(overfit.losses.length > 1);
    assert.deepEqual(again, first, 'the same masks: the same losses');
    // Not vacuous: from the same weights, one training step under other masks ends elsewhere.
    const stepLoss = async () => {
      initial.restore();
      await model.trainOnBatch(x, y);
      return model.evaluate(x, y) as tf.Scalar;
    };
    const [a, b] = [await stepLoss(), await stepLoss()];
    assert.notEqual(a.dataSync()[0], b.dataSync()[0]);
  } finally {
    Math.random = scripts;
    initial.dispose();
  }
});
