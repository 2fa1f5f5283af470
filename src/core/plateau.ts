// A loss that has not fallen by the last planned step may be a slow start, not a stall: models initialised
// with small weights sit on a plateau at the loss of an uninformed guess before they learn (the diagnosis
// benchmark's iris fix with N(0, 0.05) kernels and Adam: 0.1 % in 20 steps). The runner then keeps
// stepping, a planned run's length at a time, up to PLATEAU_STEP_FACTOR times it, and stops as soon as the
// loss has fallen; the loss rules judge every step it took. docs/rules/loss-not-decreasing.md.
import type { RelatedLayer, SourceLocation, Thresholds } from './protocol';
import { dataLoss, type StepRecord } from './healthModel';

/**
 * Where the script's plan is written — the training call whose epochs × batches per epoch are the planned steps — as
 * a related location of a warning whose verdict was judged over that plan ("the plan ends on this plateau too", "the
 * plan ends before the model trains"): the steps are a value the verdict consumed, and a longer plan is one of the
 * edits it leaves open (zenecture/neuroflow#5's fix raised the iterations). Kind `definition`, as for the data's and the
 * loss's definitions (core/originSites.ts): a site, not a layer. None when the call's line is unknown.
 */
export function planSiteRelated(site: SourceLocation | undefined, plannedSteps: number | undefined, own: SourceLocation | undefined): RelatedLayer[] {
  if (!site || plannedSteps === undefined || (own && own.file === site.file && own.line === site.line)) return [];
  return [{ layer: 'the training plan', location: site, message: `the planned training written here (${plannedSteps.toLocaleString('en-US')} optimizer steps), over which this was judged`, kind: 'definition' }];
}

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

/**
 * A flat start that outlasts the extra steps can be previewed over the script's whole plan. Plain gradient descent with a
 * small step follows the gradient flow dθ/dt = −∇L(θ), whose path depends only on η·t, the rate times the steps (the
 * continuous-time limit in which Saxe, McClelland & Ganguli, ICLR 2014, solve the plateaus of small initial weights:
 * their time constant is τ = 1/η). So k steps at f·η from the same start preview f·k steps at η, as long as the larger
 * steps stay stable. Read only where the previewed run is the planned one: the optimizer is plain SGD (momentum and
 * Adam's moments keep time in steps, not in η·t) and the profiled batch holds every row the script's fit() trains on,
 * one batch an epoch (full-batch gradient descent: the planned steps see the same rows as the preview). The factor
 * previews the plan: f = planned steps ÷ preview steps. Undefined when no preview applies.
 */
export function planPreviewFactor(plannedSteps: number | undefined, previewSteps: number, optimizer: string | undefined, fullBatch: boolean): number | undefined {
  if (optimizer !== 'SGD' || !fullBatch || !plannedSteps || previewSteps < 1 || plannedSteps <= previewSteps) return undefined;
  return plannedSteps / previewSteps;
}

/** Fewer preview steps would need a factor so large that each step previews too much of the plan: no preview. */
export const PREVIEW_MIN_STEPS = 10;

/** The preview may take at most this long (a user's patience, as the horizon probe's budget: core/rateHorizon.ts). */
export const PREVIEW_MAX_MS = 15_000;

/**
 * What the preview says about a flat loss whose first value is `first`: 'outlasts' when the plan, previewed, takes off
 * at least PLAN_COVERS of it (the bar the linear projection uses, now measured); 'flat' when it does not (a plan that
 * ends on its plateau); undefined when the preview did not run or broke (NaN/Inf: its steps were too large to preview
 * anything).
 */
export function previewVerdict(preview: { losses: readonly number[] } | undefined, first: number): 'outlasts' | 'flat' | undefined {
  if (!preview || preview.losses.length < 2 || !preview.losses.every(Number.isFinite) || !(Math.abs(first) > 1e-6)) return undefined;
  return preview.losses[preview.losses.length - 1] <= (1 - PLAN_COVERS) * first ? 'outlasts' : 'flat';
}
