// Is the rate too high although the loss falls? The profiled steps fit one fixed batch, where a large step only shows
// when it overshoots that batch's valley; what makes a too-large SGD rate bad in training is the level the loss
// bounces around on the data (the noise of a step ∝ the rate: Nielsen ch. 3's η = 2.5, whose cost oscillates epoch to
// epoch above η = 0.25's). So the same number of steps is run from the initial weights on fresh batches of the script's
// rows at the script's own batch size, at the model's rate and at a fraction of it, and the held-out rows' loss is
// read along each: a smaller rate that ends clearly lower within the same steps says the model's rate is past the best
// one (Smith 2017's range test: too high is where a larger rate stops improving the loss). The verdict:
// core/rateRules.ts (rateAtHorizon).
import type { LayersModel } from '@tensorflow/tfjs';
import type { Batch } from './data';
import { HORIZON_EVERY, HORIZON_FACTOR, HORIZON_MAX_MS, HORIZON_STEPS, horizonProbeWanted } from '../core/rateHorizon';
import { heldOutReading } from './labelProbe';
import { isOutOfTime, paceGuard, type OutOfTime, type ProbeClock } from './probePace';
import type { ProbeContext } from './probeContext';
import { poolBatches } from './poolBatches';
import { rateProbe } from './rateProbe';
import type { WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';

/**
 * `steps` steps at the model's rate × factor from the initial weights, each on the next `size` rows of the pool (the
 * script's rows but the held-out ones; cycled), the held-out rows' data loss read every `every` steps (and after the
 * last). Undefined without held-out rows and a pool or without a copyable optimizer; out of time (with the steps it took)
 * as soon as its pace says it (and `runsLeft` − 1 more runs like it) would end past `deadline` on `clock`.
 */
export async function horizonProbe(
  tf: Tf,
  model: LayersModel,
  initial: WeightSnapshot,
  batch: Batch,
  factor: number,
  steps: number,
  every: number,
  stochastic: boolean,
  deadline: number,
  runsLeft: number,
  clock: ProbeClock,
): Promise<HorizonRun | OutOfTime | undefined> {
  const { heldOut } = batch;
  const pool = heldOut && (await batch.pool?.());
  if (!pool || !heldOut) return undefined;
  const poolRows = pool.xs[0].shape[0] ?? 0;
  const size = Math.min(batch.scriptBatch ?? batch.xs[0].shape[0] ?? 0, poolRows);
  if (size < 1) return undefined;
  const batches = poolBatches(tf, pool, size);
  const losses: number[] = [];
  // The first output's held-out accuracy at the same readings, when it predicts classes: the initialisation probe's
  // check that a lower loss is more rows classified right, not only less overconfidence (core/initProbeRule.ts).
  const accuracies: number[] = [];
  // Labels whose shape the argmax comparison cannot pair with the outputs (a sequence output against one label per row)
  // make no accuracy: the loss alone, as before, rather than a failed probe — and from then on (the shapes do not change
  // between readings, so the failed forward pass is not repeated at every reading).
  let classes = true;
  const readingWithAccuracy = () => {
    if (classes) {
      try {
        return heldOutReading(tf, model, heldOut, true);
      } catch {
        classes = false;
      }
    }
    return heldOutReading(tf, model, heldOut, false);
  };
  const pace = paceGuard(steps, deadline, runsLeft, clock);
  // Returning false ends the probe there (rateProbe): a run that would try the user's patience judges nothing.
  const read = (step: number) => {
    if (pace.overdue(step)) return false;
    if (step % every === 0 || step === steps) {
      const reading = readingWithAccuracy();
      losses.push(reading.loss);
      if (reading.accuracy !== undefined) accuracies.push(reading.accuracy);
    }
    return true;
  };
  try {
    const ran = await rateProbe(tf, model, initial, batches.rowsAt, factor, steps, stochastic, read);
    if (pace.outOfTime) return { outOfTime: true, steps: pace.step };
    if (!ran) return undefined;
    return { losses, rows: heldOut.xs[0].shape[0] ?? 0, batchSize: size, ...(accuracies.length === losses.length ? { accuracies } : {}) };
  } finally {
    batches.dispose();
  }
}

/**
 * A horizon run as measured: the held-out losses, how many rows they average, the batch size it trained at, and the
 * first output's held-out accuracy at each reading when its outputs and labels read as classes (a regression's single
 * unit reads as 0/1 too: core judges accuracies only for a cross-entropy loss).
 */
export type HorizonRun = { losses: number[]; rows: number; batchSize: number; accuracies?: number[] };

/**
 * The two horizon runs (the model's rate, a third of it) when the profiled steps call for them, each sent as a `horizon`
 * probe once measured. Together they may be charged HORIZON_MAX_MS (./probePace.ts): past it they stop, say so (a
 * `probeStop`), and nothing is judged.
 */
export async function horizonProbes(context: ProbeContext): Promise<void> {
  const { tf, model, initial, batch, records, stochastic, send, report, probeClock } = context;
  if (!batch.heldOut || !horizonProbeWanted(records)) return;
  const clock = probeClock();
  for (const [index, factor] of [1, HORIZON_FACTOR].entries()) {
    await send({ type: 'phase', phase: 'profiling', message: `Learning-rate probe: ${HORIZON_STEPS} steps on fresh batches at ${factor === 1 ? "the model's rate" : 'a third of it'}` });
    // Each run stops as soon as its pace says the two would end past the budget.
    const run = await horizonProbe(tf, model, initial, batch, factor, HORIZON_STEPS, HORIZON_EVERY, stochastic, HORIZON_MAX_MS, factor === 1 ? 2 : 1, clock);
    if (isOutOfTime(run)) {
      await report({ type: 'probeStop', probe: 'horizon', reason: 'budget', limitMs: HORIZON_MAX_MS, spentMs: clock(), steps: index * HORIZON_STEPS + run.steps, plannedSteps: 2 * HORIZON_STEPS, check: "whether the model's rate is past the best one on the script's batches" });
      return;
    }
    if (!run) return;
    await report({ type: 'probe', kind: 'horizon', factor, losses: run.losses, every: HORIZON_EVERY, rows: run.rows, batchSize: run.batchSize });
  }
}
