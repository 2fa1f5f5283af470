// learning-rate-low over the script's own plan (core/ratePlanReach.ts): where the profiled steps left the rate in
// question under SGD or momentum, the plan's steps compressed in gradient-flow time (core/plateau.ts) run twice from the
// initial weights on the profiled batch — at the model's rate and at ten times it — and each run's first and last loss is
// reported with the loss of predicting the labels' mean (the uninformed guess the verdict measures against). Both runs
// share one charged-time budget (PREVIEW_MAX_MS, as the preview's); out of time, it says so and judges nothing. The
// runs follow the script's own rate schedule when its callbacks set one (./rateSchedule.ts). The
// second run is made only when the first leaves the verdict open (fastRunNeeded): a plan that trains is judged by one.
import { fastRunNeeded, planReachRuns } from '../core/ratePlanReach';
import { PREVIEW_MAX_MS, previewStepCap } from '../core/plateau';
import { PROBE_FACTOR } from '../core/rateRules';
import { innerModel } from './data';
import { inputBlindLoss } from './labelProbe';
import { paceGuard } from './probePace';
import type { ProbeContext } from './probeContext';
import { rateProbe } from './rateProbe';
import { compressedFactors } from './rateSchedule';

const CHECK = "whether the script's planned steps train the model at its rate and at ten times it";

export async function planReach(context: ProbeContext, stepCap: (params: number, rows: number) => number = previewStepCap): Promise<void> {
  const { tf, model, initial, batch, records, stochastic, send, report, probeClock } = context;
  const inner = innerModel(model);
  const rows = batch.xs[0].shape[0] ?? 0;
  const losses = records.map((r) => r.evalLoss ?? r.loss);
  const plan = planReachRuns(losses, batch.plannedSteps, inner.optimizer.getClassName(), stepCap(inner.countParams(), rows));
  if (!plan) return;
  const baseline = inputBlindLoss(tf, model, { xs: batch.xs, ys: batch.ys });
  if (baseline === undefined) return;
  // The script's own schedule, when its callbacks set one (./rateSchedule.ts): both runs follow it, the second at ten times every rate.
  const scheduled = batch.rateSchedule ? compressedFactors(batch.rateSchedule, plan.steps) : undefined;
  const clock = probeClock();
  for (const [index, factor] of [1, PROBE_FACTOR].entries()) {
    await send({ type: 'phase', phase: 'profiling', message: `Plan at ${factor}× the rate: ${plan.steps} steps at ${Math.round(plan.factor * factor)}× the rate (the planned ${batch.plannedSteps} steps)` });
    const guard = paceGuard(plan.steps, PREVIEW_MAX_MS, 2 - index, clock);
    const run = await rateProbe(tf, model, initial, batch, scheduled ? scheduled.map((f) => f * factor) : plan.factor * factor, plan.steps, stochastic, (step) => !guard.overdue(step));
    if (guard.outOfTime) {
      await report({ type: 'probeStop', probe: 'plan', reason: 'budget', limitMs: PREVIEW_MAX_MS, spentMs: clock(), steps: index * plan.steps + guard.step, plannedSteps: 2 * plan.steps, check: CHECK });
      return;
    }
    if (!run || run.length < 2) return;
    const losses = [run[0], run[run.length - 1]];
    await report({ type: 'probe', kind: 'reach', factor, losses, every: plan.steps, baseline });
    if (factor === 1 && !fastRunNeeded({ factor, losses, baseline, steps: plan.steps })) return;
  }
}
