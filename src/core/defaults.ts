// The default of every run setting, in one place for the VS Code settings (package.json
// contributes.configuration must match: test/unit/defaults.test.ts), the CLI flags and the host client.
// Health thresholds stay next to the rules they tune (DEFAULT_THRESHOLDS in health.ts) and are
// re-exported here so that callers need one import.
import type { BackendChoice, LrMode } from './protocol';

export { DEFAULT_THRESHOLDS } from './health';

/** Runner limits and the target shared by profiling and the LR range test. */
export const RUN_DEFAULTS = {
  backend: 'auto' as BackendChoice,
  memoryLimitMb: 4096,
  /** Batch size when the script has no fit() call to take it from (synthetic data, bare sampleBatch). */
  syntheticBatchSize: 32,
  /** Unsaved edits before a run: ask whether to save them or run the saved version (as task.saveBeforeRun). */
  saveBeforeRun: 'prompt' as 'prompt' | 'always' | 'never',
};

export const PROFILE_DEFAULTS = {
  /** Optimizer steps after step 0: enough for a loss trend, about a second on a small model. */
  steps: 20,
  /**
   * A profile runs `steps + 1` batches; 120 s leaves room for a slow model on the cpu backend while an
   * endless loop in the model file still fails within two minutes.
   */
  timeoutSeconds: 120,
};

export const LR_DEFAULTS = {
  startLr: 1e-7,
  endLr: 10,
  steps: 100,
  mode: 'exp' as LrMode,
  repeats: 3,
  /** Seed of the first repeat; repeat k uses seed + k. */
  seed: 1,
  /**
   * The sweep runs steps × repeats = 300 batches by default, ~15× a profile's 21, so the profile's
   * 120 s would stop it on models a profile handles; a timeout still keeps the partial curve.
   */
  timeoutSeconds: 300,
  /**
   * Steps of each short run that checks a candidate rate (core/lrRecommend checkStepsFor): null follows
   * the script's own fit() length (epochs × batches) within 50–500 steps, else checkStepsFallback; 0
   * recommends from the curve alone.
   */
  checkSteps: null as number | null,
  checkStepsFallback: 200,
};

export const WATCH_DEFAULTS = {
  /**
   * Histograms and weight statistics every 100 optimizer steps (‖g‖ per layer is recorded at every step):
   * a sample downloads every gradient and weight and bins them in JS, ~10 % of a small CNN's step on wasm,
   * so every 100 steps costs ~0.1 % (bench/watch.ts). W&B's watch() defaults to log_freq 1000 for the
   * same reason (histograms every step slowed training 2.6×, wandb#3701).
   */
  every: 100,
  /**
   * Points a timeline holds per run before it halves its resolution (core/timeline.ts): ~1,000 steps ×
   * 20 layers is ~0.5 MB in the host, and more than a chart's width in pixels.
   */
  maxTimelinePoints: 1000,
  /** Histogram samples kept in memory per run (the run file keeps all of them). */
  maxSamples: 200,
  /** A training run has no natural time limit: 24 h stops only a forgotten one (Stop ends it any time). */
  timeoutSeconds: 24 * 3600,
};

export const LINT_DEFAULTS = {
  /**
   * Sigmoid-like hidden layers in a row that make a deep saturating stack (tanh-like ones with a mis-scaled
   * kernel need two more): at initialization the first layer's ‖g‖ is ~3e-2 of the last one's at 4 sigmoid
   * layers and ~1e-3 at 6 (docs/lint/deep-saturating-stack.md, bench/saturatingStacks.ts).
   */
  deepStackMin: 4,
};

export const VIEW_DEFAULTS = {
  decorationsEnabled: true,
  decorationStyle: 'compact' as const,
  keepRunnerWarm: true,
  lintEnabled: true,
};
