// The end of a watched run's own plan, against the loss of a prediction that reads no input. When the script's training
// has run to its own end and the training loss is not clearly below the loss of the best constant prediction — every
// row predicted as the training labels' mean (class frequencies for class labels) — the whole plan taught the model
// nothing it could not have said without looking at the inputs. For a proper scoring rule (cross-entropy, squared
// error) that constant is the best prediction made without the inputs (Gneiting & Raftery, JASA 102, 2007: the mean is
// the Bayes act of the squared error, the class frequencies of the log score), so its loss — the labels' entropy, the
// targets' variance — is the closed-form level a model that learned anything must beat. Goodfellow, Bengio & Courville
// §5.2 call a training error that stays high underfitting; §11.1's first step is this baseline. What is wrong (a rate
// too small for the plan, too little capacity, labels unrelated to the inputs, weights that start saturated) the
// run cannot say; that the plan failed it can, where the profile's ~20 steps could not (a slow start the plan might
// outlast is only information there).
import type { Finding, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { MIN_GAP_SHARE } from './scaleRules';

export const PLAN_END = {
  /**
   * "Clearly below" the no-input loss: this share of it, the scaling probe's bar for "learns from the inputs"
   * (core/scaleRules.ts MIN_GAP_SHARE — one bar for one question across the rules).
   */
  gapShare: MIN_GAP_SHARE,
  /** The level the plan ended at: the mean loss of at least this many last steps (the last epoch's when longer). */
  minSteps: 10,
};

/** The loss a prediction that reads no input scores on the training rows, with how it was derived (runner/labelProbe.ts inputBlindLoss). */
export interface NoInputLoss {
  value: number;
  /** e.g. "binaryCrossentropy of the labels' mean (the labels' entropy)". */
  basis: string;
}

/**
 * The level a run's training loss ended at: the mean of the last epoch's step losses, or of the last PLAN_END.minSteps
 * steps when the last epoch has fewer (a full-batch fit() takes one step an epoch). O(1) state per step.
 */
export class EndLevel {
  private readonly ring: number[] = [];
  private ringCount = 0;
  private epoch = -1;
  private epochSum = 0;
  private epochCount = 0;

  add(epoch: number, loss: number): void {
    if (!Number.isFinite(loss)) return;
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.epochSum = 0;
      this.epochCount = 0;
    }
    this.epochSum += loss;
    this.epochCount++;
    this.ring[this.ringCount % PLAN_END.minSteps] = loss;
    this.ringCount++;
  }

  /** The level and how many steps it is the mean of; undefined before PLAN_END.minSteps steps. */
  level(): { value: number; steps: number } | undefined {
    if (this.epochCount >= PLAN_END.minSteps) return { value: this.epochSum / this.epochCount, steps: this.epochCount };
    if (this.ringCount < PLAN_END.minSteps) return undefined;
    return { value: this.ring.reduce((s, x) => s + x, 0) / this.ring.length, steps: this.ring.length };
  }
}

/**
 * The finding when a run that reached its own end finished no better than the no-input loss; undefined otherwise.
 * `steps`: the optimizer steps the run took. The caller judges only runs that ended by themselves (not cut by Stop,
 * a step bound or a time limit: the plan would have gone on) and whose loss holds no regularization penalty.
 */
export function planEndFinding(level: { value: number; steps: number } | undefined, noInput: NoInputLoss | undefined, steps: number, location: SourceLocation | undefined): Finding | undefined {
  if (!level || !noInput || !(noInput.value > 0) || !Number.isFinite(level.value)) return undefined;
  const bar = (1 - PLAN_END.gapShare) * noInput.value;
  if (level.value < bar) return undefined;
  // Three digits: two would print 0.695 and 0.693 alike.
  const at = (x: number) => (Math.abs(x) >= 1e-2 && Math.abs(x) < 1e3 ? String(Number(x.toPrecision(3))) : fmt(x));
  return {
    code: 'loss-not-decreasing',
    severity: 'warning',
    step: steps - 1,
    location,
    message:
      `The training plan ran to its end (${steps.toLocaleString('en-US')} steps) and its loss ended at ${at(level.value)} (mean of the last ${level.steps} steps), ` +
      `not ${Math.round(PLAN_END.gapShare * 100)} % below ${at(noInput.value)}, the loss of a prediction that reads no input (${noInput.basis}): ` +
      `the model learned nothing from its inputs that a constant could not say. Usual causes: a learning rate too small for the plan, too little capacity for the task (e.g. no hidden layer for a non-linear boundary), ` +
      `labels unrelated to the inputs, or units saturated from the start. The overfit-one-batch check tells a model/loss bug from slow optimization.`,
  };
}

/**
 * The curve's end-of-run findings with the plan-end verdict: a plan that ran to its end no better than the no-input loss
 * is a failed run — a warning in place of the curve's information ("falls slowly", a slow start the plan would outlast:
 * it did not); not added where the curve already warned (stuck, rising), nor for a run cut before its end.
 */
export function withPlanEnd(curve: Finding[], ownEnd: boolean, level: { value: number; steps: number } | undefined, noInput: NoInputLoss | undefined, steps: number, location: SourceLocation | undefined): Finding[] {
  if (!ownEnd || curve.some((f) => f.severity !== 'info')) return curve;
  const finding = planEndFinding(level, noInput, steps, location);
  return finding ? [...curve.filter((f) => f.code !== 'loss-not-decreasing'), finding] : curve;
}
