// One batch an epoch of plain SGD previews the plan on as many steps as were profiled when its budget holds them
// (src/runner/planPreview.ts, core/plateau.ts previewStepsInBudget). Fewer, each stands for more of the plan at a larger
// rate: it still decides, and says it ran short — a `shortened` probe stop the views show as "Checked on fewer steps"
// (core/probeStops.ts) — so a verdict that may be the coarseness's is not read as a full preview's. The clock is
// injected (a fixed charge a reading), so what is asserted is the behaviour at a given cost, not the machine's load.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { planPreview } from '../../src/runner/planPreview';
import { WeightSnapshot } from '../../src/runner/modelState';
import type { ProbeContext } from '../../src/runner/probeContext';
import type { RunnerMessage } from '../../src/core/protocol';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { PREVIEW_CPU_MS, PREVIEW_MAX_MS } from '../../src/core/plateau';
import type { Tf } from '../../src/runner/tfjsResolve';

const TF = tf as unknown as Tf;
const STEPS = 80;

/** A flat full-batch SGD run of STEPS profiled steps charged `profilingMs`, previewed on a clock charging `msPerReading`. */
async function preview(profilingMs: number, msPerReading: number) {
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
    profilingMs,
    probeClock: clock,
    stochastic: false,
    thresholds: DEFAULT_THRESHOLDS,
    send: keep,
    report: keep,
  };
  await planPreview(context, STEPS);
  context.initial.dispose();
  return {
    steps: sent.flatMap((m) => (m.type === 'probe' && m.kind === 'plan' ? [m.losses.length - 1] : [])),
    stops: sent.flatMap((m) => (m.type === 'probeStop' ? [{ probe: m.probe, reason: m.reason, steps: m.steps, plannedSteps: m.plannedSteps, limitMs: m.limitMs }] : [])),
  };
}

test('a slow profile (375 ms a step) and a preview at 100 ms a step: 50 of the 80 profiled steps fit — it decides and reports it ran short', async () => {
  assert.ok(await tf.setBackend('cpu'));
  // PREVIEW_CPU_MS ÷ 100 ms = 50 steps by its own pace; (15 s − ~1.2 s measuring) ÷ 375 ms = 36 by the profile's: 50.
  assert.equal(PREVIEW_CPU_MS / 100, 50);
  const { steps, stops } = await preview((STEPS * PREVIEW_MAX_MS) / 40, 100);
  assert.deepEqual(steps, [50]);
  assert.deepEqual(stops, [{ probe: 'plan', reason: 'shortened', steps: 50, plannedSteps: STEPS, limitMs: PREVIEW_MAX_MS }]);
});

test('near miss: a fast preview (50 ms a step: 100 steps fit) runs at least the profiled steps and reports no stop', async () => {
  const { steps, stops } = await preview(STEPS * 10, 50);
  assert.deepEqual(steps, [100]);
  assert.deepEqual(stops, []);
});
