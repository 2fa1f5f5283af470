// The plan preview (core/plateau.ts): a loss still flat after the extra profiled steps, under SGD or momentum on a batch
// that holds every row the script trains on, is previewed in gradient-flow time — the script's planned steps compressed
// into as many steps as its charged-time budget holds (./probePace.ts), at the rate × planned / preview steps, on the same batch from the initial
// weights (./rateProbe.ts). The verdict reads the `plan` probe (core/lossCurveRules.ts).
import type { Scalar, Tensor } from '@tensorflow/tfjs';
import { formatNumber } from '../core/format';
import { median } from '../core/lrCurve';
import { lossUndecided, planPreviewPlan, PREVIEW_MAX_MS, PREVIEW_MIN_STEPS, previewStepsInBudget } from '../core/plateau';
import { innerModel, type Batch } from './data';
import { paceGuard } from './probePace';
import type { ProbeContext } from './probeContext';
import { rateProbe } from './rateProbe';
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
 * Runs and reports the preview when the profiled steps left the loss undecided and the plan is one the preview can follow.
 * Its budget is charged time (./probePace.ts): its pace is measured on PREVIEW_MIN_STEPS of its own steps at the script's
 * rate (after the first, which builds the kernels), its steps sized from that pace (core/plateau.ts previewStepsInBudget),
 * and a preview that cannot fit PREVIEW_MIN_STEPS, or whose pace says it would end past PREVIEW_MAX_MS, reports a
 * `probeStop` instead of a verdict.
 */
export async function planPreview(context: ProbeContext, steps: number): Promise<void> {
  const { tf, model, initial, batch, records, profilingMs, thresholds, stochastic, send, report, probeClock } = context;
  const optimizer = innerModel(model).optimizer.getClassName();
  // Every row the script's fit() trains on is in the profiled batch (fit's rows: batch.inputs).
  const holdsEveryRow = (batch.inputs?.[0]?.shape[0] ?? Infinity) <= (batch.xs[0].shape[0] ?? 0);
  if (!lossUndecided(records, thresholds) || !planPreviewPlan(batch.plannedSteps, Infinity, optimizer, holdsEveryRow)) return;
  if (!lossIsMeanOverBatches(tf, batch, model, batch.scriptBatch)) return;
  const clock = probeClock();
  const at: number[] = [];
  const timed = await rateProbe(tf, model, initial, batch, 1, PREVIEW_MIN_STEPS, stochastic, () => void at.push(clock()));
  if (!timed || at.length < 3) return;
  // The median step (after the first, which builds the kernels): a garbage collection in one of these millisecond steps
  // would triple a mean, the preview's step count would fall to a third and its factor triple — past where a small net's
  // larger steps still follow the flow (docs/rules/loss-not-decreasing.md).
  const pace = median(at.slice(2).map((t, i) => t - at[i + 1]));
  const spent = clock();
  const profilePace = profilingMs / Math.max(1, steps);
  const byProfile = Math.min(steps, Math.floor((PREVIEW_MAX_MS - spent) / Math.max(profilePace, 1e-3)));
  const fullBatchSgd = batch.batchesPerEpoch === 1 && optimizer === 'SGD';
  const preview = planPreviewPlan(batch.plannedSteps, previewStepsInBudget(pace, fullBatchSgd, byProfile), optimizer, holdsEveryRow);
  const fits = preview && spent + pace * preview.steps <= PREVIEW_MAX_MS;
  if (!preview || !fits) {
    const wanted = Math.min(batch.plannedSteps ?? PREVIEW_MIN_STEPS, Math.max(PREVIEW_MIN_STEPS, preview?.steps ?? 0));
    await report({ type: 'probeStop', probe: 'plan', reason: 'not started', limitMs: PREVIEW_MAX_MS, spentMs: spent + pace * wanted, steps: 0, plannedSteps: wanted, check: CHECK });
    return;
  }
  const { factor } = preview;
  await send({ type: 'phase', phase: 'profiling', message: `Plan preview: ${preview.steps} steps at ${factor >= 10 ? Math.round(factor) : formatNumber(factor)}× the rate (the planned ${batch.plannedSteps} steps)` });
  const guard = paceGuard(preview.steps, PREVIEW_MAX_MS, 1, () => clock());
  const losses = await rateProbe(tf, model, initial, batch, factor, preview.steps, stochastic, (step) => !guard.overdue(step));
  if (guard.outOfTime) {
    await report({ type: 'probeStop', probe: 'plan', reason: 'budget', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: guard.step, plannedSteps: preview.steps, check: CHECK });
    return;
  }
  if (!losses) return;
  await report({ type: 'probe', kind: 'plan', factor, losses });
  // One batch an epoch of plain SGD keeps the profiled steps when the budget holds them (core/plateau.ts
  // previewStepsInBudget): fewer, each stands for more of the plan at a larger rate — a coarser picture, which the user
  // is told of (a `shortened` stop: core/probeStops.ts), as its verdict may be the coarseness's.
  const wanted = Math.min(steps, batch.plannedSteps ?? Infinity);
  if (fullBatchSgd && preview.steps < wanted) {
    await report({ type: 'probeStop', probe: 'plan', reason: 'shortened', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: preview.steps, plannedSteps: wanted, check: CHECK });
  }
}
