// The short confirmation runs that choose the recommended learning rate (core/lrRecommend): each candidate
// rate trains the model for `steps` batches from the same initial weights (the sweep's first repeat), on
// the same batch order, with a fresh optimizer of the model's own class; the held-out loss at the end
// decides. A run stops as soon as it diverges by the sweep's own rule (smoothed training loss NaN/±Inf or
// above 4× its best): at the top of the ladder those runs would otherwise train their full length for nothing. The held-out rows (a fifth of whole x/y data, at most 1024) never train in these runs; a
// dataset's batches have no rows to hold out, so there the runs are scored on up to 4 of its batches.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { LossSmoother, StopRule } from '../core/lrCurve';
import type { ShortRun } from '../core/lrRecommend';
import { seededRandom } from '../core/random';
import type { Batches } from './data';
import type { StopRequest, SweepOptimizer, TrainOnBatch } from './lrSweep';
import type { WeightReset } from './weightDraws';
import { stepBatches } from './sweepBatches';
import type { Tf } from './tfjsResolve';

const HOLD_SHARE = 0.2;
const HOLD_MAX = 1024;
const EVAL_BATCHES = 4;

export interface CheckSetup {
  tf: Tf;
  inner: LayersModel;
  trainOnBatch: TrainOnBatch;
  optimizer: SweepOptimizer;
  weights: WeightReset;
  data: Batches;
  seed: number;
}

interface Split {
  train: Batches;
  evaluate: { xs: Tensor[]; ys: Tensor[] }[];
  heldOut: boolean;
  dispose(): void;
}

/** Held-out rows for scoring, the rest for training (seeded); small data or datasets: score on training batches. */
function split(tf: Tf, data: Batches, seed: number): Split {
  const rows = data.rows;
  const count = rows?.xs[0].shape[0] ?? 0;
  const hold = Math.min(HOLD_MAX, Math.floor(count * HOLD_SHARE));
  if (!rows || hold < rows.size || count - hold < rows.size) {
    const evaluate = rows ? [{ xs: rows.xs, ys: rows.ys }] : data.batches.slice(0, EVAL_BATCHES);
    return { train: data, evaluate, heldOut: false, dispose: () => undefined };
  }
  const random = seededRandom(seed ^ 0x51ab1e);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const take = (indices: number[], tensors: Tensor[]) => tf.tidy(() => tensors.map((t) => tf.gather(t, tf.tensor1d(indices, 'int32'))));
  const heldIdx = order.slice(0, hold);
  const trainIdx = order.slice(hold);
  const evaluate = [{ xs: take(heldIdx, rows.xs), ys: take(heldIdx, rows.ys) }];
  const trainRows = { xs: take(trainIdx, rows.xs), ys: take(trainIdx, rows.ys), size: rows.size };
  return {
    train: { ...data, rows: trainRows },
    evaluate,
    heldOut: true,
    dispose: () => tf.dispose([...evaluate[0].xs, ...evaluate[0].ys, ...trainRows.xs, ...trainRows.ys]),
  };
}

/** Mean compiled loss of the model over the scoring batches; null when it is NaN/±Inf. */
async function score(tf: Tf, inner: LayersModel, batches: { xs: Tensor[]; ys: Tensor[] }[]): Promise<number | null> {
  let total = 0;
  for (const batch of batches) {
    const out = inner.evaluate(batch.xs, batch.ys, { batchSize: 256 });
    const first = Array.isArray(out) ? out[0] : out;
    const value = (await first.data())[0];
    tf.dispose(out);
    total += value;
  }
  const mean = total / batches.length;
  return Number.isFinite(mean) ? mean : null;
}

export interface CheckOutcome {
  runs: ShortRun[];
  initialLoss: number;
  heldOut: boolean;
  stopped?: StopRequest;
}

/**
 * Trains each rate of `rates()` — called again after every run, so the caller can add refinements once the
 * ladder is done — and reports progress. Stops between steps on a cancel, keeping the finished runs.
 */
export async function runChecks(
  setup: CheckSetup,
  rates: (done: ShortRun[]) => number[],
  steps: number,
  progress: (done: number, total: number, lr: number) => Promise<void>,
  stopRequested: () => StopRequest | undefined,
): Promise<CheckOutcome> {
  const { tf, inner, trainOnBatch, optimizer, weights, seed } = setup;
  const parts = split(tf, setup.data, seed);
  try {
    weights.reset(seed);
    const initialLoss = (await score(tf, inner, parts.evaluate)) ?? Infinity;
    const runs: ShortRun[] = [];
    for (let pending = rates(runs); pending.length; pending = rates(runs)) {
      const lr = pending[0];
      await progress(runs.length, runs.length + pending.length, lr);
      weights.reset(seed);
      const stepper = optimizer.create(lr);
      inner.optimizer = stepper;
      const batchOf = stepBatches(tf, parts.train, steps, seededRandom(seed + 0x5eed));
      const smoother = new LossSmoother();
      const stopRule = new StopRule();
      let diverged = false;
      for (let step = 0; step < steps && !diverged; step++) {
        await new Promise((resolve) => setImmediate(resolve));
        const stopped = stopRequested();
        if (stopped) {
          stepper.dispose();
          return { runs, initialLoss, heldOut: parts.heldOut, stopped };
        }
        const batch = batchOf(step);
        const out = await trainOnBatch.call(inner, batch.xs, batch.ys).finally(() => batch.dispose());
        diverged = stopRule.check(smoother.add(Array.isArray(out) ? out[0] : out)) !== undefined;
      }
      runs.push({ lr, loss: diverged ? null : await score(tf, inner, parts.evaluate) });
      stepper.dispose();
    }
    return { runs, initialLoss, heldOut: parts.heldOut };
  } finally {
    parts.dispose();
  }
}
