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
  return [{ layer: 'the training plan', location: site, message: `the planned training written here (${plannedSteps.toLocaleString('en-US')} optimizer steps), over which this was judged`, kind: 'plan' }];
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
 * A flat start that outlasts the extra steps can be previewed over the script's whole plan. Gradient descent with a
 * small step follows the gradient flow dθ/dt = −∇L(θ), whose path depends only on η·t, the rate times the steps (the
 * continuous-time limit in which Saxe, McClelland & Ganguli, ICLR 2014, solve the plateaus of small initial weights:
 * their time constant is τ = 1/η). So k steps at f·η from the same start preview f·k steps at η, as long as the larger
 * steps stay stable. The same flow holds for the plans read here:
 * - mini-batches: B steps on batches whose losses average to the full batch's move the weights by −η·Σ∇L_b = −η·B·∇L
 *   to first order in η (SGD's mean path is the flow of the full loss: the ODE method of stochastic approximation,
 *   Kushner & Yin 2003; Li, Tai & E, "Stochastic modified equations", ICML 2017) — so an epoch is B full-batch steps'
 *   worth of η·t, as long as the profiled batch holds every row and its loss is the mean of the batches' (the runner
 *   checks both);
 * - heavy-ball momentum β: in the same small-step limit the flow runs at η/(1 − β) per step (Qian, "On the momentum
 *   term in gradient descent learning algorithms", Neural Networks 12, 1999), and the preview keeps β, so the factor is
 *   the same.
 * Adam and RMSProp divide by running moments that keep time in steps, not in η·t: no preview.
 */
export const PREVIEW_OPTIMIZERS: readonly string[] = ['SGD', 'Momentum'];

/**
 * The preview of a plan of `plannedSteps`: `stepCap` steps (previewStepCap, a function of the model and batch alone),
 * never more than the plan, at planned ÷ steps × the rate — the fewer times the rate, the closer each step stays to the
 * flow (Euler's method: the error shrinks with the step). `allRows`: the profiled batch holds every row the script's
 * fit() trains on, and its loss is the mean of the script's batches' losses. Undefined when no preview applies.
 */
export function planPreviewPlan(plannedSteps: number | undefined, stepCap: number, optimizer: string | undefined, allRows: boolean): { steps: number; factor: number } | undefined {
  if (!optimizer || !PREVIEW_OPTIMIZERS.includes(optimizer) || !allRows || !plannedSteps || !(stepCap >= PREVIEW_MIN_STEPS)) return undefined;
  const steps = Math.min(plannedSteps, Math.floor(stepCap));
  return steps >= PREVIEW_MIN_STEPS ? { steps, factor: plannedSteps / steps } : undefined;
}

/** Fewer preview steps would need a factor so large that each step previews too much of the plan: no preview. */
export const PREVIEW_MIN_STEPS = 10;

/**
 * The most steps a preview takes. Its step count — and so its factor, planned ÷ steps, and its verdict — is fixed by the
 * program, never by how fast this machine happens to run: a count sized by charged time still follows the machine (CPU
 * time too moves with cache contention and GC threads), and with it the factor and the verdict (docs/probe-budgets.md).
 * 2,500 steps is what 5 s of charged time held on a free machine
 * for XOR 2 → 10 → 1 on wasm (~2 ms a step: ~5 s), a factor of 32 for a plan of 80,000 steps — where the larger steps
 * still follow the flow (1,500 steps at 53× do, 80 at 1,000× do not) — and leaves the 15 s budget three times that
 * charge for a busier machine's slower CPU time (cache contention, GC threads).
 */
export const PREVIEW_MAX_STEPS = 2_500;

/**
 * The most arithmetic a preview does, in floating-point operations: a training step of a dense net costs about
 * 6 × parameters × rows (a multiply-add per weight and row forward, two backward: the C ≈ 6·N·D of Kaplan et al.,
 * "Scaling Laws for Neural Language Models", 2020). 10¹⁰ is what 5 s of CPU time held for held-out 7's
 * skalski-numpy-david on wasm (5,226 weights × 900 rows: 28 MFLOP a step, 280–452 steps in 5 s measured: 0.8–1.3 × 10¹⁰),
 * so a net with many weights or rows takes fewer steps (that one 354, at 28×) instead of running past its budget. A
 * count of the program's weights and rows, not a time: the same on every machine. It undercounts layers that reuse
 * their weights (convolutions): those are stopped by the time budget, and say so.
 */
export const PREVIEW_FLOPS = 1e10;

/**
 * The preview's step count, before planPreviewPlan caps it at the plan: PREVIEW_MAX_STEPS, fewer when PREVIEW_FLOPS
 * holds fewer steps of `params` weights on `rows` rows — never fewer than PREVIEW_MIN_STEPS (a model too costly for them
 * is stopped by the preview's time budget, PREVIEW_MAX_MS, and reported). A pure function of the program.
 */
export function previewStepCap(params: number, rows: number): number {
  const perStep = 6 * params * rows;
  const byWork = perStep > 0 ? Math.floor(PREVIEW_FLOPS / perStep) : PREVIEW_MAX_STEPS;
  return Math.max(PREVIEW_MIN_STEPS, Math.min(PREVIEW_MAX_STEPS, byWork));
}

/**
 * The preview's budget in charged time (a user's patience, as the horizon probe's: core/rateHorizon.ts; runner/probePace.ts
 * paceGuard): the one thing about a preview that depends on time. A preview whose pace says it would end past it stops,
 * is reported (`probeStop`, with the steps not run) and judges nothing — never a verdict on fewer steps.
 */
export const PREVIEW_MAX_MS = 15_000;

/**
 * Along the gradient flow the loss never rises (dL/dt = −‖∇L‖² ≤ 0): a preview that ends above where it started by more
 * than this share (the `lossStuck` default: less is no movement) has left the flow — its steps were too large (a sigmoid
 * net at 1,000× its rate jumps to saturated outputs and stays there) — and says nothing about the plan.
 */
export const PREVIEW_RISE = 0.001;

/**
 * What the preview says about a flat loss whose first value is `first`: 'outlasts' when the plan, previewed, takes off
 * at least PLAN_COVERS of it (the bar the linear projection uses, now measured); 'flat' when it does not (a plan that
 * ends on its plateau); undefined when the preview did not run or broke (NaN/Inf, or a loss that ended above its start:
 * its steps were too large to preview anything).
 */
export function previewVerdict(preview: { losses: readonly number[] } | undefined, first: number): 'outlasts' | 'flat' | undefined {
  if (!preview || preview.losses.length < 2 || !preview.losses.every(Number.isFinite) || !(Math.abs(first) > 1e-6)) return undefined;
  const [start] = preview.losses;
  if (preview.losses[preview.losses.length - 1] > start + PREVIEW_RISE * Math.abs(start)) return undefined;
  return preview.losses[preview.losses.length - 1] <= (1 - PLAN_COVERS) * first ? 'outlasts' : 'flat';
}
