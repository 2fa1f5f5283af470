// The plan preview (core/plateau.ts): a loss still flat after the extra profiled steps, under SGD or momentum on a batch
// that holds every row the script trains on, is previewed in gradient-flow time — the script's planned steps compressed
// into a step count fixed by the program (core/plateau.ts previewStepCap), at the rate × planned / preview steps, on the
// same batch from the initial weights (./rateProbe.ts). Only its charged-time budget (./probePace.ts) can stop it short,
// and then it says so and judges nothing. A plan whose callbacks set the rate is previewed at the rates they set
// (./rateSchedule.ts). The verdict reads the `plan` probe (core/lossCurveRules.ts).
import type { Scalar, Tensor } from '@tensorflow/tfjs';
import { formatNumber } from '../core/format';
import { lossUndecided, planPreviewPlan, PREVIEW_MAX_MS, previewStepCap } from '../core/plateau';
import { innerModel, type Batch } from './data';
import { paceGuard } from './probePace';
import type { ProbeContext } from './probeContext';
import { rateProbe } from './rateProbe';
import { compressedFactors } from './rateSchedule';
import type { Tf } from './tfjsResolve';

/** At most this many of the script's batches are compared with the rows they hold together (a check of the reduction, not of every row). */
const MEAN_CHECK_BATCHES = 8;

/** Two float32 losses of the same rows agree to this share when the reduction is a mean (a sum differs by the batch count). */
const MEAN_CHECK_TOLERANCE = 1e-3;

/** The data loss of `size` rows from `start` of the profiled batch, inference mode, reduced as fit() reduces it (tf.mean of the loss function's output, summed over outputs). */
function rowsLoss(tf: Tf, batch: Pick<Batch, 'xs' | 'ys'>, model: ProbeContext['model'], start: number, size: number): number {
  const inner = innerModel(model);
  const lossFunctions = inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
  return tf.tidy(() => {
    const slice = (t: Tensor) => tf.slice(t, start, size);
    const result = inner.apply(batch.xs.map(slice), { training: false });
    const outputs = (Array.isArray(result) ? result : [result]) as Tensor[];
    const losses = lossFunctions.map((fn, i) => tf.mean(fn(slice(batch.ys[i]), outputs[i])) as Scalar);
    return losses.reduce((a, b) => tf.add(a, b) as Scalar).dataSync()[0];
  });
}

/**
 * The profiled batch's loss is the mean of the losses of the script's batches it holds: then an epoch of B mini-batch
 * steps moves the weights as B full-batch steps do, to first order in η (core/plateau.ts). A loss summed over rows (not
 * averaged) grows with the batch — B batches then move the weights as one full-batch step — and gets no preview.
 */
export function lossIsMeanOverBatches(tf: Tf, batch: Pick<Batch, 'xs' | 'ys'>, model: ProbeContext['model'], scriptBatch: number | undefined): boolean {
  const rows = batch.xs[0]?.shape[0] ?? 0;
  if (scriptBatch === undefined || scriptBatch >= rows) return true;
  const count = Math.min(MEAN_CHECK_BATCHES, Math.floor(rows / scriptBatch));
  const whole = rowsLoss(tf, batch, model, 0, count * scriptBatch);
  let sum = 0;
  for (let b = 0; b < count; b++) sum += rowsLoss(tf, batch, model, b * scriptBatch, scriptBatch);
  const mean = sum / count;
  return Number.isFinite(whole) && Number.isFinite(mean) && Math.abs(whole - mean) <= MEAN_CHECK_TOLERANCE * Math.max(Math.abs(whole), 1e-6);
}

const CHECK = "whether the script's planned steps leave the loss's plateau";

/**
 * The script's plan as the preview can follow it (core/plateau.ts planPreviewPlan: SGD or momentum, every row the script's
 * fit() trains on in the profiled batch — fit's rows are batch.inputs — and a loss that is the mean of the script's
 * batches), or undefined. The step cap is a function of the program alone, so the plan is settled before the forward
 * passes of the mean check. Shared by the preview and the written-start probe (./planStart.ts).
 */
export function previewablePlan(context: Pick<ProbeContext, 'tf' | 'model' | 'batch'>, stepCap: (params: number, rows: number) => number): { steps: number; factor: number } | undefined {
  const { tf, model, batch } = context;
  const inner = innerModel(model);
  const rows = batch.xs[0].shape[0] ?? 0;
  const holdsEveryRow = (batch.inputs?.[0]?.shape[0] ?? Infinity) <= rows;
  const plan = planPreviewPlan(batch.plannedSteps, stepCap(inner.countParams(), rows), inner.optimizer.getClassName(), holdsEveryRow);
  return plan && lossIsMeanOverBatches(tf, batch, model, batch.scriptBatch) ? plan : undefined;
}

/**
 * Runs and reports the preview when the profiled steps left the loss undecided and the plan is one the preview can follow.
 * Its steps are min(the plan, `stepCap`(the model's weights, the batch's rows)) — the same on a free machine and a busy
 * one (core/plateau.ts previewStepCap; tests pass their own cap, as they pass a clock). Its budget is charged time
 * (./probePace.ts paceGuard): a preview whose pace says it would end past PREVIEW_MAX_MS stops and reports a `probeStop`
 * with the steps it ran, and no verdict.
 */
export async function planPreview(context: ProbeContext, steps: number, stepCap: (params: number, rows: number) => number = previewStepCap): Promise<void> {
  const { tf, model, initial, batch, records, thresholds, stochastic, send, report, probeClock } = context;
  if (!lossUndecided(records, thresholds)) return;
  const preview = previewablePlan(context, stepCap);
  if (!preview) return;
  // The script's own schedule, when its callbacks set one (./rateSchedule.ts): each preview step takes the rates of the planned
  // steps it stands for; the reported factor is their mean (the whole plan's time over the preview's steps).
  const factors = batch.rateSchedule ? compressedFactors(batch.rateSchedule, preview.steps) : undefined;
  const factor = factors ? factors.reduce((a, b) => a + b, 0) / preview.steps : preview.factor;
  await send({ type: 'phase', phase: 'profiling', message: `Plan preview: ${preview.steps} steps at ${factor >= 10 ? Math.round(factor) : formatNumber(factor)}× the rate (the planned ${batch.plannedSteps} steps)` });
  const clock = probeClock();
  const guard = paceGuard(preview.steps, PREVIEW_MAX_MS, 1, clock);
  const losses = await rateProbe(tf, model, initial, batch, factors ?? factor, preview.steps, stochastic, (step) => !guard.overdue(step));
  if (guard.outOfTime) {
    await report({ type: 'probeStop', probe: 'plan', reason: 'budget', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: guard.step, plannedSteps: preview.steps, check: CHECK });
    return;
  }
  if (!losses) return;
  await report({ type: 'probe', kind: 'plan', factor, losses });
  // One batch an epoch of plain SGD whose cap is below its profiled steps previews on fewer steps than the profile took,
  // each standing for more of the plan at a larger rate — a coarser picture, which the user is told of (a `shortened`
  // stop: core/probeStops.ts), as its verdict may be the coarseness's.
  const wanted = Math.min(steps, batch.plannedSteps ?? Infinity);
  if (batch.batchesPerEpoch === 1 && innerModel(model).optimizer.getClassName() === 'SGD' && preview.steps < wanted) {
    await report({ type: 'probeStop', probe: 'plan', reason: 'shortened', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: preview.steps, plannedSteps: wanted, check: CHECK });
  }
}
