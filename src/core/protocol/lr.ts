// What the learning-rate range test reports: the curve over repeats, the suggestions read off it and the
// one recommended rate (schemas of the messages in ../protocol).
import * as v from 'valibot';
import { num } from './number';

export const LR_SUGGESTION_KINDS = ['steep', 'valley', 'minimum', 'slide'] as const;
export type LrSuggestionKind = (typeof LR_SUGGESTION_KINDS)[number];

export const LrSuggestion = v.object({
  /** The suggestion on the median curve. */
  lr: num,
  /** log10(max/min) of this suggestion over the individual repeats: 0 = they all agree. */
  spreadDecades: num,
  /** The rule that produced it, in words (for hovers, the panel and the CLI). */
  rule: v.string(),
});
export type LrSuggestion = v.InferOutput<typeof LrSuggestion>;

/** The one rate the finder recommends (core/lrRecommend), or why it cannot recommend one. */
export const LrRecommendation = v.object({
  /** Absent when the curve or the short runs cannot support a rate: `why` says so. */
  lr: v.optional(num),
  confidence: v.picklist(['high', 'medium', 'low', 'none']),
  /** 'short-run': chosen by training candidates from the same initial weights; 'curve': read off the sweep. */
  basis: v.picklist(['short-run', 'curve']),
  /** One or two sentences for the CLI, the panel and hovers. */
  why: v.string(),
  /** The candidates of the short runs and their held-out loss (null: diverged — NaN/±Inf, or the training loss rose above 4× its best). */
  checks: v.optional(v.array(v.object({ lr: num, loss: v.nullable(num) }))),
  checkSteps: v.optional(v.pipe(v.number(), v.integer())),
  /** Held-out loss of the initial weights the short runs started from. */
  initialLoss: v.optional(num),
  /**
   * What the short runs were scored on: rows held out of their training (a fifth of the data), or — when the
   * data has too few rows to hold a fifth out beside a batch, or comes as a dataset — the training rows.
   */
  scoredOn: v.optional(v.picklist(['held-out', 'training'])),
  /**
   * The model's own compiled rate, trained the same way after the choice (same steps, initial weights,
   * batch order and held-out rows): the status quo the recommendation is measured against. It takes no part
   * in choosing. Absent when the optimizer is not one the finder drives, or there were no short runs.
   */
  ownRate: v.optional(v.object({ lr: num, loss: v.nullable(num) })),
  /** The smoothed loss never fell 5 % below its starting level over the sweep. */
  flat: v.boolean(),
});
export type LrRecommendation = v.InferOutput<typeof LrRecommendation>;

export const LrCurvePoint = v.object({ lr: num, loss: num });
export const LrBandPoint = v.object({ lr: num, low: num, high: num });

export const LrResult = v.object({
  /** Median over repeats of the smoothed loss at each step (steps every repeat reached). */
  median: v.array(LrCurvePoint),
  /** Spread of the smoothed loss over repeats at each step (min–max). */
  band: v.array(LrBandPoint),
  /** A suggestion is absent when the curve gives it no basis (e.g. a flat curve has no steep descent). */
  suggestions: v.object({
    steep: v.optional(LrSuggestion),
    valley: v.optional(LrSuggestion),
    minimum: v.optional(LrSuggestion),
    slide: v.optional(LrSuggestion),
  }),
  /**
   * Where the loss blew up: the LR of the update that began the climb after which the raw batch loss
   * stays above 2× its running minimum to the end (core/lrCurve divergenceIndex); the median over the
   * repeats that diverged, absent unless at least half did.
   */
  divergenceLr: v.optional(num),
  /** The rate to use (absent in results of older runners). */
  recommendation: v.optional(LrRecommendation),
  stoppedEarly: v.boolean(),
  /** Why the sweep ended: "reached endLr", "loss exceeded 4x its best", "loss is NaN", "cancelled", … */
  reason: v.string(),
});
export type LrResult = v.InferOutput<typeof LrResult>;
