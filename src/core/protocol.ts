// The one definition of every message between the host (extension / CLI) and the runner child process.
// Messages travel as JSON strings over the IPC channel; `encodeMessage`/`decodeMessage` keep NaN and
// ±Infinity intact (plain JSON would turn them into null) and every incoming message is schema-checked
// with valibot (chosen over zod: a few KB bundled and ~1 ms to load, which matters for cold starts).
import * as v from 'valibot';

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
});
export type Thresholds = v.InferOutput<typeof Thresholds>;

export const ProfileRequest = v.object({
  file: v.pipe(v.string(), v.minLength(1)),
  exportName: v.optional(v.string()),
  args: v.optional(v.array(v.unknown())),
  steps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  batchSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_536))),
  backend: v.picklist(BACKENDS),
  thresholds: v.optional(v.partial(Thresholds)),
  /** Directory holding the extension's own node_modules (fallback tfjs). */
  extensionRoot: v.optional(v.string()),
  /** Working directory for the user's code (workspace folder / the shell's cwd). */
  cwd: v.optional(v.string()),
});
export type ProfileRequest = v.InferOutput<typeof ProfileRequest>;

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
export const DISCOVERY = ['model-export', 'factory', 'training-script'] as const;

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
  /** sigmoid/tanh: share of outputs in the flat tails. */
  saturatedShare: v.optional(num),
});
export type LayerStepStats = v.InferOutput<typeof LayerStepStats>;

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CODES = [
  'non-finite',
  'vanishing',
  'exploding',
  'dead-relu',
  'saturation',
  'loss-diverging',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const Finding = v.object({
  code: v.picklist(FINDING_CODES),
  severity: v.picklist(SEVERITIES),
  message: v.string(),
  layer: v.optional(v.string()),
  location: v.optional(SourceLocation),
  step: v.optional(v.pipe(v.number(), v.integer())),
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
    backend: v.string(),
    backendReason: v.string(),
  }),
  v.object({
    type: v.literal('phase'),
    phase: v.picklist(['loading', 'building', 'data', 'profiling', 'analyzing']),
    message: v.string(),
  }),
  v.object({
    type: v.literal('model'),
    modelName: v.string(),
    className: v.string(),
    discovery: v.picklist(DISCOVERY),
    exportName: v.optional(v.string()),
    dataSource: v.picklist(DATA_SOURCES),
    dataNote: v.string(),
    loss: v.string(),
    /** Set when the loss was chosen by us for an uncompiled model. */
    lossNote: v.optional(v.string()),
    optimizer: v.string(),
    batchSize: v.pipe(v.number(), v.integer()),
    totalSteps: v.pipe(v.number(), v.integer()),
    layers: v.array(LayerInfo),
  }),
  v.object({
    type: v.literal('step'),
    step: v.pipe(v.number(), v.integer()),
    loss: num,
    layers: v.array(LayerStepStats),
  }),
  v.object({ type: v.literal('finding'), finding: Finding }),
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
]);
export type RunnerMessage = v.InferOutput<typeof RunnerMessage>;
export type RunnerMessageOf<T extends RunnerMessage['type']> = Extract<RunnerMessage, { type: T }>;
export type RunnerError = RunnerMessageOf<'error'>;

export const HostMessage = v.variant('type', [
  v.object({ type: v.literal('start'), request: ProfileRequest }),
  /** Warm start: load tfjs and the backend as a profile of anchorFile would, then wait for 'start'. */
  v.object({
    type: v.literal('prepare'),
    anchorFile: v.string(),
    backend: v.picklist(BACKENDS),
    extensionRoot: v.optional(v.string()),
  }),
  v.object({ type: v.literal('cancel') }),
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
