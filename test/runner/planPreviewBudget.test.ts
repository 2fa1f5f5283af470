// The plan preview's budget in process (src/runner/planPreview.ts, core/plateau.ts previewStepsInBudget): its steps are
// sized from its own measured pace on the probe clock, and a preview that cannot fit, or whose pace outgrows the budget,
// reports a probeStop and no verdict. The clock is injected (a fake that charges a fixed time per reading: planPreview
// reads it once a step), so what is asserted is the behaviour at a given cost, not how busy the machine is.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { planPreview } from '../../src/runner/planPreview';
import { WeightSnapshot } from '../../src/runner/modelState';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { PREVIEW_CPU_MS, PREVIEW_MAX_MS } from '../../src/core/plateau';
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

test('one-row SGD and momentum on XOR at 2 ms a step: PREVIEW_CPU_MS ÷ 2 ms = 2,500 steps at 32× the rate — the plan\'s 80,000 steps — leave the saddle', async () => {
  assert.ok(await tf.setBackend('cpu'));
  for (const optimizer of [tf.train.sgd(0.1), tf.train.momentum(0.1, 0.1)]) {
    const setup = xor(optimizer);
    const { plan, stops } = await preview(setup, charging(() => 2));
    assert.deepEqual(stops, []);
    assert.equal(plan?.losses.length, PREVIEW_CPU_MS / 2 + 1);
    assert.equal(plan.factor, 80_000 / 2_500);
    const end = plan.losses[plan.losses.length - 1];
    assert.ok(end <= 0.5 * plan.losses[0], `${optimizer.getClassName()}: ${plan.losses[0]} → ${end}`);
    setup.initial.dispose();
  }
});

test('near miss: at 1 s a step fewer than 10 steps fit the budget — not started, said so, no verdict', async () => {
  const setup = xor(tf.train.sgd(0.1));
  const { plan, stops } = await preview(setup, charging(() => 1000));
  assert.equal(plan, undefined);
  assert.deepEqual(stops.map(({ probe, reason, limitMs, steps }) => ({ probe, reason, limitMs, steps })), [{ probe: 'plan', reason: 'not started', limitMs: PREVIEW_MAX_MS, steps: 0 }]);
  assert.match(stops[0].check, /planned steps leave the loss's plateau/);
  setup.initial.dispose();
});

test('near miss: a pace misread (2 ms a step measured, 10 ms after) — the preview stops at its budget, said so with how far it got, no verdict', async () => {
  const setup = xor(tf.train.sgd(0.1));
  // 11 readings while the pace is measured (steps 0…10), then the preview's own.
  const { plan, stops } = await preview(setup, charging((reading) => (reading <= 11 ? 2 : 10)));
  assert.equal(plan, undefined);
  assert.equal(stops.length, 1);
  const [stop] = stops;
  assert.deepEqual([stop.probe, stop.reason, stop.plannedSteps], ['plan', 'budget', 2_500]);
  // At 10 ms a step, 2,500 steps project 25 s: the guard stops once its pace is measured (step 3).
  assert.ok(stop.steps! >= 3 && stop.steps! < 2_500, String(stop.steps));
  setup.initial.dispose();
});

test('near miss: the loss summed over the rows (four one-row steps are one full-batch step) and Adam (time in steps): no preview, no stop', async () => {
  const summed = (y: tf.Tensor, p: tf.Tensor) => tf.sum(tf.losses.logLoss(y, p, undefined, undefined, tf.Reduction.NONE));
  for (const setup of [xor(tf.train.sgd(0.1), summed), xor(tf.train.adam(0.01))]) {
    assert.deepEqual(await preview(setup, charging(() => 2)), { plan: undefined, stops: [] });
    setup.initial.dispose();
  }
});
