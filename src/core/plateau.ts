// A loss that has not fallen by the last planned step may be a slow start, not a stall: models initialised
// with small weights sit on a plateau at the loss of an uninformed guess before they learn (the diagnosis
// benchmark's iris fix with N(0, 0.05) kernels and Adam: 0.1 % in 20 steps). The runner then keeps
// stepping, a planned run's length at a time, up to PLATEAU_STEP_FACTOR times it, and stops as soon as the
// loss has fallen; the loss rules judge every step it took. docs/rules/loss-not-decreasing.md.
import type { Thresholds } from './protocol';
import { dataLoss, type StepRecord } from './healthModel';

/** The profile takes at most this many times the planned steps while the loss stays flat. */
export const PLATEAU_STEP_FACTOR = 4;

/** The loss over `steps` (step 0 first) has neither fallen by `lossImprovement` nor risen or broken: undecided. */
export function lossUndecided(steps: readonly StepRecord[], t: Pick<Thresholds, 'lossImprovement'>): boolean {
  if (steps.length < 5 || !steps.every((s) => Number.isFinite(s.loss))) return false;
  const losses = steps.map((s) => s.evalLoss ?? dataLoss(s));
  const first = losses[0];
  const last = losses[losses.length - 1];
  if (!losses.every(Number.isFinite) || Math.abs(first) <= 1e-6) return false;
  const fell = (first - last) / Math.abs(first);
  return fell < t.lossImprovement && fell > -t.lossImprovement;
}

/** "step 7/20", or past the planned steps "step 27 (the loss is still flat: up to 80)". */
export function stepProgress(step: number, totalSteps: number): string {
  return step <= totalSteps ? `step ${step}/${totalSteps}` : `step ${step} (the loss is still flat: up to ${totalSteps * PLATEAU_STEP_FACTOR})`;
}

/**
 * A loss still flat after the extra steps is a slow start, not a stall, when the script's own training outlasts it:
 * at the pace of the profiled steps its planned steps would take off at least this share of the loss.
 */
export const PLAN_COVERS = 0.5;

/**
 * The share of the first loss that the planned steps would remove at the profiled pace (the mean fall per step,
 * extrapolated linearly); undefined when the plan is unknown or the loss did not fall. A loss leaving a plateau
 * speeds up as it goes (Saxe, McClelland & Ganguli, ICLR 2014), so there the pace is a lower bound; a loss settling
 * at a floor slows down, so the projection only ever turns a warning into info, never the other way.
 */
export function shareOverPlan(losses: readonly number[], plannedSteps: number | undefined): number | undefined {
  const n = losses.length - 1;
  if (!plannedSteps || n < 1 || !losses.every(Number.isFinite)) return undefined;
  const first = losses[0];
  const fall = first - losses[n];
  if (!(fall > 0) || Math.abs(first) <= 1e-6) return undefined;
  return ((fall / n) * plannedSteps) / Math.abs(first);
}
