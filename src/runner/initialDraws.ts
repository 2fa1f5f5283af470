// The initial loss over draws of the program's own initializers (core/initialLossDraws.ts): the profile's weights are one
// sample of the initialisation the program wrote, and the initial-loss verdict is about the initialisation. From each of
// REDRAWS seeded fresh draws (./weightDraws.ts: the same draws every profile), the data loss at step 0 on the profiled
// batch — one forward pass — and, only when most draws start far from the expected loss, the same profiled steps on the
// same batch at the model's rate (./rateProbe.ts), to ask whether they repair it in most draws as well.
import type { Scalar, Tensor } from '@tensorflow/tfjs';
import { initialLossLimit } from '../core/lossRules';
import { initialLossOverDraws, type InitialDraws } from '../core/initialLossDraws';
import { dataLoss } from '../core/healthModel';
import type { OutputInfo } from '../core/protocol';
import { innerModel } from './data';
import type { ProbeContext } from './probeContext';
import { paceGuard } from './probePace';
import { quietOutputs } from './quietLoss';
import { rateProbe } from './rateProbe';
import { stepFactors } from './rateSchedule';
import { fromFreshDraws, REDRAWS } from './weightDraws';

/**
 * The repair runs (REDRAWS runs of the profiled steps) are not started when the profiled steps' pace says they would take
 * longer than this, and stop once their own pace says so: the re-initialisation probe's budget (core/initProbeRule.ts
 * INIT_PROBE_MAX_MS), a user's patience. Both are charged as every probe is, min(CPU, wall-clock) time (./probePace.ts:
 * the profiled steps' `profilingMs` and the runs' `probeClock`), so another process's load on the machine does not
 * decide whether the draws' repair is read. The verdict then reads the repair on the profile's draw only, and says so.
 */
export const REPAIR_RUNS_MAX_MS = 15_000;

/** The data loss on the profiled batch at the model's current weights, measured as the profile's step 0 is (without noise). */
function batchLoss(context: ProbeContext): number {
  const { tf, model, batch } = context;
  const inner = innerModel(model);
  const lossFunctions = inner.lossFunctions as unknown as ((labels: Tensor, predictions: Tensor) => Tensor)[];
  return tf.tidy(() => {
    const outputs = quietOutputs(tf, inner, batch.xs);
    const perRow = lossFunctions.map((fn, i) => fn(batch.ys[i], outputs[i])).reduce((a, b) => tf.add(a, b));
    return (tf.mean(perRow) as Scalar).dataSync()[0];
  });
}

/**
 * Measures the fresh draws and reports them as a `draws` probe; undefined (nothing reported) when the initial loss has no
 * known expectation, the profile's step 0 is not finite, or the model has no initializer to draw from.
 */
export async function initialLossDraws(context: ProbeContext, outputs: readonly OutputInfo[], steps: number): Promise<InitialDraws | undefined> {
  const { tf, model, initial, batch, records, profilingMs, probeClock, thresholds, stochastic, send, report } = context;
  const limit = initialLossLimit(outputs, thresholds);
  const first = records[0] && (records[0].evalLoss ?? dataLoss(records[0]));
  if (!limit || first === undefined || !Number.isFinite(first)) return undefined;
  await send({ type: 'phase', phase: 'profiling', message: `Initial loss from ${REDRAWS} seeded draws of the initializers` });
  const starts = await fromFreshDraws(tf, model, initial, REDRAWS, async () => batchLoss(context));
  if (!starts) return undefined;
  let draws: InitialDraws = { starts };
  const over = initialLossOverDraws(first, false, draws, limit.limit, thresholds.lossImprovement);
  const projected = (profilingMs / Math.max(records.length, 1)) * steps * REDRAWS;
  if (over?.mostFar && steps >= 1 && projected <= REPAIR_RUNS_MAX_MS) {
    await send({ type: 'phase', phase: 'profiling', message: `Initial loss: the ${steps} profiled steps from ${REDRAWS} seeded draws of the initializers` });
    const factors = stepFactors(batch.rateSchedule, steps, 1);
    const clock = probeClock();
    const runs = await fromFreshDraws(tf, model, initial, REDRAWS, async (start, draw) => {
      const guard = paceGuard(steps, REPAIR_RUNS_MAX_MS, REDRAWS - draw + 1, clock);
      const run = await rateProbe(tf, model, start, batch, factors, steps, stochastic, (step) => !guard.overdue(step));
      // Out of its budget: no draw's repair is read (fromFreshDraws ends on undefined), the profile's draw's is.
      return guard.outOfTime ? undefined : run;
    });
    // A run stops at its first non-finite loss: that draw was not repaired (core/initialLossDraws.ts repairs).
    if (runs) draws = { starts, ends: runs.map((run) => (run.length === steps + 1 ? run[run.length - 1] : Infinity)), steps };
  }
  await report({ type: 'probe', kind: 'draws', factor: 1, losses: [...draws.starts], ...(draws.ends ? { ends: [...draws.ends], every: draws.steps } : {}) });
  return draws;
}
