// The plan preview (core/plateau.ts): a loss still flat after the extra profiled steps, under full-batch SGD, is
// previewed in gradient-flow time — the script's planned steps compressed into as many steps as the profile took, at
// the rate × planned / preview steps, on the same batch from the initial weights (./rateProbe.ts). The verdict reads
// the `plan` probe (core/lossCurveRules.ts).
import { formatNumber } from '../core/format';
import { lossUndecided, planPreviewFactor, PREVIEW_MAX_MS, PREVIEW_MIN_STEPS } from '../core/plateau';
import { innerModel } from './data';
import type { ProbeContext } from './probeContext';
import { rateProbe } from './rateProbe';

/** Runs and reports the preview when the profiled `steps` left the loss undecided and the plan is full-batch SGD. */
export async function planPreview(context: ProbeContext, steps: number): Promise<void> {
  const { tf, model, initial, batch, records, profilingMs, thresholds, stochastic, send, report } = context;
  // The profiled steps' pace as the probes are charged (./probePace.ts: CPU time, so a busy machine previews as many steps).
  const pace = profilingMs / Math.max(1, steps);
  const previewSteps = Math.min(steps, Math.floor(PREVIEW_MAX_MS / Math.max(pace, 1e-3)));
  const fullBatch = batch.batchesPerEpoch === 1 && (batch.inputs?.[0]?.shape[0] ?? Infinity) <= (batch.xs[0].shape[0] ?? 0);
  const wanted = lossUndecided(records, thresholds) ? (steps: number) => planPreviewFactor(batch.plannedSteps, steps, innerModel(model).optimizer.getClassName(), fullBatch) : undefined;
  const factor = previewSteps >= PREVIEW_MIN_STEPS ? wanted?.(previewSteps) : undefined;
  if (factor === undefined) {
    // Wanted at the profile's own steps, but the budget leaves too few: say the plan was not previewed.
    if (steps >= PREVIEW_MIN_STEPS && wanted?.(steps) !== undefined) {
      await report({ type: 'probeStop', probe: 'plan', reason: 'not started', limitMs: PREVIEW_MAX_MS, spentMs: pace * steps, steps: 0, plannedSteps: steps, check: "whether the script's planned steps leave the loss's plateau" });
    }
    return;
  }
  await send({ type: 'phase', phase: 'profiling', message: `Plan preview: ${previewSteps} steps at ${factor >= 10 ? Math.round(factor) : formatNumber(factor)}× the rate (the planned ${batch.plannedSteps} steps)` });
  const losses = await rateProbe(tf, model, initial, batch, factor, previewSteps, stochastic);
  if (losses) await report({ type: 'probe', kind: 'plan', factor, losses });
}
