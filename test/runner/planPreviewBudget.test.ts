// The plan preview's budget in process (src/runner/planPreview.ts, core/plateau.ts previewStepCap): its step count is
// fixed by the program, whatever its pace, and a preview whose pace outgrows its budget reports a probeStop (the steps it
// ran of the steps it wanted) and no verdict. The clock is injected (a fake that charges a fixed time per reading:
// planPreview reads it once a step), so what is asserted is the behaviour at a given cost, not how busy the machine is.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { planPreview } from '../../src/runner/planPreview';
import { WeightSnapshot } from '../../src/runner/modelState';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { PREVIEW_MAX_MS, PREVIEW_MAX_STEPS } from '../../src/core/plateau';
import type { Batch } from '../../src/runner/data';
import type { ProbeContext } from '../../src/runner/probeContext';
import type { ProbeStop, RunnerMessage } from '../../src/core/protocol';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;

/** XOR on synaptic's Perceptron(2, 10, 1) (logistic units, U(−0.1, 0.1) weights), one-row steps, 20,000 epochs: 80,000 steps. */
function xor(optimizer: tf.Optimizer, loss: string | ((y: tf.Tensor, p: tf.Tensor) => tf.Tensor) = 'binaryCrossentropy') {
  const small = (seed: number) => tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed });
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [2], kernelInitializer: small(5) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: small(6) }));
  model.compile({ optimizer, loss });
  const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const ys = tf.tensor2d([[0], [1], [1], [0]]);
  const batch: Batch = { xs: [xs], ys: [ys], inputs: [xs], source: 'fit', note: '', scriptBatch: 1, batchesPerEpoch: 4, plannedSteps: 80_000 };
  return { model, batch, initial: WeightSnapshot.ofModel(TF, model) };
}

/** The profile's curve: flat at ln 2 over 80 steps (the saddle). */
const flat = Array.from({ length: 81 }, (_, step) => ({ step, loss: Math.LN2 - 1e-6 * step, layers: [] }));

/** A clock charging `ms(reading)` at each reading. */
const charging = (ms: (reading: number) => number) => () => {
  let [reading, now] = [0, 0];
  return () => (now += ms(reading++));
};

async function preview(setup: ReturnType<typeof xor>, clock: ProbeContext['probeClock']) {
  const sent: RunnerMessage[] = [];
  const collect = async (m: RunnerMessage) => void sent.push(m);
  const context: ProbeContext = { tf: TF, ...setup, records: flat, profilingMs: 80, probeClock: clock, stochastic: false, thresholds: DEFAULT_THRESHOLDS, send: collect, report: collect };
  await planPreview(context, 80);
  const plan = sent.find((m): m is Extract<RunnerMessage, { type: 'probe' }> => m.type === 'probe' && m.kind === 'plan');
  const stops = sent.filter((m) => m.type === 'probeStop') as unknown as ProbeStop[];
  return { plan, stops };
}

test('one-row SGD and momentum on XOR: PREVIEW_MAX_STEPS = 2,500 steps at 32× the rate — the plan\'s 80,000 steps — leave the saddle, at 2 ms a step and at 5 ms alike', async () => {
  assert.ok(await tf.setBackend('cpu'));
  for (const [optimizer, ms] of [[tf.train.sgd(0.1), 2], [tf.train.momentum(0.1, 0.1), 2], [tf.train.sgd(0.1), 5]] as const) {
    const setup = xor(optimizer);
    const { plan, stops } = await preview(setup, charging(() => ms));
    assert.deepEqual(stops, [], `${optimizer.getClassName()} at ${ms} ms`);
    assert.equal(plan?.losses.length, PREVIEW_MAX_STEPS + 1);
    assert.equal(plan.factor, 80_000 / 2_500);
    const end = plan.losses[plan.losses.length - 1];
    assert.ok(end <= 0.5 * plan.losses[0], `${optimizer.getClassName()} at ${ms} ms: ${plan.losses[0]} → ${end}`);
    setup.initial.dispose();
  }
});

test('near miss: at 1 s a step the 2,500 steps would take 40 min — stopped by the budget early, said so with how far it got, no verdict', async () => {
  const setup = xor(tf.train.sgd(0.1));
  const { plan, stops } = await preview(setup, charging(() => 1000));
  assert.equal(plan, undefined);
  assert.deepEqual(stops.map(({ probe, reason, limitMs, plannedSteps }) => ({ probe, reason, limitMs, plannedSteps })), [{ probe: 'plan', reason: 'budget', limitMs: PREVIEW_MAX_MS, plannedSteps: PREVIEW_MAX_STEPS }]);
  // The pace is read from step 3 on (runner/probePace.ts): it stops there, 3 s in, not at 15 s.
  assert.equal(stops[0].steps, 3);
  assert.match(stops[0].check, /planned steps leave the loss's plateau/);
  setup.initial.dispose();
});

test('near miss: a pace that slows (2 ms a step, then 10 ms from the 1,000th reading) — the preview stops at its budget, said so with how far it got, no verdict', async () => {
  const setup = xor(tf.train.sgd(0.1));
  const { plan, stops } = await preview(setup, charging((reading) => (reading < 1_000 ? 2 : 10)));
  assert.equal(plan, undefined);
  assert.equal(stops.length, 1);
  const [stop] = stops;
  assert.deepEqual([stop.probe, stop.reason, stop.plannedSteps], ['plan', 'budget', 2_500]);
  // 2 s for the first 1,000 steps, then 10 ms a step: the projected end passes 15 s on the way, well before step 2,500.
  assert.ok(stop.steps! > 1_000 && stop.steps! < 2_500, String(stop.steps));
  setup.initial.dispose();
});

test('near miss: the loss summed over the rows (four one-row steps are one full-batch step) and Adam (time in steps): no preview, no stop', async () => {
  const summed = (y: tf.Tensor, p: tf.Tensor) => tf.sum(tf.losses.logLoss(y, p, undefined, undefined, tf.Reduction.NONE));
  for (const setup of [xor(tf.train.sgd(0.1), summed), xor(tf.train.adam(0.01))]) {
    assert.deepEqual(await preview(setup, charging(() => 2)), { plan: undefined, stops: [] });
    setup.initial.dispose();
  }
});
