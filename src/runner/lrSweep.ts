// The LR range test inside the runner: for each repeat, fresh initial weights and a fresh optimizer of the
// model's own class, then one trainOnBatch per scheduled LR on the next batch of a seeded shuffle (the
// rows reshuffled every pass, as fit() does), each point streamed as it happens. It works on the runner's
// copy of the model: the user's process, model and weights are never touched, so — unlike finders that
// checkpoint and restore the model in place — nothing of the sweep (weights, optimizer state, LR) can leak
// into the user's training.
import type { LayersModel, Optimizer, Tensor } from '@tensorflow/tfjs';
import { LR_DEFAULTS } from '../core/defaults';
import { divergenceIndex, LossSmoother, lrSchedule, StopRule, summarizeRepeats, type RepeatCurve } from '../core/lrCurve';
import { checkStepsFor, judgeCurve, ladder, pendingRates, recommend, type ShortRun } from '../core/lrRecommend';
import { runChecks } from './lrCheck';
import { stepBatches } from './sweepBatches';
import { seededRandom } from '../core/random';
import type { LrRequest, LrResult, RunnerMessage } from '../core/protocol';
import { innerModel, type Batches } from './data';
import { DiscoveryError } from './discovery';
import type { Tf } from './tfjsResolve';
import { WeightReset } from './weightDraws';

/** Optimizers whose learning rate the sweep can override every step (tfjs class names). */
const KNOWN_OPTIMIZERS = new Set(['SGD', 'Momentum', 'Adam', 'Adamax', 'RMSProp', 'Adagrad', 'Adadelta']);

type OptimizerClass = { fromConfig(cls: unknown, config: Record<string, unknown>): Optimizer };

export interface SweepOptimizer {
  /** The tfjs class name the sweep uses. */
  name: string;
  /** Set when the model's optimizer is not one the sweep knows: it falls back to SGD. */
  note?: string;
  /** The learning rate the model was compiled with (absent with the SGD fallback). */
  ownLr?: number;
  create(lr: number): Optimizer;
}

/** The model's own optimizer class with its own settings (momentum, betas, …), re-created per repeat. */
export function sweepOptimizer(tf: Tf, model: LayersModel): SweepOptimizer {
  const current = innerModel(model).optimizer;
  const name = current.getClassName();
  if (!KNOWN_OPTIMIZERS.has(name)) {
    return {
      name: 'SGD',
      note: `The model's optimizer ${name} is not one whose learning rate the finder can set (${[...KNOWN_OPTIMIZERS].join(', ')}): the sweep uses plain SGD.`,
      create: (lr) => tf.train.sgd(lr),
    };
  }
  const cls = current.constructor as unknown as OptimizerClass;
  const config = current.getConfig() as Record<string, unknown>;
  const ownLr = typeof config.learningRate === 'number' && config.learningRate > 0 ? config.learningRate : undefined;
  return { name, ownLr, create: (lr) => cls.fromConfig(cls, { ...config, learningRate: lr }) };
}

function setLearningRate(optimizer: Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?(lr: number): void };
  // SGD and Momentum keep -lr as a cached scalar; the others read the field on every step.
  if (o.setLearningRate) o.setLearningRate(lr);
  else o.learningRate = lr;
}

export interface SweepSetup {
  optimizer: SweepOptimizer;
  weightsNote?: string;
  /** `stopRequested` is polled before every batch; when it names a reason the sweep ends with the partial result. */
  run(send: (message: RunnerMessage) => Promise<void>, stopRequested: () => StopRequest | undefined): Promise<LrResult>;
}

/** Why the host asked a sweep to stop. */
export type StopRequest = 'cancelled' | 'timeout';

/** Prepares a sweep of `model` over `data` (checks it can train at all); run() streams the points. */
export function prepareSweep(tf: Tf, model: LayersModel, data: Batches, request: LrRequest): SweepSetup {
  if (!model.trainableWeights.length) {
    throw new DiscoveryError('no-trainable-weights', `Model "${model.name}" has no trainable weights: there is no learning rate to find.`);
  }
  const inner = innerModel(model);
  // The patched prototype method is the training-script interceptor; the inner model's own class method trains.
  const trainOnBatch = trainOnBatchOf(tf);
  const optimizer = sweepOptimizer(tf, model);
  const weights = new WeightReset(tf, model);
  const lrs = lrSchedule(request.startLr, request.endLr, request.steps, request.mode);
  const seed = request.seed ?? LR_DEFAULTS.seed;

  const run = async (send: (message: RunnerMessage) => Promise<void>, stopRequested: () => StopRequest | undefined): Promise<LrResult> => {
    const curves: (RepeatCurve & { complete: boolean })[] = [];
    const reasons: string[] = [];
    let cancelled: StopRequest | undefined;
    for (let repeat = 0; repeat < request.repeats && !cancelled; repeat++) {
      weights.reset(seed + repeat);
      const stepper = optimizer.create(lrs[0]);
      inner.optimizer = stepper;
      const batchOf = stepBatches(tf, data, request.steps, seededRandom(seed + repeat + 0x9e3779b9));
      const smoother = new LossSmoother();
      const stopRule = new StopRule();
      const curve: RepeatCurve & { complete: boolean } = { lrs: [], losses: [], smoothed: [], complete: false };
      curves.push(curve);
      let reason = 'reached endLr';
      for (let step = 0; step < request.steps; step++) {
        // A fast step (wasm data(), a synchronous IPC write) settles in microtasks only: yield to the
        // event loop so an incoming cancel is read.
        await new Promise((resolve) => setImmediate(resolve));
        cancelled = stopRequested();
        if (cancelled) {
          reason = cancelled;
          break;
        }
        const lr = lrs[step];
        setLearningRate(stepper, lr);
        const batch = batchOf(step);
        const out = await trainOnBatch.call(inner, batch.xs, batch.ys).finally(() => batch.dispose());
        const loss = Array.isArray(out) ? out[0] : out;
        const smoothed = smoother.add(loss);
        curve.lrs.push(lr);
        curve.losses.push(loss);
        curve.smoothed.push(smoothed);
        // Not awaited: IPC keeps the order, and waiting for each write would add its latency to every step.
        void send({ type: 'lrPoint', repeat, step, lr, loss, smoothed });
        const stop = stopRule.check(smoothed);
        if (stop) {
          reason = step === 0 && !Number.isFinite(loss) ? `loss is ${loss} on the first batch, before any update: the model or data produce it, not the learning rate (gradient-lens profile shows where)` : stop;
          break;
        }
      }
      curve.complete = !cancelled;
      stepper.dispose();
      reasons.push(reason);
      await send({ type: 'lrRepeatDone', repeat, stoppedEarly: reason !== 'reached endLr', reason });
    }
    // A cancelled repeat is partial: summarize the finished ones, or the partial one when none finished.
    const finished = curves.filter((c) => c.complete);
    const used = finished.length ? finished : curves;
    const result = summarizeRepeats(used, {
      stoppedEarly: cancelled !== undefined || reasons.every((r) => r !== 'reached endLr'),
      reason: cancelled ?? combineReasons(reasons),
    });
    const divergences = used.map((c) => divergenceIndex(c.losses)).filter((i): i is number => i !== undefined).map((i) => lrs[i]);
    const verdict = judgeCurve(result, divergences);
    const checkSteps = checkStepsFor(request.checkSteps, data.trainingSteps, LR_DEFAULTS.checkStepsFallback);
    if (cancelled || checkSteps === 0 || verdict.top === undefined) {
      result.recommendation = recommend(verdict, undefined);
      return result;
    }
    const rungs = ladder(verdict.top, request.startLr);
    const outcome = await runChecks(
      { tf, inner, trainOnBatch, optimizer, weights, data, seed },
      (done) => pendingRates(rungs, done, request),
      checkSteps,
      (done, total, lr) => send({ type: 'phase', phase: 'checking', message: `Checking rate ${done + 1} of ${total} (${lr.toExponential(1)}, ${checkSteps} steps from the same initial weights)` }),
      stopRequested,
    );
    if (outcome.stopped) {
      result.recommendation = recommend(verdict, undefined);
      return result;
    }
    result.recommendation = recommend(verdict, outcome.runs, { steps: checkSteps, initialLoss: outcome.initialLoss, heldOut: outcome.heldOut });
    const own = await ownRateRun(optimizer.ownLr, outcome.runs, (only) =>
      runChecks(
        { tf, inner, trainOnBatch, optimizer, weights, data, seed },
        only,
        checkSteps,
        () => send({ type: 'phase', phase: 'checking', message: `Checking the model's own rate (${optimizer.ownLr!.toExponential(1)}, ${checkSteps} steps from the same initial weights)` }),
        stopRequested,
      ),
    );
    if (own) result.recommendation.ownRate = own;
    return result;
  };
  return { optimizer, weightsNote: weights.note, run };
}

/**
 * The model's own rate trained like the candidates (runChecks again: same split, initial weights and batch
 * order), after the choice and outside it; an own rate the ladder already tried is not trained twice.
 */
async function ownRateRun(
  ownLr: number | undefined,
  runs: ShortRun[],
  check: (rates: (done: ShortRun[]) => number[]) => Promise<{ runs: ShortRun[]; stopped?: StopRequest }>,
): Promise<ShortRun | undefined> {
  if (ownLr === undefined || !runs.length) return undefined;
  const tried = runs.find((r) => Math.abs(r.lr - ownLr) <= 1e-9 * ownLr);
  if (tried) return { lr: ownLr, loss: tried.loss };
  const outcome = await check((done) => (done.length ? [] : [ownLr]));
  return outcome.stopped ? undefined : outcome.runs[0];
}

/** "loss exceeded 4x its best" when all repeats agree, else each reason with its count. */
function combineReasons(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (counts.size === 1) return reasons[0];
  return [...counts].map(([reason, n]) => `${reason} (${n} of ${reasons.length} repeats)`).join('; ');
}

export type TrainOnBatch = (this: LayersModel, x: Tensor[], y: Tensor[]) => Promise<number | number[]>;
let originalTrainOnBatch: TrainOnBatch | undefined;

/** Call before the training-script interceptor patches LayersModel.prototype. */
export function rememberTrainOnBatch(tf: Tf): void {
  originalTrainOnBatch ??= tf.LayersModel.prototype.trainOnBatch as unknown as TrainOnBatch;
}

export function trainOnBatchOf(tf: Tf): TrainOnBatch {
  return originalTrainOnBatch ?? (tf.LayersModel.prototype.trainOnBatch as unknown as TrainOnBatch);
}
