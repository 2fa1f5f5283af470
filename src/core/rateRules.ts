// The step-size rules: a learning rate too low or too high, and weight decay that overpowers the data loss.
// Each is judged on the profiled steps (one fixed batch) and, for the learning rate, confirmed by a short
// probe from the same initial weights at ten times / a tenth of the rate (the runner runs it when
// `probesToRun` asks). Thresholds and sources: docs/rules/learning-rate-low.md, learning-rate-high.md,
// over-regularization.md.
import type { Finding, RateScheduleSummary, RelatedLayer, SourceLocation } from './protocol';
import { planInProfiledSteps, scheduled } from './rateSchedule';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type StepRecord } from './healthModel';
import { PLAN_COVERS, planSiteRelated, shareOverPlan } from './plateau';
export { overRegularization, PENALTY_DOMINANCE } from './regularizationRules';

/** Probes and comparisons use the first PROBE_STEPS optimizer steps (fewer when fewer were profiled). */
export const PROBE_STEPS = 10;
/** The probe's rate: the model's own × PROBE_FACTOR (too low?) or ÷ PROBE_FACTOR (too high?). */
export const PROBE_FACTOR = 10;
/** Below this fall over the profiled steps on one batch the loss may be limited by the rate (the probe decides). */
export const SLOW_FALL = 0.5;
/** CS231n's update/weight ratio is "somewhere around 1e-3"; below it "the learning rate might be too low". */
export const UPDATE_RATIO_LOW = 1e-3;
/**
 * The ×10 probe confirms a too-low rate when it removes at least LOW_GAIN× the loss the model's own rate removed
 * (the first-order regime: progress ∝ rate), or ends at most LOW_REMAINING × the loss the own rate reached.
 */
export const LOW_GAIN = 5;
export const LOW_REMAINING = 0.5;

/**
 * From the same start, a probe run got much further than the model's own run: it removed LOW_GAIN× the loss (and at
 * least 5 % of the start), or ended at most LOW_REMAINING× the loss the own run reached. learning-rate-low reads it
 * for a ×10 rate, unscaled-input (inputRules) for inputs rescaled to unit scale.
 */
export function probeGotMuchFurther(start: number, own: number, probe: number): boolean {
  const probeDrop = start - probe;
  const proportional = probeDrop >= LOW_GAIN * Math.max(start - own, 0) && probeDrop >= 0.05 * Math.abs(start);
  return probeDrop > 0 && (proportional || probe <= LOW_REMAINING * own);
}
/**
 * The script's planned training outlasts a small rate only when its steps can move the weights by at least this share
 * of their norm: the median ‖Δw‖/‖w‖ per step times the planned steps (an upper bound on the distance covered, as steps
 * shrink with the gradient or, for Adam, are bounded by the rate — Kingma & Ba 2015, §2.1: "we can often deduce the right
 * order of magnitude of α such that optima can be reached from θ0 within some number of iterations"). A tenth: an order
 * of magnitude below the weights' own scale, the distance initialisation sets (docs/rules/learning-rate-low.md).
 */
export const PLAN_TRAVEL = 0.1;

/**
 * The distance training needs, for a net whose narrowest hidden layer has `width` units: PLAN_TRAVEL, or 1/√width when
 * that is smaller. Gradient descent fits a wide net by moving each hidden layer's weights by O(1/√width) of their norm
 * (the lazy / kernel regime: Jacot, Gabriel & Hongler, NeurIPS 2018; Lee et al., NeurIPS 2019, Theorem 2.1 and its figure
 * of ‖W_t − W_0‖/‖W_0‖ against width), so a fixed tenth overstates what a 1,024-unit net must travel ~3×. The two agree
 * at 100 units, so nets no wider than that keep the tenth (docs/rules/learning-rate-low.md, "Wide nets travel less").
 */
export function planTravelBar(width: number | undefined): number {
  return width !== undefined && width > 0 ? Math.min(PLAN_TRAVEL, 1 / Math.sqrt(width)) : PLAN_TRAVEL;
}

/**
 * How far the script's planned steps take a slow rate, at the pace the profile measured: the share of the loss the plan
 * would take off (linear, core/plateau.ts) and how far it can move the weights (planTravelBar of the net's hidden width).
 * Undefined when the plan is unknown (a sampleBatch export, a hand-written loop).
 */
export function planReach(
  losses: readonly number[],
  updateRatio: number,
  plannedSteps: number | undefined,
  hiddenWidth?: number,
): { share: number; travel: number; bar: number; covers: boolean } | undefined {
  if (!plannedSteps || !(plannedSteps > 0) || !Number.isFinite(updateRatio)) return undefined;
  const share = shareOverPlan(losses, plannedSteps) ?? 0;
  const travel = updateRatio * plannedSteps;
  const bar = planTravelBar(hiddenWidth);
  return { share, travel, bar, covers: share >= PLAN_COVERS && travel >= bar };
}

/**
 * Layer classes whose first kernel's last axis is the layer's width (units or filters). Not the others: a transposed
 * convolution's kernel is [h, w, filters, in], a depthwise one's ends in its depth multiplier, and a separable one's
 * first kernel is the depthwise one — read there, the width would be the inputs' channels or 1.
 */
const WIDTH_BY_KERNEL = /^(Dense|Conv1D|Conv2D|Conv3D)$/;

/**
 * The narrowest hidden layer's width: units of a Dense layer, filters of a convolution, over the weight layers that are
 * not outputs. Undefined when there is no hidden weight layer or one whose width its kernel does not give (recurrent
 * layers stack their gates along that axis, embeddings are lookups): planTravelBar then keeps PLAN_TRAVEL.
 */
export function narrowestHiddenWidth(layers: readonly { name: string; className: string; weights: readonly { shape: readonly number[] }[] }[], outputLayers: ReadonlySet<string>): number | undefined {
  let narrowest: number | undefined;
  for (const layer of layers) {
    if (outputLayers.has(layer.name)) continue;
    const kernel = layer.weights.find((w) => w.shape.length >= 2);
    if (!kernel) continue;
    if (!WIDTH_BY_KERNEL.test(layer.className)) return undefined;
    const width = kernel.shape[kernel.shape.length - 1];
    narrowest = narrowest === undefined ? width : Math.min(narrowest, width);
  }
  return narrowest;
}

/** A step after which the fixed batch's loss is at least this multiple of the step before: worth probing ÷10. */
export const SPIKE = 1.2;
/**
 * A rise this large in one step on the batch just stepped on, to above the loss the batch started from, is a step far
 * beyond the stable range on its own (healthy models of the diagnosis benchmark rise by at most ×3.9: the clean CNN's
 * SGD 0.1 on a batch of 8): no probe needed. Below the start it is a ratio of two small numbers near a fitted batch
 * (Adam's steps stay ~lr per weight as g → 0): the probe decides, as for any spike.
 */
export const SEVERE_SPIKE = 10;
/** The ÷10 probe's lowest loss must be at most this fraction of the lowest the model's own rate reached in the same steps. */
export const HIGH_MARGIN = 0.8;

/**
 * What the optimizer's class means for its rate, where tfjs departs from the method's paper and from Keras.
 * tfjs-core's Adadelta (checked in 1.7.4, 2.8.6, 3.18.0, 4.10.0 and 4.22.0) divides by the accumulated squared gradient *before* adding the
 * current one: both accumulators start at 0 and receive the same square, so they stay equal, their ratio is
 * exactly 1, and every step is lr × g — plain SGD (Zeiler 2012 and Keras accumulate first: ~1.4e-3 per weight at
 * first). A Keras rate of 1.0 carried over is SGD at 1.0. test/runner/optimizerSteps.test.ts holds it to tfjs.
 */
export function optimizerRateNote(optimizer: string | undefined): string {
  return optimizer === 'Adadelta'
    ? ` Note: TensorFlow.js's Adadelta steps exactly learning rate × gradient (tfjs-core divides by the accumulated squared gradient before adding the current one, so its two accumulators stay equal): it is plain SGD at this rate, not Zeiler's or Keras's Adadelta, whose first steps move each weight by ~1e-3 at a rate of 1.0. Pick the rate as for SGD (the LR finder measures it) or use tf.train.adam(1e-3).`
    : '';
}

/** A probe's outcome: the data loss (inference mode for models with dropout) before each of its steps and after the last. */
export interface RateProbe {
  factor: number;
  losses: readonly number[];
}

/** The curve the rules read: inference-mode loss for models with dropout/noise, else the data loss. */
const curve = (steps: readonly StepRecord[]) => steps.map((s) => s.evalLoss ?? dataLoss(s));

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The whole model's ‖Δw‖/‖w‖ per step (weighted by each layer's ‖w‖), median over the steps that have one. */
export function medianUpdateRatio(steps: readonly StepRecord[]): number {
  const perStep = steps.flatMap((record) => {
    let delta = 0;
    let base = 0;
    for (const layer of record.layers) {
      if (layer.updateRatio === undefined) continue;
      const norm2 = layer.weights.reduce((s, w) => s + w.weightNorm * w.weightNorm, 0);
      delta += layer.updateRatio * layer.updateRatio * norm2;
      base += norm2;
    }
    return base > 0 ? [Math.sqrt(delta / base)] : [];
  });
  return median(perStep);
}

/** Largest one-step rise of the fixed batch's loss (L[i]/L[i−1]) and where it happened, among the steps `keep` admits. */
function largestRise(losses: readonly number[], keep: (i: number) => boolean = () => true): { ratio: number; step: number } {
  let best = { ratio: 0, step: 0 };
  for (let i = 1; i < losses.length; i++) {
    if (keep(i) && losses[i - 1] > 0 && losses[i] / losses[i - 1] > best.ratio) best = { ratio: losses[i] / losses[i - 1], step: i };
  }
  return best;
}

/**
 * Which probes the profile calls for: ×10 when the loss falls slowly with tiny updates, ÷10 when it spiked or when a layer
 * that worked at step 0 broke during the steps (`brokeLater`: causes.ts brokenAfterStart; the ÷10 run then also reads each
 * layer's ‖g‖ after its last step: does gradient still reach the layers at a tenth of the rate). The ×10 probe runs `steps` (PROBE_STEPS); the ÷10 probe
 * `tenthSteps`, every profiled step: a spike is judged by the lowest loss each rate reached over the whole profiled
 * horizon, so a catapult that recovers after step PROBE_STEPS is seen. `tenthForLayersOnly`: the ÷10 run was asked only by
 * `brokeLater`, so the loss rules must not read its losses as a spike's confirmation.
 */
export function probesToRun(
  steps: readonly StepRecord[],
  brokeLater = false,
): { factors: number[]; steps: number; tenthSteps: number; tenthForLayersOnly?: true } {
  const losses = curve(steps);
  const k = Math.min(PROBE_STEPS, losses.length - 1);
  const tenthSteps = losses.length - 1;
  if (k < 2 || !losses.every(Number.isFinite) || losses[0] <= 0) return { factors: [], steps: k, tenthSteps };
  const factors: number[] = [];
  const fall = (losses[0] - losses[losses.length - 1]) / losses[0];
  if (fall < SLOW_FALL && medianUpdateRatio(steps) < UPDATE_RATIO_LOW) factors.push(PROBE_FACTOR);
  const spiked = largestRise(losses).ratio >= SPIKE;
  if (spiked || brokeLater) factors.push(1 / PROBE_FACTOR);
  return { factors, steps: k, tenthSteps, ...(brokeLater && !spiked ? { tenthForLayersOnly: true as const } : {}) };
}

export interface RateContext {
  probes?: readonly RateProbe[];
  /** The line that sets the learning rate (optimizer creation, else compile()). */
  rateSite?: SourceLocation;
  /** A finding about gradient flow or the output already explains a slow loss: no learning-rate-low. */
  slowExplained: boolean;
  /** loss-diverging, loss-oscillating or NaN already say the steps overshoot: no learning-rate-high on top. */
  overshootReported?: boolean;
  /**
   * Heavy ball on a quadratic loss at a rate where no smaller one converges faster (rateCurvature.atMomentumPace): a
   * spike the ÷10 probe "confirms" is the momentum's ringing at another phase, not an overshoot.
   */
  momentumRings?: boolean;
  /** The optimizer's class (tfjs getClassName()): the message says what its rate means in tfjs. */
  optimizer?: string;
  /** The optimizer steps the script's own training plans (epochs × batches per epoch), when the profile could read them. */
  plannedSteps?: number;
  /** The narrowest hidden layer's units (narrowestHiddenWidth): how far the plan must move the weights (planTravelBar). */
  hiddenWidth?: number;
  /** Where the plan is written (the training call's line): related to a warning judged over the plan. */
  planSite?: SourceLocation;
  /** The rate schedule the script's fit() callbacks set, which the profiled steps and the rate probes followed (runner/rateSchedule.ts). */
  schedule?: RateScheduleSummary;
}

/** The plan's site as a finding's related location, when there is one to show. */
function relatedPlan(context: RateContext, first: readonly RelatedLayer[] = [], own = context.rateSite): Pick<Finding, 'related'> {
  const related = [...first, ...planSiteRelated(context.planSite, context.plannedSteps, own)];
  return related.length ? { related } : {};
}

export function rateFindings(steps: readonly StepRecord[], context: RateContext): Finding[] {
  const findings: Finding[] = [];
  const losses = curve(steps);
  const n = losses.length - 1;
  if (n < 2 || !losses.every(Number.isFinite) || losses[0] <= 0) return findings;
  const k = Math.min(PROBE_STEPS, n);
  const probe = (factor: number) => context.probes?.find((p) => p.factor === factor && p.losses.length > k);
  const start = losses[0];
  const ownDrop = start - losses[k];

  // --- too low: tiny updates, a slow loss, and ten times the rate removes ≥ LOW_GAIN× as much loss ---
  const up = probe(PROBE_FACTOR);
  const ratio = medianUpdateRatio(steps);
  const slow = (start - losses[n]) / start < SLOW_FALL && ratio < UPDATE_RATIO_LOW;
  if (up && slow && !context.slowExplained && Number.isFinite(up.losses[k])) {
    const probeDrop = start - up.losses[k];
    if (probeGotMuchFurther(start, losses[k], up.losses[k])) {
      const gain = probeDrop / Math.max(ownDrop, Number.MIN_VALUE);
      const measured =
        `each step changes the weights by ${fmt(ratio)} of their norm (median ‖Δw‖/‖w‖; ~1e-3 is typical) and the loss went ${fmt(start)} → ${fmt(losses[n])} over ${n} steps on one batch. ` +
        `From the same initial weights, ${PROBE_FACTOR}× the rate took it to ${fmt(up.losses[k])} in ${k} steps (${fmt(gain)}× the progress of the model's own rate, which reached ${fmt(losses[k])}). `;
      // Judged over the horizon that matters: the script's own planned steps when known, else the profile's.
      // Under a schedule set in callbacks the pace carries over in gradient-flow time, not in steps (core/rateSchedule.ts).
      const planLength = context.schedule && context.plannedSteps ? planInProfiledSteps(context.schedule, n) : context.plannedSteps;
      const reach = planReach(losses, ratio, planLength, context.hiddenWidth);
      const asTime = context.schedule && planLength !== undefined ? ` (at its own schedule's rates, the time of ${fmt(planLength)} of the profiled steps)` : '';
      const schedule = scheduled(context.schedule, context.rateSite, 'The profiled steps and the probe followed', context.plannedSteps);
      const planText = reach
        ? `At this pace the ${context.plannedSteps!.toLocaleString('en-US')} steps the script's training plans${asTime} would take off ${reach.share >= 1 ? 'all of the loss' : `${fmt(reach.share * 100)} % of the loss`} and could move the weights by at most ${fmt(reach.travel)} of their norm`
        : '';
      findings.push({
        code: 'learning-rate-low',
        severity: reach?.covers ? 'info' : RULE_SEVERITY['learning-rate-low'],
        step: k,
        location: schedule.location,
        ...(reach && !reach.covers ? relatedPlan(context, schedule.related, schedule.location) : {}),
        message: reach?.covers
          ? `The learning rate is lower than it could be: ${measured}${planText}: the planned training outlasts the small steps, so this is no fault — a larger rate would get there in fewer steps (about 1/${fmt(gain)} of them). ` +
            `To train faster, run the LR finder (Gradient Lens: Find learning rate).` +
            optimizerRateNote(context.optimizer)
          : `The learning rate is too low: ${measured}` +
            (reach
              ? `${planText} (${
                  reach.share < PLAN_COVERS
                    ? `less than ${fmt(PLAN_COVERS * 100)} % of the loss): the plan ends before the model trains. `
                    : `less than ${fmt(reach.bar)} of their norm, ${reach.bar < PLAN_TRAVEL ? `1/√width, the distance training moves a net whose narrowest hidden layer has ${context.hiddenWidth!.toLocaleString('en-US')} units` : 'an order of magnitude below the scale initialisation sets'}): the plan ends before the small steps have gone as far as training needs. `
                }`
              : `The script's planned training is unknown (no fit() call with epochs was seen), so this is judged over the ${n} profiled steps. `) +
            (context.schedule ? `${schedule.words}${schedule.advice}` : `Raise the learning rate: run the LR finder (Gradient Lens: Find learning rate) and apply its suggestion.`) +
            optimizerRateNote(context.optimizer),
      });
    }
  }

  // --- too high: the loss spiked on a fixed batch, and a tenth of the rate ends lower ---
  const down = probe(1 / PROBE_FACTOR);
  // A severe rise counts on its own only to above the starting loss; any rise can call the probe.
  const aboveStart = largestRise(losses, (i) => losses[i] > losses[0]);
  const severe = aboveStart.ratio >= SEVERE_SPIKE;
  const rise = severe ? aboveStart : largestRise(losses);
  // The best loss each rate reached, not the loss at one step: a healthy rate's early bounce (the catapult phase,
  // Lewkowycz et al. 2020) can fall on any step while it had already gone, or later goes, far lower. Over every step
  // both rates ran: all the profiled steps when the probe ran as many (older runners' probes ran PROBE_STEPS).
  const kDown = down ? Math.min(n, down.losses.length - 1) : k;
  const ownBest = Math.min(...losses.slice(0, kDown + 1));
  const downBest = down ? Math.min(...down.losses.slice(0, kDown + 1)) : NaN;
  // With heavy ball at its fastest pace on a quadratic both rates decay at √β a step: "lower within N steps" is phase.
  const probeWins = Number.isFinite(downBest) && downBest <= HIGH_MARGIN * ownBest && !context.momentumRings;
  if (!context.overshootReported && (severe || (rise.ratio >= SPIKE && probeWins))) {
    const probeText = down
      ? probeWins
        ? `, and from the same initial weights a tenth of the rate reached ${fmt(downBest)} within ${kDown} steps where the model's own rate got no lower than ${fmt(ownBest)}`
        : ` (from the same initial weights a tenth of the rate reached ${fmt(downBest)} within ${kDown} steps, the model's own rate ${fmt(ownBest)}: on this one batch the large steps still get there, on real data they bounce)`
      : '';
    findings.push({
      code: 'learning-rate-high',
      severity: RULE_SEVERITY['learning-rate-high'],
      step: rise.step,
      location: context.rateSite,
      message:
        `The learning rate is too high: on the same batch every step, the loss jumped ×${fmt(rise.ratio)} at step ${rise.step} (${fmt(losses[rise.step - 1])} → ${fmt(losses[rise.step])})${probeText}. ` +
        `The steps overshoot: lower the learning rate (run the LR finder), or add gradient clipping (clipNorm); large unscaled inputs make the same picture.` +
        optimizerRateNote(context.optimizer),
    });
  }
  return findings;
}
