// Messages of "Watch training" (issue 14): the runner trains the user's script to its end and streams the
// per-step gradient norms, periodic histograms / weight statistics and epoch logs. Findings reuse the
// `finding` message (with `step` = the step the condition began, `phase` for NaN/Inf); `model`, `done` and
// `error` keep their meaning. This file imports nothing from protocol.ts at run time: protocol.ts adds
// these variants to RunnerMessage/HostMessage, and a cycle would leave one of them undefined at load
// (./protocol/number imports only valibot).
import * as v from 'valibot';
import { num } from './protocol/number';

const int = v.pipe(v.number(), v.integer());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What a watch request adds to profile's target fields (file, export, args, backend, …; see protocol.ts WatchRequest). */
export const watchRequestFields = {
  /** Histograms and weight statistics every `every` optimizer steps (gradient norms are recorded every step). */
  every: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
  /** Stop training after this many optimizer steps (the script's own fit() otherwise decides). */
  maxSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
};

/** One layer at one step: the L2 norm over its trainable weights' gradients. */
export const WatchLayerNorm = v.object({
  name: v.string(),
  gradNorm: num,
  /** ReLU-family layers: share of units whose kernel gradient is exactly zero on the batch (dead on it). */
  deadShare: v.optional(num),
});
export type WatchLayerNorm = v.InferOutput<typeof WatchLayerNorm>;

/** One optimizer step. `step` counts optimizer steps from 0 over the whole run (across fit() calls). */
export const WatchStep = v.object({
  step: count,
  /** Epochs begun over the whole run, from 0, counted across fit() calls (a loop of fit({epochs: 1}) counts on); 0 for trainOnBatch loops. */
  epoch: count,
  /** Loss as fit() reports it (data loss plus regularization penalties). */
  loss: num,
  /** fit()'s batch metrics (e.g. acc), when the model was compiled with metrics. */
  metrics: v.optional(v.record(v.string(), num)),
  layers: v.array(WatchLayerNorm),
});
export type WatchStep = v.InferOutput<typeof WatchStep>;

/**
 * A histogram: counts[i] values fell in [edges[i], edges[i+1]) (the last bin includes its upper edge).
 * Gradient histograms bin log10|g| (edges are log10 values); exact zeros are counted in `zeros`.
 */
export const Histogram = v.pipe(
  v.object({
    scale: v.picklist(['log10abs', 'linear']),
    edges: v.array(num),
    counts: v.array(count),
    /** Values exactly 0 (not in any bin of a log10abs histogram). */
    zeros: v.optional(count),
    /** NaN/±Inf values (in no bin). */
    nonFinite: v.optional(count),
  }),
  v.check((h) => h.edges.length === h.counts.length + 1, 'a histogram has one more edge than counts'),
);
export type Histogram = v.InferOutput<typeof Histogram>;

/** Every `every` steps: per layer, the gradient histogram and weight statistics. */
export const WatchSampleLayer = v.object({
  name: v.string(),
  gradNorm: num,
  weightNorm: num,
  /** ‖g‖ / ‖w‖ (Infinity for zero weights with a non-zero gradient). */
  ratio: num,
  gradMeanAbs: num,
  gradHistogram: Histogram,
  weightHistogram: v.optional(Histogram),
});
export type WatchSampleLayer = v.InferOutput<typeof WatchSampleLayer>;

export const WatchSample = v.object({ step: count, epoch: count, layers: v.array(WatchSampleLayer) });
export type WatchSample = v.InferOutput<typeof WatchSample>;

/** The end of one fit() epoch: its logs (loss, metrics, val_* when fit() validates). */
export const WatchEpoch = v.object({
  epoch: count,
  /** The last optimizer step of the epoch. */
  step: int,
  logs: v.record(v.string(), num),
  /** fit()'s validationSplit, when its val_* logs come from that share of its own rows (not from validationData). */
  validationSplit: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});
export type WatchEpoch = v.InferOutput<typeof WatchEpoch>;

/** Where a validation reading came from: fit()'s own val_loss, or the script's own model.evaluate()/evaluateDataset(). */
export const VALIDATION_SOURCES = ['fit', 'evaluate', 'evaluateDataset'] as const;
export type ValidationSource = (typeof VALIDATION_SOURCES)[number];

/**
 * One validation loss the script itself computed outside fit()'s logs: its model.evaluate()/evaluateDataset() on rows
 * it does not train on (a call on the training tensors or dataset is not one), paired with the training loss over the
 * same stretch of training — the mean of the steps' losses since this source's previous reading (as fit()'s epoch
 * `loss` is the mean of its batches'). fit()'s own `val_loss` stays in the epoch logs.
 */
export const WatchValidation = v.object({
  /** The last optimizer step before the evaluation. */
  step: int,
  epoch: count,
  source: v.picklist(VALIDATION_SOURCES),
  /** The validation loss (evaluate()'s first value: the compiled loss, without regularization penalties). */
  loss: num,
  /** The mean training loss of the steps since this source's previous reading (or the run's start). */
  trainLoss: num,
  /** Which held-out data (the same rows evaluated again get the same key): the rule follows one data set. */
  key: v.string(),
  /** Rows evaluated, when known. */
  rows: v.optional(count),
  /** The user's line that called evaluate(). */
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
});
export type WatchValidation = v.InferOutput<typeof WatchValidation>;

/** Runner → host variants, added to RunnerMessage by protocol.ts. Steps are sent batched (one IPC message per ~100 ms). */
export const WATCH_RUNNER_MESSAGES = [
  v.object({ type: v.literal('watchSteps'), steps: v.array(WatchStep) }),
  v.object({ type: v.literal('watchSample'), ...WatchSample.entries }),
  v.object({ type: v.literal('watchEpoch'), ...WatchEpoch.entries }),
  v.object({ type: v.literal('watchValidation'), ...WatchValidation.entries }),
] as const;

/** Where a NaN/Inf first appeared: in a layer's forward output, its gradient, its weights, or the loss itself. */
export const NON_FINITE_PHASES = ['forward', 'backward', 'weights', 'loss'] as const;
export type NonFinitePhase = (typeof NON_FINITE_PHASES)[number];
