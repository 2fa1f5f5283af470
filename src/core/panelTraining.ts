// The panel's Training and Compare messages (host → webview), a part of panelProtocol.ts kept in its own file.
// They carry what the host holds of a watched run (or a reopened run file) in the panel's own compact shape:
// per-step ‖g‖ as an array aligned with the layers of `trainingStarted` (a 10,000-step timeline of 50 layers
// is half a million numbers; names per point would triple it), histograms as edges + counts, and a comparison
// already computed by the host (core/runCompare) so the webview only draws.
import * as v from 'valibot';
import { FINDING_CODES, SEVERITIES } from './protocol';

const num = v.custom<number>((value) => typeof value === 'number', 'expected a number');
const int = v.pipe(v.number(), v.integer());
/** Any numbers (NaN/±Infinity allowed: a diverging run's loss and ‖g‖ are the point), checked in one pass. */
const numberArray = v.custom<number[]>((value) => Array.isArray(value) && value.every((n) => typeof n === 'number'), 'expected an array of numbers');
const finiteArray = v.custom<number[]>((value) => Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n)), 'expected an array of finite numbers');

export const RUN_MODES = ['watch', 'profile'] as const;
export const RUN_STATUSES = ['running', 'done', 'cancelled', 'timeout', 'error', 'partial'] as const;

export const TrainingLayer = v.object({
  name: v.string(),
  className: v.optional(v.string()),
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
});
export type TrainingLayer = v.InferOutput<typeof TrainingLayer>;

/** One optimizer step: the loss and each layer's ‖g‖, in the order of the run's layers (NaN: not measured). */
export const TrainingStep = v.object({ step: int, epoch: int, loss: num, norms: numberArray });
export type TrainingStep = v.InferOutput<typeof TrainingStep>;

/**
 * A histogram of one layer's gradient at one step. `edges` (counts.length + 1 ascending values) are in the unit
 * the sample's `scale` names (core/watchProtocol.ts Histogram): 'log10abs' = log10|g|, 'linear' = g itself.
 */
export const TrainingHistogram = v.object({ name: v.string(), edges: finiteArray, counts: finiteArray, weightNorm: v.optional(num) });
export type TrainingHistogram = v.InferOutput<typeof TrainingHistogram>;

export const TrainingFinding = v.object({
  code: v.picklist(FINDING_CODES),
  severity: v.picklist(SEVERITIES),
  message: v.string(),
  layer: v.optional(v.string()),
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
  /** The step at which the condition began (a watch always knows it; a profile's findings may not). */
  step: v.optional(int),
  phase: v.optional(v.picklist(['forward', 'backward'])),
});
export type TrainingFinding = v.InferOutput<typeof TrainingFinding>;

/** Where a validation series came from (core/trainingFeed.ts validationReadings): fit()'s val_loss on its validationData, on its validationSplit, or the script's own evaluate() call. */
export const VALIDATION_ORIGINS = ['validationData', 'validationSplit', 'evaluate', 'evaluateDataset'] as const;

/**
 * One validation loss, drawn beside the training loss: `series` groups the readings of one held-out set (fit()'s
 * val_loss is one; each data set the script evaluates is one), `label` says where it came from in the words the
 * findings use ("fit()'s val_loss (validationSplit 0.2)", "model.evaluate() at train.js:42 (200 rows)").
 */
export const TrainingValidation = v.object({
  series: v.string(),
  origin: v.picklist(VALIDATION_ORIGINS),
  label: v.string(),
  /** The last optimizer step before the reading (fit: the epoch's last step). */
  step: int,
  epoch: int,
  loss: num,
  /** The user's evaluate() call, to reveal it. */
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
});
export type TrainingValidation = v.InferOutput<typeof TrainingValidation>;

/** Which run the Training tab shows: what its run file's header says. */
export const TrainingRun = v.object({
  mode: v.picklist(RUN_MODES),
  file: v.string(),
  startedAt: v.optional(v.string()),
  /** Histograms arrive every `every` steps. */
  every: v.optional(int),
  backend: v.optional(v.string()),
  tfjs: v.optional(v.string()),
  /** Shown live (a run in progress) or reopened from its run file. */
  live: v.boolean(),
  runFile: v.optional(v.string()),
  layers: v.array(TrainingLayer),
});
export type TrainingRun = v.InferOutput<typeof TrainingRun>;

export const CompareSide = v.object({
  label: v.string(),
  file: v.string(),
  runFile: v.optional(v.string()),
  startedAt: v.optional(v.string()),
  mode: v.picklist(RUN_MODES),
  status: v.picklist(RUN_STATUSES),
  steps: int,
  /** Loss at the first and last recorded steps and its lowest value (absent: no step recorded). */
  loss: v.optional(v.object({ first: num, last: num, min: num })),
});
export type CompareSide = v.InferOutput<typeof CompareSide>;

export const CompareRow = v.object({
  name: v.string(),
  className: v.optional(v.string()),
  line: v.optional(int),
  /** Absent: the layer is not in that run, or has no gradient there. */
  gradNormA: v.optional(num),
  gradNormB: v.optional(num),
  /** gradNormB / gradNormA. */
  ratio: v.optional(num),
  /** core/runCompare's text: finding codes ("vanishing, dead"), "ok", or "not in run A". */
  verdictA: v.string(),
  verdictB: v.string(),
});
export type CompareRow = v.InferOutput<typeof CompareRow>;

/** Two runs of the same model file side by side (core/runCompare's result, as the panel draws it). */
export const PanelCompare = v.object({
  a: CompareSide,
  b: CompareSide,
  /** What gradNormA/B are, e.g. "median ‖g‖ over the run". */
  measure: v.string(),
  layers: v.array(CompareRow),
  /** Why layers could not be paired (renamed, added), when some were not. */
  note: v.optional(v.string()),
});
export type PanelCompare = v.InferOutput<typeof PanelCompare>;

/** The Training and Compare messages of ToWebviewMessage. */
export const TRAINING_MESSAGES = [
  /** A run begins (live) or is reopened: clears the Training tab. */
  v.object({ type: v.literal('trainingStarted'), run: TrainingRun }),
  /** Steps in order, appended to the charts (a replay sends the whole downsampled timeline at once). */
  v.object({ type: v.literal('trainingSteps'), steps: v.array(TrainingStep) }),
  /** Histograms of every layer at one step (every `every` steps). */
  v.object({ type: v.literal('trainingSample'), step: int, scale: v.picklist(['log10abs', 'linear']), layers: v.array(TrainingHistogram) }),
  v.object({ type: v.literal('trainingEpoch'), epoch: int, step: int, logs: v.record(v.string(), num) }),
  v.object({ type: v.literal('trainingFinding'), finding: TrainingFinding }),
  /** Validation losses in step order (a replay sends them all at once), drawn beside the training loss. */
  v.object({ type: v.literal('trainingValidation'), readings: v.array(TrainingValidation) }),
  /** The run is over: status and a sentence for the header. */
  v.object({ type: v.literal('trainingEnded'), status: v.picklist(RUN_STATUSES), message: v.string() }),
  v.object({ type: v.literal('compare'), compare: PanelCompare }),
] as const;
