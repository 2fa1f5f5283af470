// A run that ends early: what the host saw of it (phase, steps), the timeout message that says where it
// stopped and what to do next, and the health verdicts on what a profile did measure (ProfileEvidence:
// the same inputs and code the runner's own verdict uses, so a timeout or cancel after step 0 keeps
// numbers with the verdicts a finished profile would give on them).
import { evaluateHealth, type HealthContext, type NonFiniteOrigin, type StepRecord } from './health';
import type { HorizonProbe, LabelProbe, PenaltyProbe } from './healthModel';
import type { InitProbe } from './initProbeRule';
import type { PlanReachRun } from './ratePlanReach';
import type { Finding, LayerInfo, RunnerMessage, RunnerMessageOf, Thresholds } from './protocol';

/** What the host has seen of a run so far. */
export interface RunProgress {
  /** Set once tfjs is loaded (the runner's hello). */
  backend?: string;
  /** When the run started and when tfjs was loaded (ms since the epoch): how much of the time the user's code had. */
  startedAt?: number;
  readyAt?: number;
  phase?: RunnerMessageOf<'phase'>['phase'];
  /** The last phase message's text: which of the checks after the profiled steps was running. */
  phaseMessage?: string;
  /** The model message arrived: a model was found and its data prepared. */
  modelSeen: boolean;
  /** Profile: optimizer steps after step 0; LR sweep: batches over all repeats. */
  totalSteps?: number;
  /** Rows of each profiled batch (the model message's batchSize). */
  batchSize?: number;
  /** Profile steps (step 0 included) or LR batches received. */
  done: number;
  /** When the model message arrived and when the last step did (ms since the epoch): the pace of the steps. */
  measuringSince?: number;
  lastStepAt?: number;
}

export const emptyProgress = (): RunProgress => ({ modelSeen: false, done: 0, startedAt: Date.now() });

export function observeProgress(progress: RunProgress, message: RunnerMessage): void {
  if (message.type === 'hello') {
    progress.backend = message.backend;
    progress.readyAt = Date.now();
  }
  else if (message.type === 'phase') {
    progress.phase = message.phase;
    progress.phaseMessage = message.message;
  }
  else if (message.type === 'model') {
    progress.modelSeen = true;
    progress.totalSteps = message.totalSteps;
    progress.batchSize = message.batchSize;
    progress.measuringSince = Date.now();
  } else if (message.type === 'step' || message.type === 'lrPoint') {
    progress.done++;
    progress.lastStepAt = Date.now();
  }
}

export type RunWork = 'profile' | 'learning-rate sweep' | 'gradient check' | 'training watch';

const RAISE: Record<RunWork, string> = {
  profile: 'raise the timeout (--timeout / gradientLens.timeoutSeconds)',
  'learning-rate sweep': 'raise the timeout (--timeout / gradientLens.lr.timeoutSeconds)',
  'gradient check': 'raise the timeout (--timeout / gradientLens.timeoutSeconds)',
  'training watch': 'raise the timeout (--timeout)',
};

/** What a faster backend would give, measured on this project's models (docs: tfjs-runtime notes). */
function fasterBackend(backend: string | undefined): string {
  if (backend === 'wasm') return ' tfjs-node (the native backend: npm install @tensorflow/tfjs-node, then --backend tensorflow) is typically ~3× faster on dense and conv models.';
  if (backend === 'cpu') return ' The pure-JavaScript cpu backend is the slowest: wasm is typically 3–10× faster, tfjs-node faster still.';
  return '';
}

/**
 * " Profile fewer rows: --batch 8 (gradientLens.batchSize) — …": a step's time and the activations it keeps for the
 * backward pass are linear in its rows (every layer computes each row alike), so a quarter of the rows needs about a
 * quarter of both, while the weights' gradients are the same statistic on fewer examples. '' below 2 rows.
 * Measured on a real 224×224 CNN (bench/realworld batch 7): 32 synthetic rows stopped at the 4096 MB limit, 8 profiled.
 */
export function fewerRowsHint(progress: Pick<RunProgress, 'batchSize'>): string {
  const rows = progress.batchSize;
  if (!rows || rows < 2) return '';
  return ` Profile fewer rows: --batch ${Math.max(1, Math.floor(rows / 4))} (gradientLens.batchSize) — this run's ${rows} rows a step need about 4× the time and activation memory.`;
}

/**
 * The out-of-memory error's message, for both ways the host sees it: its resident-memory watch stopped the runner
 * (`usedMb`: tensors live outside the V8 heap, so the whole process group is measured), or V8 aborted at its heap
 * limit (no figure of ours). Either way the same next steps: fewer rows, or a higher limit.
 */
export function outOfMemoryMessage(limitMb: number, progress: Pick<RunProgress, 'batchSize'>, usedMb?: number): string {
  const what =
    usedMb === undefined
      ? `The runner ran out of memory (limit ${limitMb} MB).`
      : `The runner used ${Math.round(usedMb)} MB of memory (resident, with the processes it started; limit ${limitMb} MB) and was stopped.`;
  return `${what}${fewerRowsHint(progress) || ' Reduce the batch size or the model.'} Or raise the limit (gradientLens.memoryLimitMb / --memory).`;
}

function duration(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** "~2.1 s a step; all 21 need ~44 s", from the steps finished (the one running may take longer still). */
function pace(progress: RunProgress, unit: string, all: number): string {
  if (!progress.done || progress.measuringSince === undefined || progress.lastStepAt === undefined) return '';
  const each = (progress.lastStepAt - progress.measuringSince) / 1000 / progress.done;
  return ` (~${duration(each)} a ${unit}; all ${all} need ~${duration(each * all)})`;
}

/**
 * " TensorFlow.js was ready after 9 s; the other 126 s went in the script's own code, before any training call":
 * with no model message the runner could not say more (user code may hold its thread), but the split says whether
 * the time went in loading tfjs or in what the script does before training (a dataset built in full, bench/realworld
 * batch 8: 70,000 MNIST rows). '' when the host saw no start or hello times, or tfjs took (nearly) all of it.
 */
function whereTimeWent(progress: RunProgress, seconds: number): string {
  if (progress.startedAt === undefined || progress.readyAt === undefined) return '';
  const ready = Math.max(0, (progress.readyAt - progress.startedAt) / 1000);
  const rest = seconds - ready;
  if (rest < 1) return '';
  return ` TensorFlow.js was ready after ${duration(ready)}; the other ${duration(rest)} went in the script's own code, before any training call.`;
}

/** The runner's phase message for the extra steps a flat loss earns (runner/main.ts). */
const EXTRA_STEPS = /^The loss has not fallen in \d+ steps/;

/** The timeout message for the phase the run was in: where it stopped, why that may be, what to do. */
export function timeoutMessage(
  work: RunWork,
  progress: RunProgress,
  seconds: number,
  file: string,
  lastError?: string,
  lastOutput?: { text: string; secondsBefore: number },
): string {
  const raise = RAISE[work];
  const on = progress.backend ?? 'this backend';
  if (!progress.backend) return `TensorFlow.js did not finish loading within ${seconds} s: is the machine very busy? Try again, or ${raise}.`;
  if (!progress.modelSeen && progress.phase === 'data') {
    return `The training data was not ready within ${seconds} s: the script's fit()/fitDataset() data or sampleBatch is still being produced. Export a small sampleBatch, or ${raise}.`;
  }
  if (!progress.modelSeen) {
    // A program that reported an error and then waited on a promise that never settles (a request to a
    // server that is not running) looks like one still working: its own last error is the likely cause.
    // Otherwise its own last line and how long before the stop it came: a long data preparation (tokenising a corpus,
    // one line of progress each) reads like a hang without it, and a server's "Listening" a minute old says the other.
    const text = lastOutput && lastOutput.text.length > 160 ? `${lastOutput.text.slice(0, 159)}…` : lastOutput?.text;
    const printed = lastError
      ? ` It printed an error and then waited: "${lastError}" — if that is the cause, fix it and run again.`
      : lastOutput
        ? ` Its last output, ${duration(lastOutput.secondsBefore)} before the stop: "${text}" — if that is its data being prepared, raise the timeout for this run (or let the script save what it prepared and load it next time).`
        : '';
    return `No model was built within ${seconds} s: ${file.split(/[\\/]/).pop()} is still running — a server, a long download, a wait for input, or an endless loop?${whereTimeWent(progress, seconds)}${printed} If it builds its whole dataset first, give it fewer rows (its own option or variable: --script-args / --env); or export the model or a function that builds it, or ${raise}.`;
  }
  if (work === 'gradient check') {
    return `The gradient check did not finish within ${seconds} s on ${on}: each custom layer needs two forward passes per checked element.${fasterBackend(progress.backend)} Or ${raise}.`;
  }
  if (work === 'training watch') {
    return `Training was stopped after ${seconds} s (the watch's time limit) on ${on}; the steps recorded until then are kept. Watch fewer steps (--max-steps), or ${raise}.`;
  }
  if (work === 'learning-rate sweep') {
    const total = progress.totalSteps ?? 0;
    const where = progress.done ? `batch ${progress.done + 1} of ${total}` : 'the first batch';
    return `The learning-rate sweep stopped at ${where} after ${seconds} s on ${on}${pace(progress, 'batch', total)}${progress.done ? ' — the partial curve is shown' : ''}.${fasterBackend(progress.backend)} Use fewer steps or repeats, or ${raise}.`;
  }
  if (progress.phase === 'analyzing') return `The health check did not finish within ${seconds} s. Report this with the model file, or ${raise}.`;
  const total = progress.totalSteps ?? 0;
  if (progress.done > total && progress.phaseMessage && EXTRA_STEPS.test(progress.phaseMessage)) {
    // Still profiling: the steps past --steps that a flat loss earns (runner/main.ts, core/plateau.ts), not a later check.
    return `Step ${progress.done} did not finish within ${seconds} s on ${on}: the loss had not fallen in the ${total} planned steps, so the profile kept stepping to tell a slow start from a stall${pace(progress, 'step', progress.done)} — partial results (steps 0–${progress.done - 1}) are shown.${fasterBackend(progress.backend)} Or ${raise}.`;
  }
  if (progress.done > total && progress.phaseMessage && !/^overfit/i.test(progress.phaseMessage)) {
    // The label, learning-rate and input-scale probes run after the steps, on the same model (runner/main.ts).
    return `The checks after the profiled steps did not finish within ${seconds} s on ${on} (running: ${progress.phaseMessage}): the gradient profile (steps 0–${total}) is complete and shown.${fasterBackend(progress.backend)} Or ${raise}.`;
  }
  if (progress.done > total) {
    return `The overfit-one-batch check did not finish within ${seconds} s on ${on}: the gradient profile (steps 0–${total}) is complete and shown.${fasterBackend(progress.backend)} Profile without the check (no --overfit-batch; in VS Code the plain Profile gradients command), or ${raise}.`;
  }
  if (progress.done === 0) {
    return `Step 0 of ${total} did not finish within ${seconds} s: this model is too slow on ${on} for the timeout, nothing was measured.${fewerRowsHint(progress)}${fasterBackend(progress.backend)} Or ${raise}.`;
  }
  const shown = progress.done === 1 ? 'step 0' : `steps 0–${progress.done - 1}`;
  return `Step ${progress.done} of ${total} did not finish within ${seconds} s: this model is slow on ${on}${pace(progress, 'step', total + 1)} — partial results (${shown}) are shown.${fasterBackend(progress.backend)} Or profile fewer steps (--steps / gradientLens.steps), or ${raise}.`;
}

/**
 * Every key of T, each possibly absent: the model message's part of the context must name every HealthContext
 * field but the three other messages carry, so a new input of the verdict does not compile until it travels.
 */
type Carried<T> = Record<keyof T, unknown>;

/**
 * Everything the health verdict of a profile reads, gathered from the runner's messages: the model (layers,
 * outputs, optimizer and its line, compile(), the data's lines and scale, the labels' class counts, the script's
 * planned steps), each step (with where a NaN first appeared), the learning-rate and input-scale probes and the
 * overfit check. The runner judges its finished profile through this same class, fed the messages it sends;
 * the host judges a profile that ended early (timeout, cancel, crash) with it — one code path, so a verdict
 * does not depend on how the run ended, only on what was measured.
 */
export class ProfileEvidence {
  private layers: LayerInfo[] = [];
  private context: HealthContext = {};
  private nonFiniteOrigin: NonFiniteOrigin | undefined;
  private readonly planReach: PlanReachRun[] = [];
  private readonly probes = { rate: [] as { factor: number; losses: readonly number[] }[], input: [] as { factor: number; losses: readonly number[] }[] };
  private readonly labelProbes: LabelProbe[] = [];
  private readonly penaltyProbes: PenaltyProbe[] = [];
  private readonly horizonProbes: HorizonProbe[] = [];
  private readonly initProbes: InitProbe[] = [];
  readonly records: StepRecord[] = [];

  observe(message: RunnerMessage): void {
    if (message.type === 'model') {
      this.layers = message.layers;
      const { outputs, optimizer, compileLocation, lossDefinition, optimizerLocation, dataLocations, plannedSteps, rateSchedule, batchesPerEpoch, stepRows, inputScale, classCounts, inputTokenCounts, batchSize, lossNote } = message;
      this.context = {
        outputs,
        optimizer,
        // The loss note is set exactly when the profiler compiled the model (runner/loadTarget.ensureCompiled).
        optimizerChosen: lossNote !== undefined ? true : undefined,
        compileLocation,
        lossDefinition,
        optimizerLocation,
        dataLocations,
        plannedSteps,
        rateSchedule,
        batchesPerEpoch,
        stepRows,
        inputScale,
        classCounts: classCounts?.map((c) => c ?? undefined),
        inputTokenCounts,
        batchSize,
      } satisfies Carried<Omit<HealthContext, 'overfit' | 'curvature' | 'scaleProbe' | 'rateProbes' | 'tenthRate' | 'inputProbes' | 'labelProbes' | 'penaltyProbes' | 'horizonProbes' | 'planPreview' | 'initProbes' | 'linearFit' | 'planReach' | 'planStart' | 'initialDraws'>>;
    } else if (message.type === 'step') {
      const { type: _type, nonFiniteOrigin, ...record } = message;
      this.nonFiniteOrigin ??= nonFiniteOrigin;
      this.records.push(record);
    } else if (message.type === 'probe') {
      const { type: _type, kind, factor, losses, every, rows, source, batchSize, momentum, nesterov, conditioning, layers, standardized, targetRms, givenBaseline, redrawnLows, redrawnRuns, features, shares, errors, squaredErrors, ends, gradNorms, layersOnly, draw, ...labelParts } = message;
      if (kind === 'scale') {
        if (standardized) this.context.scaleProbe = { standardized, losses, ...(targetRms !== undefined ? { targetRms } : {}), ...(givenBaseline !== undefined ? { givenBaseline } : {}), ...(labelParts.baseline !== undefined ? { baseline: labelParts.baseline } : {}), ...(redrawnLows ? { redrawnLows } : {}), ...(redrawnRuns ? { redrawnRuns } : {}) };
      } else if (kind === 'linear') {
        if (rows !== undefined && features !== undefined) this.context.linearFit = { explained: losses, rows, features, ...(shares ? { shares } : {}), ...(errors?.length === 3 ? { errors: { chance: errors[0], linear: errors[1], neighbours: errors[2] } } : {}), ...(squaredErrors?.length === 4 ? { squaredErrors: { constant: squaredErrors[0], linear: squaredErrors[1], neighbours: squaredErrors[2], gapError: squaredErrors[3] } } : {}) };
      } else if (kind === 'draws') {
        this.context.initialDraws = { starts: losses, ...(ends && every !== undefined ? { ends, steps: every } : {}) };
      } else if (kind === 'plan') {
        this.context.planPreview = { factor, losses };
      } else if (kind === 'start') {
        if (every !== undefined && layers && shares && redrawnLows) this.context.planStart = { steps: every, factor, losses, layers, shares, drawEnds: redrawnLows };
      } else if (kind === 'reach') {
        if (every !== undefined) this.planReach.push({ factor, losses, steps: every, ...(labelParts.baseline !== undefined ? { baseline: labelParts.baseline } : {}) });
      } else if (kind === 'curvature') {
        if (rows !== undefined && (losses.length === 1 || losses.length === 2)) this.context.curvature = { lambdaMax: losses[0], ...(losses.length === 2 ? { rowLambdaMax: losses[1] } : {}), learningRate: factor, momentum: momentum ?? 0, ...(nesterov ? { nesterov } : {}), rows, ...(conditioning ? { plan: conditioning } : {}) };
      } else if (kind === 'penalty') {
        if (every !== undefined && rows !== undefined && source) this.penaltyProbes.push({ factor, losses, steps: every, rows, source, ...(labelParts.fresh ? { fresh: true } : {}) });
      } else if (kind === 'horizon') {
        if (every !== undefined && rows !== undefined && batchSize !== undefined) this.horizonProbes.push({ factor, losses, every, rows, batchSize });
      } else if (kind === 'init') {
        if (every !== undefined && rows !== undefined && batchSize !== undefined && layers) this.initProbes.push({ factor, losses, every, rows, batchSize, layers, ...(labelParts.accuracies ? { accuracies: labelParts.accuracies } : {}), ...(draw !== undefined ? { draw } : {}) });
      } else if (kind === 'rate') {
        if (layers && gradNorms && layers.length === gradNorms.length) this.context.tenthRate = { steps: losses.length - 1, layers, gradNorms };
        // A run made only to read the layers (no spike called it): the loss rules judge as if it had not run.
        if (!layersOnly) this.probes.rate.push({ factor, losses });
      } else if (kind !== 'labels') this.probes[kind].push({ factor, losses });
      else if (every !== undefined && rows !== undefined) this.labelProbes.push({ factor, losses, every, rows, ...labelParts });
    } else if (message.type === 'overfit') {
      this.context.overfit = { batchSize: message.batchSize, losses: message.losses };
    }
  }

  get count(): number {
    return this.records.length;
  }

  /** Health verdicts on what was measured: the runner's at the end of a profile, the host's when it ended early. */
  findings(thresholds: Partial<Thresholds> | undefined): Finding[] {
    return evaluateHealth(this.layers, this.records, thresholds, this.nonFiniteOrigin, { ...this.context, rateProbes: this.probes.rate, inputProbes: this.probes.input, labelProbes: this.labelProbes, penaltyProbes: this.penaltyProbes, horizonProbes: this.horizonProbes, initProbes: this.initProbes, planReach: this.planReach });
  }
}
