// learning-rate-low judged on the script's own plan, measured rather than projected: the plan's steps run at the
// model's rate and at ten times it, compressed in gradient-flow time as the plan preview is (core/plateau.ts), on the
// profiled batch from the initial weights (runner/planReach.ts). The rate is too low for the plan when, at the plan's
// end, the model's own rate has not taken off half the loss an uninformed guess leaves while ten times the rate has.
// The principle, its sources and the measured cases: docs/rules/learning-rate-low.md ("Measured over the script's plan").
import type { Finding, RateScheduleSummary, SourceLocation } from './protocol';
import { scheduled } from './rateSchedule';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';
import { PLAN_COVERS, PREVIEW_MIN_STEPS, PREVIEW_OPTIMIZERS, PREVIEW_RISE, planSiteRelated } from './plateau';
import { LOW_REMAINING, PROBE_FACTOR, SLOW_FALL } from './rateRules';

/** One run of the plan's steps from the initial weights at `factor` × the model's rate (1: its own; PROBE_FACTOR: ten times). */
export interface PlanReachRun {
  /** The model's rate × this (1 or PROBE_FACTOR): the plan's compression is on top of it. */
  factor: number;
  /** The profiled batch's data loss at the run's start and at the plan's end. */
  losses: readonly number[];
  /** The batch's loss at the best prediction that reads no input (the labels' mean: runner/labelProbe.ts inputBlindLoss). */
  baseline?: number;
  /** The run's steps; each stands for plannedSteps / steps of the script's. */
  steps: number;
}

/**
 * The runs to make: the script's planned steps, compressed as the plan preview compresses them (planPreviewPlan's
 * arithmetic: min(plan, stepCap) steps at planned ÷ steps × the rate) — only where the profiled steps left the rate in
 * question (the batch's loss fell by less than SLOW_FALL) and η·t is the plan's clock (SGD, heavy-ball momentum; Adam's
 * moments keep time in steps). Unlike the preview it runs whatever the batch's rows: both rates see the same batch, so
 * the comparison is of one loss surface, and a batch smaller than the data is fitted at least as fast as the data
 * (the own rate looks better, never worse).
 */
export function planReachRuns(losses: readonly number[], plannedSteps: number | undefined, optimizer: string | undefined, stepCap: number): { steps: number; factor: number } | undefined {
  if (!optimizer || !PREVIEW_OPTIMIZERS.includes(optimizer) || !plannedSteps || !(plannedSteps > 0)) return undefined;
  const n = losses.length - 1;
  if (n < 2 || !losses.every(Number.isFinite) || !(losses[0] > 0)) return undefined;
  if ((losses[0] - losses[n]) / losses[0] >= SLOW_FALL) return undefined;
  const steps = Math.min(plannedSteps, Math.floor(stepCap));
  return steps >= PREVIEW_MIN_STEPS ? { steps, factor: plannedSteps / steps } : undefined;
}

/** The loss a run ended at, or undefined when it left the gradient flow (non-finite, or ended above its start: PREVIEW_RISE). */
function endOnFlow(run: PlanReachRun | undefined): number | undefined {
  if (!run || run.losses.length < 2 || !run.losses.every(Number.isFinite)) return undefined;
  const start = run.losses[0];
  const end = run.losses[run.losses.length - 1];
  return end > start + PREVIEW_RISE * Math.abs(start) ? undefined : end;
}

/**
 * Whether the run at ten times the rate can still decide the verdict once the model's own run is known: only when the
 * own run stayed on the flow and ended at or above the bar (planReachFinding's first condition). A healthy plan that
 * takes off half the guess's loss at its own rate is judged without the second run — its cost is spared.
 */
export function fastRunNeeded(own: PlanReachRun): boolean {
  const ownEnd = endOnFlow(own);
  const guess = own.baseline;
  return ownEnd !== undefined && guess !== undefined && guess > 0 && ownEnd >= (1 - PLAN_COVERS) * guess;
}

export interface PlanReachContext {
  plannedSteps?: number;
  rateSite?: SourceLocation;
  planSite?: SourceLocation;
  /** A finding about gradient flow or the output already explains a slow loss (as for the profiled-steps rule). */
  slowExplained: boolean;
  /** The rate schedule the script's fit() callbacks set, which both runs followed (runner/rateSchedule.ts). */
  schedule?: RateScheduleSummary;
}

/**
 * The verdict. Fires (a warning) when, at the plan's end,
 * - the model's own rate leaves at least (1 − PLAN_COVERS) of the uninformed guess's loss — it has not taken off half of
 *   what there is to learn (the guess: predicting the labels' mean, the loss of a model that learned nothing from its
 *   inputs; for squared error the share left is 1 − R²);
 * - ten times the rate ends below that same bar — the plan is long enough at a larger rate, so it is the rate that runs
 *   out, not the plan or the model; and
 * - ten times the rate ends at most LOW_REMAINING × the own rate's end (the profiled-steps probe's margin).
 * Silent when either run left the flow (its steps too large to stand for the plan) or the guess is unknown.
 */
export function planReachFinding(runs: readonly PlanReachRun[], context: PlanReachContext): Finding | undefined {
  if (context.slowExplained || !context.plannedSteps) return undefined;
  const own = runs.find((r) => r.factor === 1);
  const fast = runs.find((r) => r.factor === PROBE_FACTOR);
  const ownEnd = endOnFlow(own);
  const fastEnd = endOnFlow(fast);
  const guess = own?.baseline;
  if (ownEnd === undefined || fastEnd === undefined || !(guess !== undefined && guess > 0)) return undefined;
  const bar = (1 - PLAN_COVERS) * guess;
  if (!(ownEnd >= bar && fastEnd < bar && fastEnd <= LOW_REMAINING * ownEnd)) return undefined;
  const planned = context.plannedSteps.toLocaleString('en-US');
  const schedule = scheduled(context.schedule, context.rateSite, 'Both runs follow', context.plannedSteps);
  const related = [...schedule.related, ...planSiteRelated(context.planSite, context.plannedSteps, schedule.location)];
  return {
    code: 'learning-rate-low',
    severity: RULE_SEVERITY['learning-rate-low'],
    step: 0,
    location: schedule.location,
    ...(related.length ? { related } : {}),
    message:
      `The learning rate is too low for the script's plan: its ${planned} planned steps, run from the same initial weights on the profiled batch (${own!.steps} steps standing for ${fmt(context.plannedSteps / own!.steps)} each), ` +
      `take the loss ${fmt(own!.losses[0])} → ${fmt(ownEnd)}, while predicting the labels' mean without reading the inputs scores ${fmt(guess)}: the plan ends before the model has learned half of what there is to learn. ` +
      `The same plan at ${PROBE_FACTOR}× the rate ends at ${fmt(fastEnd)}. ${schedule.words}${schedule.advice}`,
  };
}
