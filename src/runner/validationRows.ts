// Validation evidence for the over-regularization verdict (core/regularizationRules.ts). A penalty is a regulariser
// when it trades training error for validation error (Goodfellow, Bengio & Courville, Deep Learning §5.2, ch. 7;
// d2l.ai §3.7's own runs: with weight decay "the training error increases but the validation error decreases"). So
// where the penalty dominates the step, the rows the program validates on are read at the start and the end of the
// same steps from the same initial weights with and without the penalties: run only where the penalty dominates.
import type { LayersModel } from '@tensorflow/tfjs';
import type { Batch } from './data';
import type { ValidationRows } from './fitValidation';
import { heldOutReading } from './labelProbe';
import { poolBatches } from './poolBatches';
import { rateProbe, type ProbeRows } from './rateProbe';
import type { WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';

/** The program's validation rows, else rows of its training data the profiled steps do not train on. */
export function validationRowsOf(batch: Batch): ValidationRows | undefined {
  const given = batch.validation?.();
  if (given) return given;
  return batch.heldOut ? { ...batch.heldOut, source: 'held-out rows' } : undefined;
}

/** The data loss on the validation rows (no penalties, no dropout noise) with the model's current weights. */
export const validationLoss = (tf: Tf, model: LayersModel, rows: ValidationRows): number => heldOutReading(tf, model, rows, false).loss;

/**
 * The rows the counterfactual steps train on. The profile's one fixed batch is a training set of 8–32 rows: without
 * the penalty a model memorises it and validates worse whatever the penalty's merit, so where the script has more rows
 * (data.ts pool) both runs step through fresh batches of them, as fit() does; else the batch is all its rows.
 */
async function stepRows(tf: Tf, batch: Batch): Promise<{ rowsAt: ProbeRows; fresh: boolean; dispose(): void }> {
  const pool = batch.heldOut && (await batch.pool?.());
  const poolRows = pool?.xs[0].shape[0] ?? 0;
  const size = Math.min(batch.xs[0].shape[0] ?? 0, poolRows);
  if (!pool || size < 1 || poolRows <= size) return { rowsAt: batch, fresh: false, dispose: () => undefined };
  const batches = poolBatches(tf, pool, size);
  return { rowsAt: batches.rowsAt, fresh: true, dispose: batches.dispose };
}

/** `steps` steps from the initial weights with the model's optimizer settings, with or without the penalties; the validation loss at their start and end. */
async function validationRun(tf: Tf, model: LayersModel, initial: WeightSnapshot, rows: ProbeRows, validation: ValidationRows, steps: number, stochastic: boolean, penalties: boolean): Promise<number[] | undefined> {
  const readings: number[] = [];
  const losses = await rateProbe(tf, model, initial, rows, 1, steps, stochastic, (step) => {
    if (step === 0 || step === steps) readings.push(validationLoss(tf, model, validation));
  }, { penalties });
  return losses && readings.length === 2 ? readings : undefined;
}

/**
 * The `penalty` probe messages (core/regularizationRules.ts): the validation loss at the start and end of a run with the
 * penalties (factor 1) and of the same steps without them (factor 0), from the same initial weights — on fresh batches
 * of the script's rows where it has them beyond the batch, else on the profiled batch (then the profile's own steps are
 * the run with penalties); `steps` steps each. None without validation rows, or when the optimizer's config cannot be copied.
 * The model is left as found.
 */
export async function penaltyProbes(tf: Tf, model: LayersModel, initial: WeightSnapshot, batch: Batch, steps: number, stochastic: boolean) {
  const validation = validationRowsOf(batch);
  if (!validation) return [];
  const rows = await stepRows(tf, batch);
  // Both runs as long as the profile's own steps: at the rate probes' 10, TheDeepChecker's over-regularized regrNN read
  // "doing its job" in 1 of 3 runs (its weights are drawn unseeded); at 20, 0 of 6 (docs/rules/over-regularization.md).
  const runSteps = steps;
  try {
    const profiled = rows.fresh ? undefined : validationLoss(tf, model, validation);
    const bare = await validationRun(tf, model, initial, rows.rowsAt, validation, runSteps, stochastic, false);
    const penalised = bare && (profiled !== undefined ? [bare[0], profiled] : await validationRun(tf, model, initial, rows.rowsAt, validation, runSteps, stochastic, true));
    if (!bare || !penalised) return [];
    const count = validation.xs[0].shape[0] ?? 0;
    const message = (factor: number, losses: number[]) => ({ type: 'probe', kind: 'penalty', factor, losses, every: runSteps, rows: count, source: validation.source, ...(rows.fresh ? { fresh: true } : {}) }) as const;
    return [message(1, penalised), message(0, bare)];
  } finally {
    rows.dispose();
  }
}
