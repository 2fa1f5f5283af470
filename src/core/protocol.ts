// The one definition of every message between the host (extension / CLI) and the runner child process:
// the requests, the runner's messages and the codec. The parts the messages carry live by role in
// ./protocol/ (profile statistics and findings, LR results, the non-finite JSON) and are re-exported here,
// so every importer names only this module.
// Messages travel as JSON strings over the IPC channel; `encodeMessage`/`decodeMessage` keep NaN and
// ±Infinity intact (plain JSON would turn them into null) and every incoming message is schema-checked
// with valibot (chosen over zod: a few KB bundled and ~1 ms to load, which matters for cold starts).
import * as v from 'valibot';
import { num } from './protocol/number';
import { parseWithNonFinite, stringifyWithNonFinite } from './protocol/json';
import { LrResult } from './protocol/lr';
import { DATA_SOURCES, DataLocations, DISCOVERY, Finding, LayerInfo, LayerStepStats, OutputInfo, ProbeStop, SourceLocation, SourceOrigin, Thresholds } from './protocol/profile';
import { NON_FINITE_PHASES, WATCH_RUNNER_MESSAGES, watchRequestFields } from './watchProtocol';

export * from './protocol/json';
export * from './protocol/lr';
export * from './protocol/profile';

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

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
  /** The host's time limit for this run (set by the host client): a script still predicting before its first fit() past half of it is profiled there. */
  timeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(0))),
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

/** A learning-rate schedule set by the script's fit() callbacks: the plan's first and last rate, its gradient-flow time
 *  in steps at the starting rate (Σ rates ÷ starting rate: core/rateSchedule.ts), the rates of its first steps as shares of
 *  the starting rate (the most the profile can take), the hook that sets it and its setLearningRate line. */
export const RateScheduleSummary = v.object({ hook: v.string(), first: num, last: num, planTime: num, early: v.array(num), site: v.optional(SourceLocation) });
export type RateScheduleSummary = v.InferOutput<typeof RateScheduleSummary>;

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
    /** The user's compile() call (LR range test: Apply edits its optimizer; profiling: findings about the loss point here). */
    compileLocation: v.optional(SourceLocation),
    /** Profiling: where the loss compile() passes by name is defined (core/valueOrigins.ts): loss-function findings relate it. */
    lossDefinition: v.optional(SourceOrigin),
    /** Profiling: where the learning rate is written — the tf.train.*() call, or the constant it reads (runner/rateValueSite.ts) — when the script made an optimizer: findings about the rate point here. */
    optimizerLocation: v.optional(SourceLocation),
    /** Profiling: the optimizer steps the script's own training call plans (epochs × batches), when it says. */
    plannedSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /** Profiling: the rate schedule the script's fit() callbacks set (runner/rateSchedule.ts), which the profile and the plan probes followed. */
    rateSchedule: v.optional(RateScheduleSummary),
    /** Watch: every step trains on the same examples without dropout/noise (a full-batch fit()), for the loss-curve rules. */
    sameBatch: v.optional(v.boolean()),
    /** Watch: fit() without shuffling over several batches and without dropout/noise: every epoch trains on the same batches in the same order. */
    orderRepeats: v.optional(v.boolean()),
    /** Profiling: the script's fit() batches per epoch, when known (1: every step sees every training row). */
    batchesPerEpoch: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /** Profiling: rows in each optimizer step of the script's own plan (fit's batchSize, trainOnBatch's rows, fitDataset's element), when known. */
    stepRows: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    /** Profiling: the batch's inputs — the largest per-feature RMS (which feature) and the largest |x|. */
    inputScale: v.optional(v.object({ rms: num, feature: v.pipe(v.number(), v.integer()), maxAbs: num })),
    /** Profiling: per output, the examples of each class among all the labels given to fit() (null: not class labels). */
    classCounts: v.optional(v.array(v.nullable(v.array(num)))),
    /** Profiling: per input that is a sequence of tokens (Embedding ids, one-hot rows), each token's count among fit()'s inputs. */
    inputTokenCounts: v.optional(v.array(v.array(num))),
    batchSize: v.pipe(v.number(), v.integer()),
    /** Profiling: optimizer steps; LR range test: steps × repeats. */
    totalSteps: v.pipe(v.number(), v.integer()),
    layers: v.array(LayerInfo),
    /** Profiling: what the health rules need to know about each model output and its labels. */
    outputs: v.optional(v.array(OutputInfo)),
    /** Profiling: the lines that made the data (findings about the data point there). */
    dataLocations: v.optional(DataLocations),
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
    /** At the step whose statistics first hold a NaN/Inf: where it appeared (the runner's diagnostic pass). */
    nonFiniteOrigin: v.optional(v.object({ step: v.pipe(v.number(), v.integer()), layer: v.string(), pass: v.picklist(NON_FINITE_PHASES) })),
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
  /**
   * A probe after the profiled steps: the loss of a short run from the initial weights at the model's rate × factor
   * (`rate`), or with the inputs × factor (`input`, inputs far below unit scale). `labels` (core/labelRules.ts): the
   * loss on held-out rows of the script's data at every `every`-th step, of the profiled steps (factor 1: the labels
   * as given) or of the same steps from the initial weights with the batch's labels permuted (factor 0) or, for a regression,
   * with targets a fixed linear map of the inputs gives (factor −1, the positive control), whose own
   * batch loss per step is `trainLosses`. `penalty` (core/regularizationRules.ts): the validation rows' data loss at the
   * start and end (`every` = the steps apart) of the profiled steps (factor 1) or of the same steps without the
   * penalties (factor 0), read on `source`'s rows.
   * `horizon` (core/rateHorizon.ts): the held-out rows' loss every `every`-th step of a run on fresh batches of
   * `batchSize` rows at the model's rate × factor. `curvature` (core/rateCurvature.ts): a model linear in its weights under
   * the mean squared error, whose loss is a quadratic: `losses` = [λmax, the largest row's curvature], the largest eigenvalue of its
   * Hessian over the `rows` rows the script's fit() trains on and 2/U·max ‖x̃ᵢ‖² (no batch's λmax is larger); `factor` = the learning rate; `momentum` = the momentum (0: SGD), `nesterov` when tfjs's useNesterov.
   * `plan` (core/plateau.ts): a flat full-batch SGD run's plan previewed — the fixed batch's loss along steps at the rate × factor.
   * `init` (core/initProbeRule.ts): as `horizon` at the model's rate, from the user's initial weights (factor 1) or with
   * `layers`' kernels and biases drawn from tfjs's default initializers instead (factor 0).
   * `scale` (core/scaleRules.ts): the same steps from the initial weights with the off-scale inputs and/or regression
   * targets (`standardized`) standardised per feature; `factor` 1; targets standardised: `givenBaseline` and `baseline`, the
   * loss of predicting the targets' mean as given and standardised; `targetRms`, the targets' largest column RMS.
   * `linear` (core/linearFitRule.ts): a model with no hidden non-linearity — `losses` = the R² of the least-squares fit of
   * each target column on the inputs and a constant over `rows` of fit()'s rows and `features` non-constant features;
   * `shares`: each 0/1 column's share of ones (class labels); `errors` (class labels, one class per row): the training
   * error rates of the most frequent class, the best linear classifier and the nearest-neighbour rule (core/linearReachRule.ts);
   * `squaredErrors` (regression targets): the same three readings as mean squared errors, with the standard error of the gap; `factor` 1.
   * `reach` (core/ratePlanReach.ts): the script's plan compressed in gradient-flow time (`every` steps) at the model's rate
   * × factor (1 or 10) from the initial weights on the profiled batch — `losses` = its loss at the start and the end;
   * `baseline`, the batch's loss at the labels' mean.
   * `start` (core/planStartRule.ts): the plan compressed as `reach`'s (`every` steps at the rate × factor) from the initial
   * weights written in the program — `losses` = its loss at the start, three quarters through and at the end; `layers` /
   * `shares`: the ReLU layers with units dead on every row at its end and their dead share; `redrawnLows`: the end loss of
   * the same plan from each fresh draw of the model's own initializers.
   * `draws` (core/initialLossDraws.ts): `losses` = the data loss at step 0 on the profiled batch from each of the fresh
   * seeded draws of the model's own initializers (runner/weightDraws.ts); `ends`, when most draws start far, each
   * draw's loss after `every` steps on the same batch at the model's rate; `factor` 1.
   */
  v.object({
    type: v.literal('probe'),
    kind: v.picklist(['rate', 'input', 'labels', 'penalty', 'horizon', 'curvature', 'plan', 'init', 'scale', 'linear', 'reach', 'start', 'draws']),
    factor: num,
    losses: v.array(num),
    every: v.optional(v.pipe(v.number(), v.integer())),
    rows: v.optional(v.pipe(v.number(), v.integer())),
    trainLosses: v.optional(v.array(num)),
    /** `labels`: the held-out rows' loss at the best prediction that does not read the inputs (their labels' mean). */
    baseline: v.optional(num),
    /**
     * `labels`, a class output: the held-out rows' accuracy at the same steps, and their most frequent class's share;
     * `init`: the first output's held-out accuracy at the same readings as `losses`, when its outputs read as classes.
     */
    accuracies: v.optional(v.array(num)),
    blindAccuracy: v.optional(num),
    /** `labels`: read along LABEL_PROBE_STEPS steps on fresh batches of the script's rows (not the profiled steps). */
    fresh: v.optional(v.boolean()),
    /** `labels`, a regression's fresh run: each held-out row's loss at the run's best reading (a paired comparison). */
    rowLosses: v.optional(v.array(num)),
    /** `penalty`: which rows validated — fit()'s validationData, its validationSplit, or training rows the profile left out. */
    source: v.optional(v.picklist(['validationData', 'validationSplit', 'held-out rows'])),
    /** `horizon`: the rows per step (the script's own batch size). */
    batchSize: v.optional(v.pipe(v.number(), v.integer())),
    /** `curvature`: the optimizer's momentum (0 for plain SGD), and whether it is Nesterov's (tfjs useNesterov). */
    momentum: v.optional(num),
    nesterov: v.optional(v.boolean()),
    /** `curvature`, with the script's plan known: the plan's end on the quadratic in closed form (core/quadraticPlan.ts PlanConditioning). */
    conditioning: v.optional(v.object({ steps: num, start: num, optimum: num, noInput: num, given: num, best: num, bestRate: num, kappa: num, standardizedKappa: num, standardizedBest: num, standardizedRate: num })),
    /** `init`: the layers whose kernel or bias the default-initialised copy re-drew; `rate`: the weight layers `gradNorms` measures. */
    layers: v.optional(v.array(v.string())),
    /** `init`: the seeded fresh draw of the program's initializers the pair started from (runner/weightDraws.ts; core/initProbeRule.ts). */
    draw: v.optional(v.pipe(v.number(), v.integer())),
    /** `scale`: what was standardised, the targets' scale and the as-given targets' no-input loss. */
    standardized: v.optional(v.picklist(['inputs', 'targets', 'both'])),
    targetRms: v.optional(num),
    givenBaseline: v.optional(num),
    /** `scale`, inputs standardised, when neither run learned from the inputs: the lowest loss of the same steps as given
     *  from each fresh draw of the model's own initializers (runner/weightDraws.ts; core/scaleRules.ts judgeScaling). */
    redrawnLows: v.optional(v.array(num)),
    /** `scale`, inputs standardised, when standardising helped in the profile's draw: the same steps from each fresh draw,
     *  as given and standardised (core/scaleRules.ts helpsOverDraws). */
    redrawnRuns: v.optional(v.array(v.object({ given: v.array(num), standardized: v.array(num) }))),
    /** `draws`: the loss after `every` steps on the profiled batch from each fresh draw (aligned with `losses`). */
    ends: v.optional(v.array(num)),
    /** `linear`: the input features the fit used, and each class column's share of ones. */
    features: v.optional(v.pipe(v.number(), v.integer())),
    shares: v.optional(v.array(num)),
    /** `linear`, class labels: training error rates [a constant, the best linear classifier, the ⌈√n⌉-nearest neighbours (leave-one-out)]. */
    errors: v.optional(v.array(num)),
    /** `linear`, regression targets: mean squared errors [a constant, the least-squares affine fit, the ⌈√n⌉-nearest neighbours' mean (leave-one-out), the paired gap's standard error]. */
    squaredErrors: v.optional(v.array(num)),
    /** `rate`, the ÷10 run after a layer broke during the profiled steps: `layers`' ‖g‖ (data loss) at the weights its last step left (core/causes.ts). */
    gradNorms: v.optional(v.array(num)),
    /** `rate`: run only to read `gradNorms` (no loss spike called the ÷10 probe), so the loss rules do not read its losses. */
    layersOnly: v.optional(v.boolean()),
  }),
  /** A check after the profiled steps that stopped before it decided (protocol/profile.ts ProbeStop). */
  v.object({ type: v.literal('probeStop'), ...ProbeStop.entries }),
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

export const encodeMessage = (message: RunnerMessage | HostMessage): string => stringifyWithNonFinite(message);

export function decodeRunnerMessage(text: unknown): RunnerMessage {
  if (typeof text !== 'string') throw new Error(`runner sent a non-string message (${typeof text})`);
  return v.parse(RunnerMessage, parseWithNonFinite(text));
}

export function decodeHostMessage(text: unknown): HostMessage {
  if (typeof text !== 'string') throw new Error(`host sent a non-string message (${typeof text})`);
  return v.parse(HostMessage, parseWithNonFinite(text));
}
