// One batch an epoch of plain SGD previews the plan on at least as many steps as were profiled when its step cap holds
// them (src/runner/planPreview.ts, core/plateau.ts previewStepCap: a model with many weights × rows gets fewer). Fewer,
// each stands for more of the plan at a larger rate: it still decides, and says it ran short — a `shortened` probe stop
// the views show as "Checked on fewer steps" (core/probeStops.ts) — so a verdict that may be the coarseness's is not
// read as a full preview's. The cap and the clock are injected (a fixed cap; a fixed charge a reading), so what is
// asserted is the behaviour at a given cost, not the machine's load.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { planPreview } from '../../src/runner/planPreview';
import { WeightSnapshot } from '../../src/runner/modelState';
import type { ProbeContext } from '../../src/runner/probeContext';
import type { RunnerMessage } from '../../src/core/protocol';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { PREVIEW_MAX_MS, previewStepCap } from '../../src/core/plateau';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;
const STEPS = 80;

/** A flat full-batch SGD run of STEPS profiled steps, previewed on at most `cap` steps on a clock charging `msPerReading`. */
async function preview(cap: number, msPerReading: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'sigmoid', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01, seed: 1 }) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01, seed: 2 }) }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const ys = tf.tensor2d([[0], [1], [1], [0]]);
  const sent: RunnerMessage[] = [];
  const keep = async (m: RunnerMessage) => void sent.push(m);
  const clock = () => {
    let now = 0;
    return () => (now += msPerReading);
  };
  const context: ProbeContext = {
    tf: TF,
    model,
    initial: WeightSnapshot.ofModel(TF, model),
    batch: { xs: [xs], ys: [ys], inputs: [xs], source: 'fit', note: '', plannedSteps: 10_000, batchesPerEpoch: 1 },
    records: Array.from({ length: STEPS + 1 }, (_, step) => ({ step, loss: 0.25, layers: [] })),
    profilingMs: STEPS * 10,
    probeClock: clock,
    stochastic: false,
    thresholds: DEFAULT_THRESHOLDS,
    send: keep,
    report: keep,
  };
  await planPreview(context, STEPS, () => cap);
  context.initial.dispose();
  return {
    steps: sent.flatMap((m) => (m.type === 'probe' && m.kind === 'plan' ? [m.losses.length - 1] : [])),
    stops: sent.flatMap((m) => (m.type === 'probeStop' ? [{ probe: m.probe, reason: m.reason, steps: m.steps, plannedSteps: m.plannedSteps, limitMs: m.limitMs }] : [])),
  };
}

test('a step cap of 50 (a model of many weights × rows) below the 80 profiled steps: it decides on 50 and reports it ran short', async () => {
  assert.ok(await tf.setBackend('cpu'));
  // 6 × weights × rows at 50 steps: what PREVIEW_FLOPS holds for, e.g., 33,000 weights on 1,000 rows.
  assert.equal(previewStepCap(33_000, 1_000), 50);
  const { steps, stops } = await preview(50, 100);
  assert.deepEqual(steps, [50]);
  assert.deepEqual(stops, [{ probe: 'plan', reason: 'shortened', steps: 50, plannedSteps: STEPS, limitMs: PREVIEW_MAX_MS }]);
});

test('near miss: a cap of 100 runs at least the profiled steps and reports no stop, at 50 ms a step or 100', async () => {
  for (const ms of [50, 100]) {
    const { steps, stops } = await preview(100, ms);
    assert.deepEqual(steps, [100]);
    assert.deepEqual(stops, []);
  }
});
