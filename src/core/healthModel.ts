// The shared vocabulary of the health rules (health.ts, layerRules.ts, lossRules.ts): step records, where
// a NaN appeared, what is known about the outputs, and each rule's severity.
import type { PlanConditioning } from './quadraticPlan';
import type { InitProbe } from './initProbeRule';
import type { InitialDraws } from './initialLossDraws';
import type { ScaleProbe } from './scaleRules';
import type { LinearFit } from './linearFitRule';
import type { PlanReachRun } from './ratePlanReach';
import type { PlanStartRun } from './planStartRule';
import type { DataLocations, FindingCode, LayerStepStats, OutputInfo, RateScheduleSummary, Severity, SourceLocation, SourceOrigin } from './protocol';

/** Severity of each rule when its condition holds at the end of the profiled steps (resolved ones are info). */
export const RULE_SEVERITY: Record<FindingCode, Severity> = {
  'non-finite': 'error',
  exploding: 'error',
  'loss-diverging': 'error',
  vanishing: 'warning',
  'dead-relu': 'warning',
  saturation: 'warning',
  'loss-not-decreasing': 'warning',
  'loss-oscillating': 'warning',
  'initial-loss': 'warning',
  'saturated-output': 'warning',
  'output-activation': 'warning',
  'overfit-batch': 'warning',
  'learning-rate-low': 'warning',
  'learning-rate-high': 'warning',
  'over-regularization': 'warning',
  'invalid-labels': 'warning',
  'hidden-activation': 'warning',
  'symmetric-units': 'warning',
  'unscaled-input': 'warning',
  'unscaled-target': 'warning',
  'loss-function': 'warning',
  'class-imbalance': 'warning',
  'nan-prone-loss': 'warning',
  'labels-unrelated': 'warning',
  'capacity-bottleneck': 'warning',
  'capacity-linear': 'warning',
  'loss-target': 'warning',
  overfitting: 'warning',
};

export interface StepRecord {
  step: number;
  /** Data loss plus regularization penalties. */
  loss: number;
  /** The penalties' part of `loss`, when the model has regularizers. */
  regLoss?: number;
  /** Data loss without dropout/noise (inference mode; with BatchNormalization, training mode with the noise off: runner/quietLoss.ts), for models with stochastic layers. */
  evalLoss?: number;
  layers: LayerStepStats[];
}

/**
 * The ÷10 rate probe's end (runner/main.ts), read when a layer broke during the profiled steps: from the same initial weights
 * and batch, `steps` steps at a tenth of the rate, then each weight layer's ‖g‖ of the data loss (causes.ts brokenByRate).
 */
export interface TenthRateGradients {
  steps: number;
  layers: readonly string[];
  gradNorms: readonly number[];
}

/** Where a non-finite value first appeared, found by the runner's diagnostic pass. */
export interface NonFiniteOrigin {
  step: number;
  layer: string;
  pass: 'forward' | 'backward' | 'weights' | 'loss';
}

/** What the loss and output rules know beyond the steps: the outputs with their labels, the overfit check. */
export interface HealthContext {
  outputs?: readonly OutputInfo[];
  overfit?: { batchSize: number; losses: readonly number[] };
  /** The user's compile() call: where the loss is chosen (findings about the loss point here). */
  compileLocation?: SourceLocation;
  /** Where the loss compile() passes by name is defined: loss-function findings relate it (core/originSites.ts). */
  lossDefinition?: SourceOrigin;
  /** The optimizer's class name (tfjs getClassName(): 'SGD', 'Momentum', 'Adam', …). */
  optimizer?: string;
  /** The file never compiled the model: the profiler did, with its own Adam(1e-3) (runner/loadTarget.ensureCompiled). */
  optimizerChosen?: boolean;
  /** Where the optimizer was created (tf.train.*), else absent: findings about the learning rate point here, else at compile(). */
  optimizerLocation?: SourceLocation;
  /** Where the inputs and targets given to fit() were made (findings about the data point there). */
  dataLocations?: DataLocations;
  /** The profiled batch's inputs: the largest per-feature RMS (which feature) and the largest |x|. */
  inputScale?: { rms: number; feature: number; maxAbs: number };
  /** Per output: examples of each class among all the labels given to fit(), when the labels are classes (runner/labelBalance.ts). */
  classCounts?: readonly (readonly number[] | undefined)[];
  /** Per input that is a sequence of tokens (Embedding ids, one-hot rows): each token's count among all of fit()'s inputs. */
  inputTokenCounts?: readonly (readonly number[])[];
  /** Inputs far below unit scale: short runs from the initial weights on the batch with its inputs × factor (inputRules.smallInput). */
  inputProbes?: readonly { factor: number; losses: readonly number[] }[];
  /** Off-scale inputs or regression targets: the same steps with them standardised (scaleRules.judgeScaling). */
  scaleProbe?: ScaleProbe;
  /** Short runs from the initial weights at the model's rate × factor (rateRules.probesToRun). */
  rateProbes?: readonly { factor: number; losses: readonly number[] }[];
  /** A layer broke during the profiled steps: each weight layer's ‖g‖ after the ÷10 run's steps (causes.ts brokenByRate). */
  tenthRate?: TenthRateGradients;
  /** Held-out rows' loss along runs on fresh batches at the model's rate × factor (rateHorizon.ts). */
  horizonProbes?: readonly HorizonProbe[];
  /** A flat full-batch SGD run previewed over its plan: the fixed batch's loss along steps at the rate × factor (core/plateau.ts). */
  planPreview?: { factor: number; losses: readonly number[] };
  /** The script's plan run at the model's rate and at ten times it, with the uninformed guess's loss (ratePlanReach.ts). */
  planReach?: readonly PlanReachRun[];
  /** The plan from the initial weights written in the program and from fresh draws, when units died on it (planStartRule.ts). */
  planStart?: PlanStartRun;
  /** Held-out rows' loss along runs from the user's initial weights and from a default-initialised copy (initProbeRule.ts). */
  initProbes?: readonly InitProbe[];
  /** The loss at step 0 (and after the profiled steps) from fresh seeded draws of the model's own initializers (initialLossDraws.ts). */
  initialDraws?: InitialDraws;
  /** A model linear in its weights under the mean squared error: its loss's largest curvature over the script's
   *  training rows and the step's settings (rateCurvature.ts). */
  curvature?: Curvature;
  /** A model with no hidden non-linearity: the best linear fit of fit()'s labels on its inputs (linearFitRule.ts). */
  linearFit?: LinearFit;
  /** Rows in the profiled batch. */
  batchSize?: number;
  /** Held-out rows' loss along the profiled steps and along the same steps with the labels permuted (labelRules.ts). */
  labelProbes?: readonly LabelProbe[];
  /** Where the penalty dominates the step: validation loss along the profiled steps and the same steps without penalties (regularizationRules.ts). */
  penaltyProbes?: readonly PenaltyProbe[];
  /** The optimizer steps the script's own training call plans (epochs × batches per epoch), when it says. */
  plannedSteps?: number;
  /** The rate schedule the script's fit() callbacks set, which the profile and the plan probes followed (runner/rateSchedule.ts). */
  rateSchedule?: RateScheduleSummary;
  /** The script's fit() batches per epoch, when known: 1 is full-batch descent (every step sees every training row). */
  batchesPerEpoch?: number;
  /** Rows in each optimizer step of the script's own plan, when known (the profiled batch may be wider). */
  stepRows?: number;
}

/** λmax of a quadratic loss's Hessian over `rows` training rows, the learning rate and the heavy-ball momentum (0: SGD). */
export interface Curvature {
  lambdaMax: number;
  learningRate: number;
  momentum: number;
  /** tfjs's momentum with useNesterov (its step reads the updated velocity): a tighter stable range than heavy ball. */
  nesterov?: boolean;
  /** The largest single row's curvature 2/U·max ‖x̃ᵢ‖²: an upper bound on the λmax of any batch of the rows. */
  rowLambdaMax?: number;
  rows: number;
  /** The script's plan on this quadratic in closed form: as given, at the best stable rate, inputs standardised (quadraticPlan.ts). */
  plan?: PlanConditioning;
}

/** The held-out rows' loss at every `every`-th step of a run on fresh batches of `batchSize` rows at the rate × factor. */
export interface HorizonProbe {
  factor: number;
  losses: readonly number[];
  every: number;
  rows: number;
  batchSize: number;
}

/** The loss on held-out rows at every `every`-th step (factor 1: the labels as given; 0: permuted within the batch). */
export interface LabelProbe {
  factor: number;
  losses: readonly number[];
  every: number;
  rows: number;
  trainLosses?: readonly number[];
  baseline?: number;
  accuracies?: readonly number[];
  blindAccuracy?: number;
  /** Read along a run over fresh batches of the script's rows, not along the profiled steps. */
  fresh?: boolean;
  /** A regression's fresh run: each held-out row's loss at its best reading. */
  rowLosses?: readonly number[];
}

/** The validation rows' data loss at the start and end of `steps` steps: with the penalties (factor 1), without (0). */
export interface PenaltyProbe {
  factor: number;
  losses: readonly number[];
  steps: number;
  rows: number;
  source: 'validationData' | 'validationSplit' | 'held-out rows';
  /** The steps went through fresh batches of the script's rows (else the profiled batch). */
  fresh?: boolean;
}

/** The loss of the data alone at one step (the penalties taken out). */
export const dataLoss = (record: StepRecord) => record.loss - (record.regLoss ?? 0);

