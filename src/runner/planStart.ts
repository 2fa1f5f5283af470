// The `start` probe (core/planStartRule.ts): where some layer's initial weights are written in the program and a
// ReLU layer could lose units, the script's plan — compressed in gradient-flow time as the plan preview compresses it
// (core/plateau.ts planPreviewPlan: SGD or momentum, every row in the profiled batch, a mean loss) — runs from that
// start on the profiled batch, and the units dead on every row at its end are counted. Only when some are dead and the
// loss has stalled does the same plan run from REDRAWS seeded fresh draws of the model's own initializers
// (./weightDraws.ts): a plan that trains from the written start costs one run. All runs share the preview's charged
// time budget (PREVIEW_MAX_MS); out of time, it says so and judges nothing.
import type { LayersModel, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import { HARD_ZERO } from '../core/activations';
import { PREVIEW_MAX_MS, previewStepCap } from '../core/plateau';
import { startStalled } from '../core/planStartRule';
import { innerModel } from './data';
import type { WeightSnapshot } from './modelState';
import { previewablePlan } from './planPreview';
import { paceGuard } from './probePace';
import type { ProbeContext } from './probeContext';
import { rateProbe } from './rateProbe';
import type { Tf } from './tfjsResolve';
import { fromFreshDraws, REDRAWS } from './weightDraws';

const CHECK = "whether the script's plan from the initial weights written in the program ends with dead ReLU units where fresh draws train";

type ProbedLayer = { name: string; output: unknown; initialWeights?: unknown; getConfig(): Record<string, unknown> };

/** tfjs keeps a layer's `weights` argument as its initialWeights: the start the program wrote. */
const writtenStart = (layers: readonly ProbedLayer[]) => layers.some((l) => Array.isArray(l.initialWeights) && l.initialWeights.length > 0);

/** The layers whose activation outputs exactly 0 below a threshold (ReLU and its kin). */
function hardZeroLayers(layers: readonly ProbedLayer[]): ProbedLayer[] {
  return layers.filter((l) => {
    // A custom layer's getConfig may throw (its constructor's arguments unknown): not a ReLU layer the probe can read.
    let activation: unknown;
    try {
      activation = l.getConfig().activation;
    } catch {
      return false;
    }
    return typeof activation === 'string' && HARD_ZERO.has(activation);
  });
}

/** Each layer's share of units whose output is 0 (or less) on every row of `xs`, inference mode. */
function deadShares(tf: Tf, model: LayersModel, layers: readonly ProbedLayer[], xs: readonly Tensor[]): number[] {
  return tf.tidy(() => {
    const inner = innerModel(model);
    const probe = tf.model({ inputs: inner.inputs, outputs: layers.map((l) => l.output as SymbolicTensor) });
    const result = probe.predict(xs.length === 1 ? xs[0] : [...xs]);
    const outputs = (Array.isArray(result) ? result : [result]) as Tensor[];
    return outputs.map((out) => {
      const units = out.shape[out.shape.length - 1] ?? 1;
      const rows = tf.reshape(out, [-1, units]);
      const alive = tf.sum(tf.cast(tf.greater(tf.max(rows, 0), 0), 'float32')).dataSync()[0];
      return (units - alive) / units;
    });
  });
}

export async function planStart(context: ProbeContext, stepCap: (params: number, rows: number) => number = previewStepCap): Promise<void> {
  const { tf, model, initial, batch, thresholds, stochastic, send, report, probeClock } = context;
  const inner = innerModel(model);
  const layers = inner.layers as unknown as ProbedLayer[];
  // Dropout or noise would need the quiet pass to count dead units; none of the programs it is for has them.
  if (stochastic || !writtenStart(layers)) return;
  const relu = hardZeroLayers(layers);
  if (!relu.length) return;
  const plan = previewablePlan(context, stepCap);
  if (!plan) return;
  const clock = probeClock();
  const runs = 1 + REDRAWS;
  const stop = (done: number, step: number) =>
    report({ type: 'probeStop', probe: 'plan', reason: 'budget', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: done * plan.steps + step, plannedSteps: runs * plan.steps, check: CHECK });
  // One run of the plan from the weights the model holds when it starts; `shares` read after its last step.
  const run = async (start: WeightSnapshot, index: number) => {
    const guard = paceGuard(plan.steps, PREVIEW_MAX_MS, runs - index, clock);
    let shares: number[] = [];
    const losses = await rateProbe(tf, model, start, batch, plan.factor, plan.steps, false, (step) => {
      if (guard.overdue(step)) return false;
      if (step === plan.steps && index === 0) shares = deadShares(tf, model, relu, batch.xs);
    });
    return { losses, shares, outOfTime: guard.outOfTime, step: guard.step };
  };
  await send({ type: 'phase', phase: 'profiling', message: `Plan from the written start: ${plan.steps} steps at ${Math.round(plan.factor * 10) / 10}× the rate (the planned ${batch.plannedSteps} steps)` });
  const given = await run(initial, 0);
  if (given.outOfTime) return void (await stop(0, given.step));
  if (!given.losses || given.losses.length !== plan.steps + 1) return;
  const losses = [given.losses[0], given.losses[Math.round(0.75 * plan.steps)], given.losses[plan.steps]];
  if (!startStalled(losses, given.shares, thresholds)) return;
  const drawEnds = await fromFreshDraws(tf, model, initial, REDRAWS, async (start, draw) => {
    await send({ type: 'phase', phase: 'profiling', message: `Plan from fresh draw ${draw} of ${REDRAWS} of the initializers` });
    const redrawn = await run(start, draw);
    if (!redrawn.outOfTime) return redrawn.losses?.[redrawn.losses.length - 1] ?? NaN;
    await stop(draw, redrawn.step);
    return undefined;
  });
  if (!drawEnds) return;
  const dead = relu.map((l, i) => ({ name: l.name, share: given.shares[i] })).filter((l) => l.share > 0);
  await report({ type: 'probe', kind: 'start', factor: plan.factor, losses, every: plan.steps, layers: dead.map((l) => l.name), shares: dead.map((l) => l.share), redrawnLows: drawEnds });
}
