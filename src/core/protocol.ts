// The one definition of every message between the host (extension / CLI) and the runner child process.
// Messages travel as JSON strings over the IPC channel; `encodeMessage`/`decodeMessage` keep NaN and
// ±Infinity intact (plain JSON would turn them into null) and every incoming message is schema-checked.
import { z } from 'zod';

/** A number that may be NaN or ±Infinity once decoded (z.number() rejects those). */
const num = z.custom<number>((value) => typeof value === 'number', { message: 'expected a number' });

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export const Thresholds = z.object({
  /** Vanishing: layer ‖g‖ below this fraction of the largest layer ‖g‖ … */
  vanishingRelative: num,
  /** … and below this absolute norm. */
  vanishingAbsolute: num,
  /** Vanishing regardless of the other layers: mean |g| below this. */
  vanishingMeanAbs: num,
  /** Exploding: ‖g‖/‖w‖ above this (an SGD step of lr≈1 would more than replace the weights). */
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
export type Thresholds = z.infer<typeof Thresholds>;

export const ProfileRequest = z.object({
  file: z.string().min(1),
  exportName: z.string().optional(),
  args: z.array(z.unknown()).optional(),
  steps: z.number().int().min(0).max(10_000),
  batchSize: z.number().int().min(1).max(65_536).optional(),
  backend: z.enum(BACKENDS),
  thresholds: Thresholds.partial().optional(),
  /** Directory holding the extension's own node_modules (fallback tfjs). */
  extensionRoot: z.string().optional(),
});
export type ProfileRequest = z.infer<typeof ProfileRequest>;

export const SourceLocation = z.object({
  file: z.string(),
  /** 1-based */
  line: z.number().int(),
  /** 1-based */
  column: z.number().int(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

export const WeightInfo = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  trainable: z.boolean(),
});
export type WeightInfo = z.infer<typeof WeightInfo>;

export const LayerInfo = z.object({
  name: z.string(),
  className: z.string(),
  /** Activation function name for layers that have one (relu, sigmoid, …). */
  activation: z.string().optional(),
  /** Where the layer object was created. Absent only when no user frame was on the stack. */
  location: SourceLocation.optional(),
  /** Name of the wrapper or nested model that contains this layer. */
  parent: z.string().optional(),
  weights: z.array(WeightInfo),
});
export type LayerInfo = z.infer<typeof LayerInfo>;

export const DATA_SOURCES = ['fit', 'sampleBatch', 'synthetic'] as const;
export const DISCOVERY = ['model-export', 'factory', 'training-script'] as const;

export const WeightStats = z.object({
  name: z.string(),
  gradNorm: num,
  meanAbs: num,
  maxAbs: num,
  zeroShare: num,
  nanCount: z.number().int(),
  infCount: z.number().int(),
  weightNorm: num,
  /** ‖g‖ / ‖w‖ */
  ratio: num,
  /** Counts of log10|g| in HISTOGRAM_BINS equal bins over [HISTOGRAM_MIN_LOG10, HISTOGRAM_MAX_LOG10); exact zeros excluded. */
  histogram: z.array(z.number().int()),
});
export type WeightStats = z.infer<typeof WeightStats>;

export const LayerStepStats = z.object({
  name: z.string(),
  /** L2 norm over all the layer's trainable weight gradients. */
  gradNorm: num,
  weights: z.array(WeightStats),
  /** ReLU-family: share of units (output channels) that are zero for every example of the batch. */
  deadShare: num.optional(),
  /** sigmoid/tanh: share of outputs in the flat tails. */
  saturatedShare: num.optional(),
  /** Output contained NaN/Inf in the forward pass. */
  nonFiniteOutput: z.boolean().optional(),
});
export type LayerStepStats = z.infer<typeof LayerStepStats>;

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

export const Finding = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  layer: z.string().optional(),
  location: SourceLocation.optional(),
  step: z.number().int().optional(),
});
export type Finding = z.infer<typeof Finding>;

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

export const RunnerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    pid: z.number().int(),
    nodeVersion: z.string(),
    tfjsVersion: z.string(),
    /** Where the tfjs instance came from (workspace tfjs-node, extension tfjs, …). */
    tfjsSource: z.string(),
    backend: z.string(),
    backendReason: z.string(),
  }),
  z.object({
    type: z.literal('phase'),
    phase: z.enum(['loading', 'building', 'data', 'profiling', 'analyzing']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('model'),
    modelName: z.string(),
    className: z.string(),
    discovery: z.enum(DISCOVERY),
    exportName: z.string().optional(),
    dataSource: z.enum(DATA_SOURCES),
    dataNote: z.string(),
    loss: z.string(),
    /** Set when the loss was chosen by us for an uncompiled model. */
    lossNote: z.string().optional(),
    optimizer: z.string(),
    batchSize: z.number().int(),
    totalSteps: z.number().int(),
    layers: z.array(LayerInfo),
  }),
  z.object({
    type: z.literal('step'),
    step: z.number().int(),
    loss: num,
    layers: z.array(LayerStepStats),
  }),
  z.object({ type: z.literal('finding'), finding: Finding }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error', 'stdout', 'stderr']),
    text: z.string(),
  }),
  z.object({
    type: z.literal('error'),
    kind: z.enum(ERROR_KINDS),
    message: z.string(),
    location: SourceLocation.optional(),
    stack: z.string().optional(),
    /** Extra structured detail: parameter names, candidate exports, expected shapes. */
    details: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('done'), steps: z.number().int(), durationMs: num }),
]);
export type RunnerMessage = z.infer<typeof RunnerMessage>;
export type RunnerMessageOf<T extends RunnerMessage['type']> = Extract<RunnerMessage, { type: T }>;
export type RunnerError = RunnerMessageOf<'error'>;

export const HostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), request: ProfileRequest }),
  z.object({ type: z.literal('cancel') }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

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
  return RunnerMessage.parse(parseWithNonFinite(text));
}

export function decodeHostMessage(text: unknown): HostMessage {
  if (typeof text !== 'string') throw new Error(`host sent a non-string message (${typeof text})`);
  return HostMessage.parse(parseWithNonFinite(text));
}
