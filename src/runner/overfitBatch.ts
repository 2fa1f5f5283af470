// The opt-in overfit-one-batch check (docs/rules/overfit-batch.md): a model and loss that are right drive the
// loss on a handful of examples near zero; one that cannot fit them has a bug no learning rate fixes.
import type { LayersModel, Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs';
import { innerModel, type Batch } from './data';
import type { Tf } from './tfjsResolve';
import { leavingModelAsFound, withProbeRandom, type WeightSnapshot } from './modelState';

type LayerVariable = { read(): Tensor };

/**
 * Steps and rows of the overfit-one-batch check (docs/rules/overfit-batch.md). At Adam's default rate a
 * healthy 3-layer MLP is still at loss 1.3 (from ln 10) on 8 examples after 50 steps: fewer steps cannot
 * tell a model that cannot fit one batch from one that fits it slowly.
 */
export const OVERFIT_STEPS = 200;
export const OVERFIT_ROWS = 8;

/**
 * The overfit-one-batch check: from the weights as they were before profiling (`initial`), train a fresh
 * optimizer of the model's own class and settings on the first OVERFIT_ROWS examples until the loss is
 * at most passFraction × its start, for at most OVERFIT_STEPS steps; the loss per step.
 */
export async function overfitOneBatch(
  tf: Tf,
  model: LayersModel,
  initial: WeightSnapshot,
  batch: Batch,
  passFraction: number,
  onStep?: (step: number, loss: number) => void,
): Promise<{ batchSize: number; losses: number[] }> {
  // Every weight of the model (moving statistics too) is left as it was before the check.
  return leavingModelAsFound(tf, model, async () => withProbeRandom(() => overfitSteps(tf, model, initial, batch, passFraction, onStep)));
}

function overfitSteps(tf: Tf, model: LayersModel, initial: WeightSnapshot, batch: Batch, passFraction: number, onStep?: (step: number, loss: number) => void): { batchSize: number; losses: number[] } {
  const inner = innerModel(model);
  initial.restore();
  const rows = Math.min(OVERFIT_ROWS, batch.xs[0].shape[0] ?? OVERFIT_ROWS);
  const slice = (t: Tensor) => tf.slice(t, 0, rows);
  const xs = batch.xs.map(slice);
  const ys = batch.ys.map(slice);
  const own = inner.optimizer as unknown as { getConfig(): Record<string, unknown>; constructor: { fromConfig?(cls: unknown, config: unknown): unknown } };
  const fresh = (own.constructor.fromConfig?.(own.constructor, own.getConfig()) ?? tf.train.adam(1e-3)) as Optimizer;
  const lossFunctions = inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
  const variables = inner.trainableWeights.map((w) => (w as unknown as LayerVariable).read()) as unknown as Variable[];
  const losses: number[] = [];
  try {
    for (let step = 0; step <= OVERFIT_STEPS; step++) {
      const loss = fresh.minimize(
        () => {
          const result = inner.apply(xs, { training: true });
          const outputs = (Array.isArray(result) ? result : [result]) as Tensor[];
          let total = tf.mean(lossFunctions.map((fn, i) => fn(ys[i], outputs[i])).reduce((a, b) => tf.add(a, b))) as Scalar;
          for (const penalty of (inner as unknown as { calculateLosses(): Scalar[] }).calculateLosses()) total = tf.add(total, penalty);
          return total;
        },
        true,
        variables,
      );
      const value = loss!.dataSync()[0];
      loss!.dispose();
      losses.push(value);
      onStep?.(step, value);
      // Stop once it failed for good (NaN) or passed: the check needs no more steps than that.
      if (!Number.isFinite(value) || (step > 0 && value <= passFraction * losses[0])) break;
    }
  } finally {
    tf.dispose([...xs, ...ys]);
    fresh.dispose();
  }
  return { batchSize: rows, losses };
}
