// What a gradient profile reports: health thresholds, the model's layers and where they were created,
// per-step gradient statistics, model outputs and findings (schemas of the messages in ../protocol).
import * as v from 'valibot';
import { num } from './number';
import { NON_FINITE_PHASES } from '../watchProtocol';

export const Thresholds = v.object({
  /** Vanishing: layer ‖g‖ below this fraction of the largest layer ‖g‖ … */
  vanishingRelative: num,
  /** … and below this absolute norm. */
  vanishingAbsolute: num,
  /** Vanishing regardless of the other layers: mean |g| below this. */
  vanishingMeanAbs: num,
  /** Exploding: ‖g‖/‖w‖ above this (default 10: one SGD step at lr 0.1 would replace the weights; healthy layers sit near 1 at initialization). */
  explodingRatio: num,
  /** Exploding: layer ‖g‖ at or above this. */
  explodingNorm: num,
  /** Exploding: loss grows by this factor over the profiled steps. */
  explodingLossGrowth: num,
  /** Dead ReLU: share of units that never activate on the batch. */
  deadShare: num,
  /** Saturation: share of sigmoid/tanh outputs in the flat tails. */
  saturatedShare: num,
  /** Below this RMS a weight tensor counts as zero: no ‖g‖/‖w‖ ratio is judged (a zero-initialised layer). */
  zeroWeightRms: num,
  /** The loss "falls" over the profiled steps when it ends at least this fraction below its first value. */
  lossImprovement: num,
  /** Loss not decreasing: "stuck" when it moves by less than this fraction of its first value over all steps. */
  lossStuck: num,
  /** Oscillating loss: the total variation exceeds this multiple of the net change … */
  oscillationRatio: num,
  /** … and the median step-to-step change is at least this fraction of the mean loss. */
  oscillationAmplitude: num,
  /** Initial loss: a cross-entropy above this multiple of its expected value at initialization (ln C). */
  initialLossFactor: num,
  /** Saturated output at init: share of examples whose softmax/sigmoid output is confident (> 0.99). */
  confidentOutputShare: num,
  /** Overfit one batch: the loss must end below this fraction of its first value. */
  overfitFraction: num,
});
export type Thresholds = v.InferOutput<typeof Thresholds>;

export const SourceLocation = v.object({
  file: v.string(),
  /** 1-based */
  line: v.pipe(v.number(), v.integer()),
  /** 1-based */
  column: v.pipe(v.number(), v.integer()),
});
export type SourceLocation = v.InferOutput<typeof SourceLocation>;

/** A name's definition in the user's code: the line a fix edits when a finding sits where the name was read. */
export const SourceOrigin = v.object({
  ...SourceLocation.entries,
  name: v.string(),
});
export type SourceOrigin = v.InferOutput<typeof SourceOrigin>;

/** A user frame of a layer's creation: a SourceLocation and the function it runs in (when named). */
export const CreationFrame = v.object({
  ...SourceLocation.entries,
  function: v.optional(v.string()),
});
export type CreationFrame = v.InferOutput<typeof CreationFrame>;

/**
 * Where the data a profile trains on was made: for each model input (`inputs`) and output (`targets`), the
 * user's line that created the tensor passed to fit()/trainOnBatch() (an op such as .div(255) counts as
 * creating it), else the training call's own line (`call`: fit()/fitDataset()/trainOnBatch()).
 */
export const DataLocations = v.object({
  call: v.optional(SourceLocation),
  inputs: v.optional(v.array(SourceLocation)),
  targets: v.optional(v.array(SourceLocation)),
  /** Per input / target: where the names its creating call reads were defined (core/valueOrigins.ts). */
  inputOrigins: v.optional(v.array(v.array(SourceOrigin))),
  targetOrigins: v.optional(v.array(v.array(SourceOrigin))),
});
export type DataLocations = v.InferOutput<typeof DataLocations>;

export const WeightInfo = v.object({
  name: v.string(),
  shape: v.array(v.pipe(v.number(), v.integer())),
  trainable: v.boolean(),
});
export type WeightInfo = v.InferOutput<typeof WeightInfo>;

export const LayerInfo = v.object({
  name: v.string(),
  className: v.string(),
  /** Activation function name for layers that have one (relu, sigmoid, …). */
  activation: v.optional(v.string()),
  /**
   * The user's line that made this layer: where it was created, or — when that line is a helper's that makes
   * layers for several calling lines — its calling line (core/layerPlacement). Absent only when no user frame
   * was on the stack.
   */
  location: v.optional(SourceLocation),
  /** When `location` is a calling line: the helper frames the layer was made through, innermost first. */
  via: v.optional(v.array(CreationFrame)),
  /** Name of the wrapper or nested model that contains this layer. */
  parent: v.optional(v.string()),
  /** Class names of the layers that take this layer's output, from the model's graph (top-level layers only). */
  readBy: v.optional(v.array(v.string())),
  /** The layer's output shape, batch axis first as null (top-level layers with one output). */
  outputShape: v.optional(v.array(v.nullable(v.number()))),
  /** The layer's input shape, batch axis first as null (top-level layers with one input). */
  inputShape: v.optional(v.array(v.nullable(v.number()))),
  weights: v.array(WeightInfo),
});
export type LayerInfo = v.InferOutput<typeof LayerInfo>;

export const DATA_SOURCES = ['fit', 'sampleBatch', 'synthetic'] as const;
export const DISCOVERY = ['model-export', 'factory', 'training-script', 'training-entry'] as const;

export const WeightStats = v.object({
  name: v.string(),
  gradNorm: num,
  meanAbs: num,
  maxAbs: num,
  zeroShare: num,
  nanCount: v.pipe(v.number(), v.integer()),
  infCount: v.pipe(v.number(), v.integer()),
  weightNorm: num,
  /** ‖g‖ / ‖w‖ */
  ratio: num,
  /** ‖g‖ of the regularization penalties (L1/L2) alone; the other statistics are of the data loss's gradient. */
  regGradNorm: v.optional(num),
  /** Counts of log10|g| in HISTOGRAM_BINS equal bins over [HISTOGRAM_MIN_LOG10, HISTOGRAM_MAX_LOG10); exact zeros excluded. */
  histogram: v.array(v.pipe(v.number(), v.integer())),
});
export type WeightStats = v.InferOutput<typeof WeightStats>;

export const LayerStepStats = v.object({
  name: v.string(),
  /** L2 norm over all the layer's trainable weight gradients. */
  gradNorm: num,
  weights: v.array(WeightStats),
  /** ReLU-family: share of units (output channels) that are zero for every example of the batch. */
  deadShare: v.optional(num),
  /** ReLU-family: share of units positive for every example of the batch (the ReLU acts as the identity on it). */
  activeShare: v.optional(num),
  /** sigmoid/tanh: share of outputs in the flat tails; softmax output: share of examples with max probability > 0.99. */
  saturatedShare: v.optional(num),
  /** Output layer with readable labels: share of examples with an output confident (beyond 0.99 / 0.01) on the wrong side of its label. */
  confidentWrongShare: v.optional(num),
  /** L2 norm of the regularization penalties' gradient (present when the layer has a regularizer). */
  regGradNorm: v.optional(num),
  /** ‖Δw‖/‖w‖ of the optimizer update that led to this step's weights (absent at step 0). */
  updateRatio: v.optional(num),
  /** Share of the layer's units (kernel columns with their bias) that are exact copies of another unit. */
  duplicateShare: v.optional(num),
});
export type LayerStepStats = v.InferOutput<typeof LayerStepStats>;

/** Predictions a custom loss is read at (runner/lossSaturation.ts): every row certain and right, certain and wrong, or one class exactly 0. */
export const SATURATION_PATTERNS = ['confident-right', 'confident-wrong', 'one-zero'] as const;

/** One model output: its layer, activation, compiled loss and label statistics of the profiled batch. */
export const OutputInfo = v.object({
  layer: v.string(),
  activation: v.optional(v.string()),
  loss: v.string(),
  /** Last dimension of the output (classes for a softmax). */
  units: v.pipe(v.number(), v.integer()),
  /** Mean of y² and variance of the labels over the batch. */
  labelMeanSquare: num,
  labelVariance: num,
  /** Smallest and largest label value of the batch (absent in results of older runners). */
  labelMin: v.optional(num),
  labelMax: v.optional(num),
  /** Share of the batch's label values that are not whole numbers (sparse class indices must be). */
  labelFractional: v.optional(num),
  /** Share of the batch's label values below 0 (a loss on log(1 + y) cannot see them: core/lossTargetRule.ts). */
  labelNegative: v.optional(num),
  /**
   * A custom loss function on one-hot labels, read at three predictions: the labels themselves, the labels × 5
   * (confident logits), and the labels shifted by one class (confidently wrong) — how it reads its input. On 0/1
   * labels that are not one-hot rows (`binary`: one sigmoid unit, or several independent ones) the confident logits
   * are (2y − 1) × 5 and the confidently wrong prediction is 1 − y. `atSigned`: on one-hot rows, the loss at (2y − 1) × 5
   * as well (a loss applying a sigmoid per unit reads only those as confident).
   */
  lossProbe: v.optional(v.object({ atLabels: num, atScaled: num, atWrong: num, atSigned: v.optional(num), binary: v.optional(v.boolean()) })),
  /**
   * A custom loss whose labels leave the output activation's range, read at the labels themselves and at the labels
   * clipped into that range (runner/targetRange.ts): a distance to the targets costs more at the clipped ones.
   */
  targetRangeLoss: v.optional(v.object({ atLabels: num, atClipped: num })),
  /**
   * A Dense output with a ReLU: the mean share of its units ≤ 0 for every row of the batch over `draws` fresh draws of
   * its initializers, and the same share for this run's weights (runner/outputBirth.ts).
   */
  outputBirth: v.optional(v.object({ draws: v.pipe(v.number(), v.integer()), deadShare: num, deadNow: num, rows: v.pipe(v.number(), v.integer()) })),
  /**
   * A custom loss that gives the named built-in cross-entropy's values at the model's initial predictions, at the
   * uninformative prediction (its value there: `atUniform`) and at a confidently wrong one (runner/lossIdentity.ts).
   */
  lossIdentity: v.optional(v.object({ equals: v.picklist(['softmaxCrossEntropy', 'sigmoidCrossEntropy', 'categoricalCrossentropy', 'binaryCrossentropy']), atUniform: num })),
  /** A custom loss on the first `rows` rows of the profiled `batch`: averaged or summed over them, one term per row or not (runner/lossReduction.ts). */
  lossReduction: v.optional(v.object({ batch: v.pipe(v.number(), v.integer()), rows: v.pipe(v.number(), v.integer()), batchRatio: v.optional(num), crossExample: v.optional(num) })),
  /**
   * A custom loss read at predictions a softmax/sigmoid output reaches in float32 (exact 0s and 1s), beside the
   * clipped built-in cross-entropy at the same predictions (runner/lossSaturation.ts).
   */
  lossSaturation: v.optional(
    v.object({
      rows: v.pipe(v.number(), v.integer()),
      probes: v.array(v.object({ pattern: v.picklist(SATURATION_PATTERNS), value: num, gradientFinite: v.boolean(), reference: num, referenceGradientFinite: v.boolean() })),
      /** Where the user's loss made its first non-finite value at the first failing pattern (else its first op). */
      location: v.optional(SourceLocation),
    }),
  ),
});
export type OutputInfo = v.InferOutput<typeof OutputInfo>;

/**
 * A check after the profiled steps that stopped before it decided (runner/probePace.ts): its finding is absent because
 * it was not made, not because the model passed it. `probe`: which check — `horizon` the learning-rate probe on fresh
 * batches, `init` the re-initialisation probe, `labels` a regression's label probe on fresh batches, `plan` the plan
 * preview, `run` whichever check was running when the run's own time limit (--timeout) ended it. `reason`: `budget` it
 * stopped at its compute budget (min(CPU, wall-clock) time: runner/probePace.ts), `not started` its projected cost
 * was over the budget, `run limit` the host's --timeout, `shortened` it decided, but on fewer steps than it wanted
 * (the plan preview fitting its budget: each step then stands for more of the plan, a coarser picture).
 * `limitMs`/`spentMs`: the budget and what was spent (charged ms; wall ms for `run limit`); `steps`/`plannedSteps`: the
 * steps it ran of its plan; `check`: what is therefore not judged (or, `shortened`, judged more coarsely).
 */
export const PROBE_STOP_PROBES = ['horizon', 'init', 'labels', 'plan', 'run'] as const;
export const PROBE_STOP_REASONS = ['budget', 'not started', 'run limit', 'shortened'] as const;
export const ProbeStop = v.object({
  probe: v.picklist(PROBE_STOP_PROBES),
  reason: v.picklist(PROBE_STOP_REASONS),
  limitMs: num,
  spentMs: num,
  steps: v.optional(v.pipe(v.number(), v.integer())),
  plannedSteps: v.optional(v.pipe(v.number(), v.integer())),
  check: v.string(),
});
export type ProbeStop = v.InferOutput<typeof ProbeStop>;

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CODES = [
  'non-finite',
  'vanishing',
  'exploding',
  'dead-relu',
  'saturation',
  'loss-diverging',
  'loss-not-decreasing',
  'loss-oscillating',
  'initial-loss',
  'saturated-output',
  'output-activation',
  'overfit-batch',
  'learning-rate-low',
  'learning-rate-high',
  'over-regularization',
  'invalid-labels',
  'hidden-activation',
  'symmetric-units',
  'unscaled-input',
  'unscaled-target',
  'loss-function',
  'class-imbalance',
  'nan-prone-loss',
  'labels-unrelated',
  'capacity-bottleneck',
  'capacity-linear',
  'loss-target',
  'overfitting',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/**
 * A related site that is a line of the script, not a layer — one list both sides read (the runner's rules write it, the
 * hover, Problems panel, CLI and SARIF read it; core/findingSites.ts):
 * - 'inputs' / 'targets': the line that made the inputs / targets given to fit() (`layer` reads `inputs` / `targets`);
 *   their own origins follow them as definitions (core/originSites.ts);
 * - 'call': a call of the script where the fix is written — compile() that chose the loss, fit() where classWeight goes;
 * - 'plan': the fit() call whose planned steps the finding was judged over;
 * - 'definition': where a value the finding's line consumed was defined — the data a tensor was made from, the loss
 *   function compile() was given (`layer` holds the name in backticks).
 */
export const RELATED_KINDS = ['definition', 'inputs', 'targets', 'call', 'plan'] as const;

/** Another layer the same cause affects (one finding per cause, the other layers as related locations). */
export const RelatedLayer = v.object({
  layer: v.string(),
  location: v.optional(SourceLocation),
  /** That layer's own evidence, e.g. "‖g‖ 3.1e-9 at step 0 and 2.0e-9 at step 20". */
  message: v.string(),
  /**
   * The layer's own verdict when it is a consequence of the cause the finding names (a ReLU layer a too-large update
   * killed: `dead-relu` under a `learning-rate-high` finding); absent, the layer's verdict is the finding's code.
   */
  verdict: v.optional(v.picklist(FINDING_CODES)),
  /** What the site is when it is not a layer (RELATED_KINDS); absent, `layer` names a layer of the model. */
  kind: v.optional(v.picklist(RELATED_KINDS)),
});
export type RelatedLayer = v.InferOutput<typeof RelatedLayer>;
export type RelatedKind = (typeof RELATED_KINDS)[number];
/** A related site that names a layer (its line is the layer's, which the editor shifts), not a line of the script. */
export const isLayerSite = (related: { kind?: RelatedKind }): boolean => related.kind === undefined;

export const Finding = v.object({
  code: v.picklist(FINDING_CODES),
  severity: v.picklist(SEVERITIES),
  message: v.string(),
  layer: v.optional(v.string()),
  location: v.optional(SourceLocation),
  step: v.optional(v.pipe(v.number(), v.integer())),
  /** non-finite: where the first NaN/Inf appeared (a layer's forward output, its gradient, its weights, the loss). */
  phase: v.optional(v.picklist(NON_FINITE_PHASES)),
  /** The other layers of this cause; they carry the verdict on their own lines too. */
  related: v.optional(v.array(RelatedLayer)),
  /** The layer whose dead or saturated units cut the gradient off from this finding's layers. */
  cause: v.optional(RelatedLayer),
});
export type Finding = v.InferOutput<typeof Finding>;
