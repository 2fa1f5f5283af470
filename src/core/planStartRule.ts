// A start written into the program that leads the script's own plan into dead ReLU units. A network whose initial
// weights are given in the code (a layer's `weights`) starts from the same point on every run, so what the plan does
// from there is the program's, not one run's luck. Narrow ReLU networks can lose units to the dead state during
// training and then settle on a local minimum whose loss no step leaves — the units output 0 on every row and get no
// gradient (Lu, Shin, Su & Karniadakis, "Dying ReLU and Initialization: Theory and Numerical Examples", 2019: the
// probability grows as the width shrinks, and it depends on the initialisation). A 20-step profile cannot see a unit
// that dies on step 40; the plan, run to its end, can. The evidence is the training's own: the plan compressed in
// gradient-flow time as the plan preview runs it (core/plateau.ts), from the written start and from fresh draws of
// the same layers' own initializers (runner/weightDraws.ts, seeded: the same draws every profile). The finding is a
// warning when, at the plan's end, the written start's run
// - has units of a ReLU layer dead on every row of the batch,
// - has stalled: its last quarter took off less than `lossImprovement` of the loss (the profile's own bar for "the loss
//   fell"; a loss still falling is a slow run, not a stall), and
// - most of the fresh draws end at most LOW_REMAINING × its end (the learning-rate probes' "clearly lower": another
//   start of the same plan reaches far lower, so the plan, the data and the architecture can — the start cannot).
// The runner's probe: runner/planStart.ts. docs/rules/dead-relu.md, "Dead at the end of the plan".
import type { Finding, LayerInfo, Thresholds } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';
import { LOW_REMAINING } from './rateRules';

/** The written start's run over the plan and the fresh draws' (the `start` probe). */
export interface PlanStartRun {
  /** Steps of each run (the plan compressed as the preview compresses it) and the rate's factor. */
  steps: number;
  factor: number;
  /** The written start's loss at the first step, three quarters through and at the end. */
  losses: readonly number[];
  /** ReLU layers with units dead on every row at the run's end, and the share of their units dead. */
  layers: readonly string[];
  shares: readonly number[];
  /** Each fresh draw's loss at the end of the same plan. */
  drawEnds: readonly number[];
}

/** The parts of the written start's run that call for the fresh draws: units dead at its end and a stalled loss. */
export function startStalled(losses: readonly number[], deadShares: readonly number[], t: Pick<Thresholds, 'lossImprovement'>): boolean {
  if (losses.length !== 3 || !losses.every(Number.isFinite) || !deadShares.some((s) => s > 0)) return false;
  const [, late, end] = losses;
  return late > 0 && (late - end) / late < t.lossImprovement;
}

/** The draws that end clearly below the written start's end. */
export function drawsBelow(run: Pick<PlanStartRun, 'losses' | 'drawEnds'>): number {
  const end = run.losses[run.losses.length - 1];
  return run.drawEnds.filter((d) => Number.isFinite(d) && d <= LOW_REMAINING * end).length;
}

/** The warning on the first layer with dead units, or undefined when the evidence is not all there. */
export function planStartFinding(run: PlanStartRun | undefined, layers: readonly LayerInfo[], plannedSteps: number | undefined, t: Pick<Thresholds, 'lossImprovement'>): Finding | undefined {
  if (!run || !run.drawEnds.length || !startStalled(run.losses, run.shares, t)) return undefined;
  const below = drawsBelow(run);
  if (below * 2 <= run.drawEnds.length) return undefined;
  const at = run.shares.findIndex((s) => s > 0);
  const layer = run.layers[at];
  const info = layers.find((l) => l.name === layer);
  const [, late, end] = run.losses;
  const planned = plannedSteps ?? run.steps;
  const plan = run.factor > 1 ? `${planned.toLocaleString('en-US')} planned steps, previewed in ${run.steps.toLocaleString('en-US')} at ${fmt(run.factor)}× the rate` : `${run.steps.toLocaleString('en-US')} planned steps`;
  const dead = run.layers.map((name, i) => `${Math.round(run.shares[i] * 100)} % of ${name}'s units`).join(', ');
  return {
    code: 'dead-relu',
    severity: RULE_SEVERITY['dead-relu'],
    step: 0,
    layer,
    ...(info?.location ? { location: info.location } : {}),
    message:
      `The initial weights written in the program lead the training plan into dead ReLU units: from them the script's plan (${plan}) ends with ${dead} outputting 0 on every row ` +
      `and its loss stalled at ${fmt(end)} (the last quarter of the plan took off ${fmt(((late - end) / late) * 100)} %), while from ${run.drawEnds.length} fresh draws of the layers' own initializers the same plan ends at ` +
      `${run.drawEnds.map((d) => fmt(d)).join(', ')} (${below} of ${run.drawEnds.length} at most ${LOW_REMAINING}× yours). A unit that dies during training gets no gradient again, and a narrow ReLU layer that loses one can settle on a local minimum ` +
      `(Lu et al. 2019, "Dying ReLU and Initialization"). Let the layers draw their own initial weights (drop the written ones), or draw them again, widen the layer, or use a leaky ReLU.`,
  };
}
