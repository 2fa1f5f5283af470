// The loss-curve rules, `loss-oscillating` and `loss-not-decreasing`, on any curve of loss points: a profile's
// steps on one fixed batch (no sampling noise), or a watched run's whole curve as means over equal windows of
// steps (core/lossCurve.ts), whose sampling noise is measured and handed in. One implementation for both: a
// finding's severity and thresholds do not depend on which feature measured the curve, only the wording of
// where it was measured does. docs/rules/loss-not-decreasing.md, docs/rules/loss-oscillating.md.
import type { Finding, SourceLocation, Thresholds } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';
import { PLAN_COVERS, planSiteRelated, previewVerdict, shareOverPlan } from './plateau';
import { median } from './lrCurve';

/** `lossStuck` is the range allowed over this many steps (the default profile's). */
export const STUCK_STEPS = 20;

/**
 * Sampling noise: with `noise` the standard error of one point, differences the noise alone makes are not
 * evidence. The range of 21 independent normal draws (a run's 21 window means) stays below 5.7 standard errors
 * in 99 % of cases (the distribution of the range: Tippett, Biometrika 17, 1925; Pearson & Hartley's tables);
 * the difference of two below 2.58·√2 ≈ 3.6 (the normal's 99 % two-sided point); the median of 20 absolute
 * differences of neighbours below 2 standard errors except with probability < 1e-3 (each |dᵢ| > 2 SE with
 * probability 0.16). All three, and NOISE_TREND below, simulated in test/unit/lossCurve.test.ts.
 */
export const NOISE_RANGE = 5.7;
export const NOISE_DIFFERENCE = 3.6;
export const NOISE_STEP = 2;

/** A two-sided 99 % bar for a least-squares slope, in its standard errors (the normal's 99 % point). */
export const NOISE_TREND = 2.58;

/**
 * Under sampling noise a steady fall smaller than the noise's spread hides inside the range of the points, but not
 * from a least-squares line through them: a slope NOISE_TREND standard errors (noise/√Σ(i − ī)²) away from 0 is a
 * trend, not a plateau. Without noise (a fixed batch) the range alone decides, as it always has.
 */
export function trends(losses: readonly number[], noise: number): boolean {
  if (!(noise > 0)) return false;
  const mean = (losses.length - 1) / 2;
  const spread = losses.reduce((s, _, i) => s + (i - mean) ** 2, 0);
  const slope = losses.reduce((s, l, i) => s + (i - mean) * l, 0) / spread;
  return Math.abs(slope) >= (NOISE_TREND * noise) / Math.sqrt(spread);
}

/** How a curve's points were measured, in the words its findings use. */
export interface CurveWords {
  /** Over the n intervals of the curve: "over 20 optimizer steps on the same batch". */
  over(n: number): string;
  /** The same, shorter: "over 20 steps on the same batch". */
  overShort(n: number): string;
  /** The unit a point is, singular: "step", "window". */
  unit: string;
  /** "on a fixed batch (measured without dropout/noise)" */
  where: string;
  /** Why an oscillation of this curve is the optimizer's doing. */
  overshoot: string;
  /** What to do about a slow start that the planned training can outlast. */
  slowStartNext: string;
}

export interface LossCurve {
  /** Point 0 first; all finite (the callers judge a curve only before any NaN/Inf). */
  losses: readonly number[];
  /** The step of the last point (the finding's step). */
  lastStep: number;
  /** Standard error of one point from sampling noise: 0 on a fixed batch. */
  noise: number;
  /** The script's planned training, in points of this curve, when known. */
  plannedPoints?: number;
  /** The same plan in optimizer steps, for the message. */
  plannedSteps?: number;
  /** An SGD or momentum plan on every row previewed at a larger rate (core/plateau.ts planPreviewPlan): the fixed batch's losses. */
  preview?: { factor: number; losses: readonly number[] };
  /** Where the plan is written (the training call's line), related to a warning judged over it. */
  planSite?: SourceLocation;
  words: CurveWords;
}

/** Most points reverse direction, it moves far more than it gets anywhere, and each move is well above float and sampling noise. */
export function oscillationFinding(curve: LossCurve, t: Thresholds, location: SourceLocation | undefined): Finding | undefined {
  const { losses, words } = curve;
  const n = losses.length - 1;
  const first = losses[0];
  const last = losses[n];
  if (n < 6 || Math.abs(first) <= 1e-6) return undefined;
  const diffs = losses.slice(1).map((l, i) => l - losses[i]);
  const signChanges = diffs.slice(1).filter((d, i) => d * diffs[i] < 0).length;
  const variation = diffs.reduce((s, d) => s + Math.abs(d), 0);
  const net = Math.abs(last - first);
  const meanLoss = losses.reduce((s, l) => s + l, 0) / losses.length;
  const typical = median(diffs.map(Math.abs));
  const oscillates =
    signChanges / (diffs.length - 1) >= 0.5 && variation >= t.oscillationRatio * net && typical >= t.oscillationAmplitude * Math.abs(meanLoss) && typical >= NOISE_STEP * curve.noise;
  if (!oscillates) return undefined;
  return {
    code: 'loss-oscillating',
    severity: RULE_SEVERITY['loss-oscillating'],
    step: 0,
    location,
    message:
      `The loss oscillates ${words.where}: it changed direction ${signChanges} times in ${diffs.length} ${words.unit}s, by ${fmt(typical)} per ${words.unit} (median; ${fmt((typical / Math.abs(meanLoss)) * 100)} % of the mean loss ${fmt(meanLoss)}), ` +
      `while it moved only ${fmt(net)} overall (${fmt(first)} → ${fmt(last)}). ${words.overshoot}: lower the learning rate (run the LR finder) or add gradient clipping.`,
  };
}

/**
 * Stuck, rising or falling slowly over the curve; a flat start that the script's planned training would outlast
 * at this pace is info. `slowStart`: the loss is falling, slowly, off a plateau (the other rules must not read
 * "the loss does not fall" as harm either).
 */
export function notDecreasingFinding(curve: LossCurve, t: Thresholds, location: SourceLocation | undefined): { finding?: Finding; slowStart: boolean } {
  const { losses, words, noise } = curve;
  const n = losses.length - 1;
  const first = losses[0];
  const last = losses[n];
  if (n < 4 || Math.abs(first) <= 1e-6) return { slowStart: false };
  const range = Math.max(...losses) - Math.min(...losses);
  const change = (first - last) / Math.abs(first);
  // lossStuck is per STUCK_STEPS steps: a run that took more (a longer --steps, or the steps a flat start gets, core/plateau.ts) may move proportionally more and still be stuck,
  // but not if its latest STUCK_STEPS steps alone moved more than that: the loss is moving now, leaving its plateau.
  const recent = losses.slice(-STUCK_STEPS - 1);
  const moving = n > STUCK_STEPS && Math.max(...recent) - Math.min(...recent) > Math.max(t.lossStuck * Math.abs(first), NOISE_RANGE * noise);
  const stuck = !moving && !trends(losses, noise) && range <= Math.max(t.lossStuck * Math.abs(first) * Math.max(1, n / STUCK_STEPS), NOISE_RANGE * noise);
  if (!stuck && change >= t.lossImprovement) return { slowStart: false };
  const rises = change < -t.lossImprovement && last - first > NOISE_DIFFERENCE * noise;
  const share = rises ? undefined : shareOverPlan(losses, curve.plannedPoints);
  const preview = curve.preview;
  const previewed = rises ? undefined : previewVerdict(preview, first);
  const projected = share !== undefined && share >= PLAN_COVERS;
  const outlasted = projected || previewed === 'outlasts';
  const previewEnd = preview?.losses[preview.losses.length - 1];
  const previewWords = preview
    ? `${preview.losses.length - 1} steps at ${preview.factor >= 10 ? Math.round(preview.factor) : fmt(preview.factor)}× the rate on the same batch — the plan's ${curve.plannedSteps?.toLocaleString('en-US')} steps in the time η·t that gradient descent's path depends on — took it to ${fmt(previewEnd ?? NaN)}`
    : '';
  const plan = outlasted
    ? `The loss starts flat: it fell ${fmt(change * 100)} % (${fmt(first)} → ${fmt(last)}) ${words.over(n)}. ` +
      (projected
        ? `At this pace the ${curve.plannedSteps!.toLocaleString('en-US')} steps the script's training plans would take off ${share >= 1 ? 'all of it' : `${fmt(share * 100)} % of it`}: `
        : `Previewed over the script's planned training, ${previewWords}: `) +
      `a slow start (small initial weights begin on a plateau) that the planned training can outlast, not a stall. ${words.slowStartNext}; if it is still flat after the first epochs, `
    : undefined;
  // A preview that stayed flat says the plan ends on the plateau too: the warning says so.
  const flatOverPlan = previewed === 'flat' ? `Previewed over the script's planned training, ${previewWords}: the plan ends on this plateau too. ` : '';
  const finding: Finding = {
    code: 'loss-not-decreasing',
    severity: (stuck || rises) && !outlasted ? RULE_SEVERITY['loss-not-decreasing'] : 'info',
    step: curve.lastStep,
    location,
    ...(flatOverPlan && stuck && !outlasted ? relatedPlan(curve, location) : {}),
    message:
      (plan ??
        (stuck
          ? `The loss is stuck: it stays at ${fmt(first)} (range ${fmt(range)}) ${words.over(n)}. ${flatOverPlan}`
          : rises
            ? `The loss rises: ${fmt(first)} → ${fmt(last)} ${words.overShort(n)}. `
            : `The loss falls slowly: ${fmt(first)} → ${fmt(last)} (${fmt(change * 100)} %) ${words.overShort(n)}, below the ${fmt(t.lossImprovement * 100)} % expected. `)) +
      `${plan ? 'check' : 'Check'} that gradients reach the weights (see the other findings), that the learning rate is neither ~0 nor too high (run the LR finder), and that the labels match the outputs; the overfit-one-batch check tells a model/loss bug from slow optimization.`,
  };
  return { finding, slowStart: (moving || outlasted) && change > 0 };
}

/** The plan's site as the finding's related location, when there is one to show. */
function relatedPlan(curve: LossCurve, location: SourceLocation | undefined): Pick<Finding, 'related'> {
  const related = planSiteRelated(curve.planSite, curve.plannedSteps, location);
  return related.length ? { related } : {};
}

/** A profile's curve: every step on the same batch (the inference-mode loss for models with dropout/noise). */
export const fixedBatchWords = (withoutNoise: boolean): CurveWords => ({
  over: (n) => `over ${n} optimizer steps on the same batch`,
  overShort: (n) => `over ${n} steps on the same batch`,
  unit: 'step',
  where: `on a fixed batch${withoutNoise ? ' (measured without dropout/noise)' : ''}`,
  overshoot: 'On one batch this is the optimizer overshooting',
  slowStartNext: 'Watch the run (Gradient Lens: Watch training, or gradient-lens watch) to see it leave the plateau',
});
