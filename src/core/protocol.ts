// The one definition of every message between the host (extension / CLI) and the runner child process.
// Messages travel as JSON strings over the IPC channel; `encodeMessage`/`decodeMessage` keep NaN and
// ±Infinity intact (plain JSON would turn them into null) and every incoming message is schema-checked
// with valibot (chosen over zod: a few KB bundled and ~1 ms to load, which matters for cold starts).
import * as v from 'valibot';
import { NON_FINITE_PHASES, WATCH_RUNNER_MESSAGES, watchRequestFields } from './watchProtocol';

/** A number that may be NaN or ±Infinity once decoded (v.number() rejects NaN). */
const num = v.custom<number>((value) => typeof value === 'number', 'expected a number');

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

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

/** Which model to load and how: shared by profiling and the LR range test. */
const targetFields = {
  file: v.pipe(v.string(), v.minLength(1)),
  exportName: v.optional(v.string()),
  args: v.optional(v.array(v.unknown())),
  batchSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_536))),
  backend: v.picklist(BACKENDS),
  /** Directory holding the extension's own node_modules (fallback tfjs). */
  extensionRoot: v.optional(v.string()),
  /** Working directory for the user's code (workspace folder / the shell's cwd). */
  cwd: v.optional(v.string()),
  /** The user's own command-line arguments: the script sees process.argv = [node, file, ...scriptArgs]. */
  scriptArgs: v.optional(v.array(v.string())),
};

export const ProfileRequest = v.object({
  ...targetFields,
  steps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  thresholds: v.optional(v.partial(Thresholds)),
  /** After profiling: train a fresh copy of the initial weights on one small batch (the overfit-one-batch check). */
  overfitBatch: v.optional(v.boolean()),
});
export type ProfileRequest = v.InferOutput<typeof ProfileRequest>;

/** Watch training (issue 14, core/watchProtocol.ts): train the script to its end, recording gradients at every step. */
export const WatchRequest = v.object({ ...targetFields, thresholds: v.optional(v.partial(Thresholds)), ...watchRequestFields });
export type WatchRequest = v.InferOutput<typeof WatchRequest>;

/** The gradient check of user-defined layers (`gradient-lens gradcheck FILE`): autodiff vs finite differences. */
export const GradcheckRequest = v.object({ ...targetFields });
export type GradcheckRequest = v.InferOutput<typeof GradcheckRequest>;

export const LR_MODES = ['exp', 'linear'] as const;
export type LrMode = (typeof LR_MODES)[number];

const positive = v.pipe(v.number(), v.minValue(Number.MIN_VALUE));

/** Leslie Smith's LR range test: raise the LR from startLr to endLr over `steps` batches, `repeats` times. */
export const LrRequest = v.pipe(
  v.object({
    ...targetFields,
    startLr: positive,
    endLr: positive,
    steps: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(10_000)),
    mode: v.picklist(LR_MODES),
    repeats: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
    /** Seed of the first repeat (weights re-initialized and batch order shuffled per repeat). */
    seed: v.optional(v.pipe(v.number(), v.integer())),
    /** Steps of each short confirmation run that chooses the recommended rate (0: none, recommend from the curve). */
    checkSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
  }),
  v.check((r) => r.endLr > r.startLr, 'endLr must be greater than startLr'),
);
export type LrRequest = v.InferOutput<typeof LrRequest>;

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
  /** The candidates of the short runs and their held-out loss (null: NaN/±Inf). */
  checks: v.optional(v.array(v.object({ lr: num, loss: v.nullable(num) }))),
  checkSteps: v.optional(v.pipe(v.number(), v.integer())),
  /** Held-out loss of the initial weights the short runs started from. */
  initialLoss: v.optional(num),
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

export const SourceLocation = v.object({
  file: v.string(),
  /** 1-based */
  line: v.pipe(v.number(), v.integer()),
  /** 1-based */
  column: v.pipe(v.number(), v.integer()),
});
export type SourceLocation = v.InferOutput<typeof SourceLocation>;

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
  /** Where the layer object was created. Absent only when no user frame was on the stack. */
  location: v.optional(SourceLocation),
  /** Name of the wrapper or nested model that contains this layer. */
  parent: v.optional(v.string()),
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
  /** sigmoid/tanh: share of outputs in the flat tails; softmax output: share of examples with max probability > 0.99. */
  saturatedShare: v.optional(num),
  /** L2 norm of the regularization penalties' gradient (present when the layer has a regularizer). */
  regGradNorm: v.optional(num),
});
export type LayerStepStats = v.InferOutput<typeof LayerStepStats>;

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
});
export type OutputInfo = v.InferOutput<typeof OutputInfo>;

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
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Another layer the same cause affects (one finding per cause, the other layers as related locations). */
export const RelatedLayer = v.object({
  layer: v.string(),
  location: v.optional(SourceLocation),
  /** That layer's own evidence, e.g. "‖g‖ 3.1e-9 at step 0 and 2.0e-9 at step 20". */
  message: v.string(),
});
export type RelatedLayer = v.InferOutput<typeof RelatedLayer>;

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

export const ERROR_KINDS = [
  'syntax',
  'import',
  'no-model',
  'needs-args',
  'ambiguous-export',
  'bad-data',
  'no-trainable-weights',
  'user-exit',
  /** The user's code failed after loading (async code, a factory, a custom layer): its message and line. */
  'user-error',
  'out-of-memory',
  'timeout',
  'crashed',
  'cancelled',
  'bad-request',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const RunnerMessage = v.variant('type', [
  v.object({
    type: v.literal('hello'),
    pid: v.pipe(v.number(), v.integer()),
    nodeVersion: v.string(),
    tfjsVersion: v.string(),
    /** Where the tfjs instance came from (workspace tfjs-node, extension tfjs, …). */
    tfjsSource: v.string(),
    /** Why this tfjs runs the user's code (the workspace's own, or the bundled one for every import). */
    tfjsReason: v.optional(v.string()),
    backend: v.string(),
    backendReason: v.string(),
  }),
  v.object({
    type: v.literal('phase'),
    phase: v.picklist(['loading', 'building', 'data', 'profiling', 'sweeping', 'checking', 'analyzing', 'training']),
    message: v.string(),
  }),
  v.object({
    type: v.literal('model'),
    modelName: v.string(),
    className: v.string(),
    discovery: v.picklist(DISCOVERY),
    exportName: v.optional(v.string()),
    /** How the export was called when that needs saying (no-op callbacks for a training entry). */
    discoveryNote: v.optional(v.string()),
    dataSource: v.picklist(DATA_SOURCES),
    dataNote: v.string(),
    loss: v.string(),
    /** Set when the loss was chosen by us for an uncompiled model. */
    lossNote: v.optional(v.string()),
    optimizer: v.string(),
    /** LR range test: set when the model's optimizer is unknown and the sweep falls back to SGD. */
    optimizerNote: v.optional(v.string()),
    /** LR range test: set when some weights cannot be re-drawn from an initializer for each repeat. */
    weightsNote: v.optional(v.string()),
    /** LR range test: the user's compile() call that built the swept model's optimizer (Apply edits it). */
    compileLocation: v.optional(SourceLocation),
    batchSize: v.pipe(v.number(), v.integer()),
    /** Profiling: optimizer steps; LR range test: steps × repeats. */
    totalSteps: v.pipe(v.number(), v.integer()),
    layers: v.array(LayerInfo),
    /** Profiling: what the health rules need to know about each model output and its labels. */
    outputs: v.optional(v.array(OutputInfo)),
  }),
  v.object({
    type: v.literal('step'),
    step: v.pipe(v.number(), v.integer()),
    /** Data loss plus regularization penalties, as fit() reports it. */
    loss: num,
    /** The regularization penalties' share of `loss` (absent without regularizers). */
    regLoss: v.optional(num),
    /** Data loss in inference mode, for models with dropout/noise layers (their training loss is noisy). */
    evalLoss: v.optional(num),
    layers: v.array(LayerStepStats),
  }),
  v.object({ type: v.literal('finding'), finding: Finding }),
  /** The gradient check of one user-defined layer (or tf.customGrad function): autodiff vs central differences. */
  v.object({
    type: v.literal('gradcheckLayer'),
    name: v.string(),
    className: v.string(),
    /** Where its class (or the tf.customGrad call) is defined; absent when it cannot be found. */
    location: v.optional(SourceLocation),
    /** Largest relative error over its weights (and inputs): ‖fd − ad‖ / max(‖fd‖, ‖ad‖) on the sampled elements. */
    maxRelError: num,
    ok: v.boolean(),
    /** Per weight (inputs as "input 0", …): the relative error and how many elements were differenced. */
    weights: v.array(v.object({ name: v.string(), relError: num, checked: v.pipe(v.number(), v.integer()) })),
    note: v.optional(v.string()),
  }),
  /** The overfit-one-batch check: the loss at each of its steps on `batchSize` examples. */
  v.object({ type: v.literal('overfit'), batchSize: v.pipe(v.number(), v.integer()), losses: v.array(num) }),
  /** One LR range-test batch, sent as it happens so a chart can grow live. */
  v.object({
    type: v.literal('lrPoint'),
    repeat: v.pipe(v.number(), v.integer()),
    step: v.pipe(v.number(), v.integer()),
    lr: num,
    loss: num,
    smoothed: num,
  }),
  v.object({
    type: v.literal('lrRepeatDone'),
    repeat: v.pipe(v.number(), v.integer()),
    stoppedEarly: v.boolean(),
    reason: v.string(),
  }),
  v.object({ type: v.literal('lrResult'), result: LrResult }),
  v.object({
    type: v.literal('log'),
    level: v.picklist(['info', 'warn', 'error', 'stdout', 'stderr']),
    text: v.string(),
  }),
  v.object({
    type: v.literal('error'),
    kind: v.picklist(ERROR_KINDS),
    message: v.string(),
    location: v.optional(SourceLocation),
    stack: v.optional(v.string()),
    /** Extra structured detail: parameter names, candidate exports, expected shapes. */
    details: v.optional(v.array(v.string())),
  }),
  v.object({ type: v.literal('done'), steps: v.pipe(v.number(), v.integer()), durationMs: num }),
  ...WATCH_RUNNER_MESSAGES,
]);
export type RunnerMessage = v.InferOutput<typeof RunnerMessage>;
export type RunnerMessageOf<T extends RunnerMessage['type']> = Extract<RunnerMessage, { type: T }>;
export type RunnerError = RunnerMessageOf<'error'>;

export const HostMessage = v.variant('type', [
  v.object({ type: v.literal('profileStart'), request: ProfileRequest }),
  v.object({ type: v.literal('lrStart'), request: LrRequest }),
  v.object({ type: v.literal('gradcheckStart'), request: GradcheckRequest }),
  v.object({ type: v.literal('watchStart'), request: WatchRequest }),
  /** Warm start: load tfjs and the backend as a profile of anchorFile would, then wait for 'profileStart' or 'lrStart'. */
  v.object({
    type: v.literal('prepare'),
    anchorFile: v.string(),
    backend: v.picklist(BACKENDS),
    extensionRoot: v.optional(v.string()),
  }),
  /** An LR sweep answers with its partial result, `reason` ("cancelled" or "timeout") as the result's reason. */
  v.object({ type: v.literal('cancel'), reason: v.optional(v.picklist(['cancelled', 'timeout'])) }),
]);
export type HostMessage = v.InferOutput<typeof HostMessage>;

// --- non-finite-safe JSON -------------------------------------------------------------------------

const NON_FINITE_KEY = '$nonFinite';

function replaceNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { [NON_FINITE_KEY]: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  return value;
}

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[NON_FINITE_KEY];
    if (typeof tag === 'string' && Object.keys(value).length === 1) {
      return tag === 'NaN' ? NaN : tag === 'Infinity' ? Infinity : -Infinity;
    }
  }
  return value;
}

/** JSON text in which NaN and ±Infinity survive (as {"$nonFinite": "NaN"} etc.). */
export function stringifyWithNonFinite(value: unknown, indent?: number): string {
  return JSON.stringify(value, replaceNonFinite, indent);
}

export function parseWithNonFinite(text: string): unknown {
  return JSON.parse(text, reviveNonFinite);
}

export const encodeMessage = (message: RunnerMessage | HostMessage): string => stringifyWithNonFinite(message);

export function decodeRunnerMessage(text: unknown): RunnerMessage {
  if (typeof text !== 'string') throw new Error(`runner sent a non-string message (${typeof text})`);
  return v.parse(RunnerMessage, parseWithNonFinite(text));
}

export function decodeHostMessage(text: unknown): HostMessage {
  if (typeof text !== 'string') throw new Error(`host sent a non-string message (${typeof text})`);
  return v.parse(HostMessage, parseWithNonFinite(text));
}
