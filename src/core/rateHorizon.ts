// learning-rate-high judged by outcome on the script's own batches: a rate can be too high although the profiled
// batch's loss falls. On one fixed batch a large step shows only when it overshoots that batch's valley; in training
// every step follows a different batch, and the step's noise grows with the rate, so a too-large SGD rate keeps the
// loss bouncing around a level that a smaller rate goes below (Nielsen, ch. 3: with η = 2.5 "the cost oscillates"
// above η = 0.25's; Goodfellow et al. 2016, §8.3.1: a large step overshoots across the valley). Smith's range test (2017)
// defines too high as a rate past the one beyond which a larger rate stops improving the loss, and Bengio (2012,
// "Practical recommendations", §3.1) puts the best rate within a factor of ~2 of the largest stable one and tries η/3:
// so if a third of the rate ends clearly lower after the same steps on the same batches, the rate is past the best one.
// Judged on the held-out rows' loss (not the batches trained on), by the lowest each run reached. The runner's probe:
// runner/horizonProbe.ts. Thresholds, sources and the measurements behind them: docs/rules/learning-rate-high.md.
import type { Finding, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type HorizonProbe, type StepRecord } from './healthModel';
import { HIGH_MARGIN, medianUpdateRatio, optimizerRateNote } from './rateRules';

/** Steps of each horizon run: twice the profile's default 20, each on the next batch of the script's rows. */
export const HORIZON_STEPS = 40;
/** The held-out rows are read every HORIZON_EVERY steps (and after the last): a forward pass each. */
export const HORIZON_EVERY = 4;
/** The smaller rate the model's own is compared with: Bengio (2012) tries η/3 (a factor 3 apart on a log grid). */
export const HORIZON_FACTOR = 1 / 3;
/**
 * The probe runs only when the profiled steps are large: CS231n's update/weight ratio is "somewhere around 1e-3" and
 * higher means "the learning rate is likely too high"; an order of magnitude above it (median ‖Δw‖/‖w‖ per step).
 */
export const UPDATE_RATIO_HIGH = 1e-2;

/**
 * The two runs together may take at most this long (a user's patience; the profile's timeout is 120 s by default): a run
 * stops as soon as the pace of its steps says the two would end later, and nothing is judged. A budget of its own, not a
 * share of the profile's time: on small dense models the per-step overhead makes the 80 probe steps take 1–4× the
 * profiled steps (measured), so a share would judge a fast model on one machine and not on a busier one.
 */
export const HORIZON_MAX_MS = 15_000;

/** Whether the horizon runs are worth their time: finite losses and steps an order of magnitude above the usual. */
export function horizonProbeWanted(steps: readonly StepRecord[]): boolean {
  return steps.length > 2 && steps.every((s) => Number.isFinite(s.loss)) && medianUpdateRatio(steps) >= UPDATE_RATIO_HIGH;
}

const lowest = (probe: HorizonProbe) => Math.min(...probe.losses.slice(1));

/** A learning-rate-high finding judged over the whole run (step 0), on the line that sets the rate. */
export const rateTooHigh = (rateSite: SourceLocation | undefined, message: string): Finding => ({
  code: 'learning-rate-high',
  severity: RULE_SEVERITY['learning-rate-high'],
  step: 0,
  location: rateSite,
  message,
});

/** learning-rate-high from the horizon runs: a third of the rate reached ≤ HIGH_MARGIN × the lowest the own rate did. */
export function rateAtHorizon(steps: readonly StepRecord[], probes: readonly HorizonProbe[] | undefined, rateSite: SourceLocation | undefined, optimizer: string | undefined): Finding | undefined {
  const own = probes?.find((p) => p.factor === 1);
  const smaller = probes?.find((p) => Math.abs(p.factor - HORIZON_FACTOR) < 1e-9);
  if (!own || !smaller || own.losses.length < 3 || own.losses.length !== smaller.losses.length) return undefined;
  if (![...own.losses, ...smaller.losses].every(Number.isFinite)) return undefined;
  const ownBest = lowest(own);
  const smallerBest = lowest(smaller);
  if (!(ownBest > 0) || smallerBest > HIGH_MARGIN * ownBest) return undefined;
  const runSteps = (own.losses.length - 1) * own.every;
  // What the profiled steps showed on their one batch (the curve the other rules read: dataLoss or evalLoss).
  const profiled = steps.map((s) => s.evalLoss ?? dataLoss(s));
  const first = profiled[0];
  const last = profiled[profiled.length - 1];
  const batchText =
    profiled.length > 1 && last < first
      ? `on the profiled batch the loss falls (${fmt(first)} → ${fmt(last)} in ${profiled.length - 1} steps), but on the script's own batches `
      : `on the script's own batches `;
  return rateTooHigh(
    rateSite,
    `The learning rate is too high: ${batchText}a third of the rate gets clearly further. From the same initial weights, ${runSteps} steps on fresh batches of ${own.batchSize} of the script's rows ` +
      `took the loss of ${own.rows} rows they did not train on no lower than ${fmt(ownBest)} at the model's rate, and to ${fmt(smallerBest)} at a third of it (${fmt(smallerBest / ownBest)}×). ` +
      `The larger steps bounce around a higher level instead of settling (the rate is past the best one: Smith's range test, Bengio 2012). ` +
      `Lower the learning rate (try a third of it, or run the LR finder: Gradient Lens: Find learning rate).` +
      optimizerRateNote(optimizer),
  );
}
