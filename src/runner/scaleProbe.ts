// The scaling probe (core/scaleRules.ts): inputs or regression targets far from unit scale are judged by what
// standardising them does to THIS model's training, not by their magnitude (LeCun et al. 1998, "Efficient BackProp"
// §4.3: standardised inputs condition the loss's Hessian; Goodfellow et al., Deep Learning §8.7). From the weights as
// they were before profiling, the same number of steps on the same batch with a fresh optimizer of the model's own
// class and settings (./rateProbe.ts), every off-scale part standardised per feature with the batch's own statistics.
// The model is left exactly as the profile left it (./modelState.ts).
import type { Tensor } from '@tensorflow/tfjs';
import { normalizeLoss, REGRESSION, UNSCALED_INPUT_RMS } from '../core/lossRules';
import { judgeScaling, MIN_GAP_SHARE, type RedrawnRun, type ScaleProbe } from '../core/scaleRules';
import type { StepRecord } from '../core/healthModel';
import { inputBlindLoss } from './labelProbe';
import { lossNames, scaledInputs } from './modelShapes';
import type { ProbeContext } from './probeContext';
import { featureScale, rateProbe, type ProbeRows } from './rateProbe';
import type { Tf } from './tfjsResolve';
import { fromFreshDraws, REDRAWS } from './weightDraws';

// REDRAWS (./weightDraws.ts): the inputs as given are re-run from that many fresh draws when neither run learns from
// them in the profile's draw (core/inputRules.ts: the first-layer pattern is then the only evidence, and whether the loss
// falls 5 % below the no-input loss within the steps can be the draw's) — the verdict over draws (most of the five, the
// profile's counted) is the program's, not the run's.

type ProbeBatch = Exclude<ProbeRows, (step: number) => unknown>;

/** The profiled curve as core/scaleRules reads it (inference-mode loss for models with dropout/noise, else the data loss). */
const lowest = (records: readonly StepRecord[], steps: number) => Math.min(...records.slice(0, steps + 1).map((s) => s.evalLoss ?? s.loss - (s.regLoss ?? 0)));

/**
 * The same `steps` steps from each of REDRAWS fresh draws (seeded: the same draws every profile), once per batch in
 * `batches` (the inputs as given, and standardised when that is asked too): per draw, one loss curve per batch.
 */
async function redrawnCurves(context: ProbeContext, steps: number, batches: readonly ProbeBatch[]): Promise<number[][][]> {
  const { tf, model, initial, stochastic } = context;
  // A draw whose runs return nothing (no learning rate in the optimizer's config) adds no curves.
  const curves = await fromFreshDraws(tf, model, initial, REDRAWS, async (start) => {
    const runs: number[][] = [];
    for (const batch of batches) {
      const run = await rateProbe(tf, model, start, batch, 1, steps, stochastic);
      if (run) runs.push(run);
    }
    return runs.length === batches.length ? [runs] : [];
  });
  return (curves ?? []).flat();
}

/** Per feature (the last axis): zero mean and unit variance over the batch's rows; a constant feature becomes 0. */
function standardize(tf: Tf, x: Tensor): Tensor {
  return tf.tidy(() => {
    const features = x.shape[x.shape.length - 1] ?? 1;
    const rows = tf.reshape(x, [-1, features]);
    const { mean, variance } = tf.moments(rows, 0);
    const std = tf.where(tf.greater(variance, 0), tf.sqrt(variance), tf.onesLike(variance));
    return tf.reshape(tf.div(tf.sub(rows, mean), std), x.shape);
  });
}

/**
 * Runs `steps` probe steps when the batch's inputs (largest per-feature RMS `inputRms` ≥ UNSCALED_INPUT_RMS) or a
 * single regression output's targets (the same bar) are off scale, and reports it as a `scale` probe; undefined
 * otherwise (nothing is paid), or when the optimizer's config has no learning rate.
 */
export async function scaleProbe(context: ProbeContext, inputRms: number | undefined, steps: number): Promise<ScaleProbe | undefined> {
  const { tf, model, initial, batch, stochastic, send, report } = context;
  const losses = lossNames(model);
  const inputs = inputRms !== undefined && inputRms >= UNSCALED_INPUT_RMS;
  const regression = losses.length === 1 && batch.ys.length === 1 && REGRESSION.has(normalizeLoss(losses[0])) && batch.ys[0].dtype === 'float32';
  const targetRms = regression ? featureScale(tf, batch.ys)?.rms : undefined;
  const targets = targetRms !== undefined && targetRms >= UNSCALED_INPUT_RMS;
  if ((!inputs && !targets) || steps < 2) return undefined;
  await send({ type: 'phase', phase: 'profiling', message: `Scaling probe: ${steps} steps with the ${inputs && targets ? 'inputs and targets' : inputs ? 'inputs' : 'targets'} standardised` });
  const scaled = scaledInputs(model, batch.xs);
  const xs = inputs ? batch.xs.map((x, i) => (scaled[i] ? standardize(tf, x) : x)) : batch.xs;
  const ys = targets ? [standardize(tf, batch.ys[0])] : batch.ys;
  try {
    const run = await rateProbe(tf, model, initial, { xs, ys }, 1, steps, stochastic);
    if (!run) return undefined;
    // The loss of the best prediction that reads no input (the targets' mean, class frequencies), as given and standardised.
    const givenBaseline = inputBlindLoss(tf, model, batch);
    const baseline = targets ? inputBlindLoss(tf, model, { xs, ys }) : undefined;
    // Neither run learns from the inputs (5 % below the no-input loss, core/scaleRules' bar): does another draw?
    const learns = (low: number) => givenBaseline !== undefined && low <= (1 - MIN_GAP_SHARE) * givenBaseline;
    const redraw = inputs && !targets && givenBaseline !== undefined && !learns(lowest(context.records, steps)) && !learns(Math.min(...run));
    if (redraw) await send({ type: 'phase', phase: 'profiling', message: `Scaling probe: ${steps} steps as given from ${REDRAWS} fresh draws of the initial weights` });
    const lows = redraw ? (await redrawnCurves(context, steps, [batch])).map(([given]) => Math.min(...given)) : undefined;
    let scaling: ScaleProbe = {
      standardized: inputs && targets ? 'both' : inputs ? 'inputs' : 'targets',
      losses: run,
      ...(targetRms !== undefined ? { targetRms } : {}),
      ...(givenBaseline !== undefined ? { givenBaseline } : {}),
      ...(baseline !== undefined ? { baseline } : {}),
      ...(lows?.length ? { redrawnLows: lows } : {}),
    };
    // Standardising the inputs helps in this draw (the evidence core/inputRules.ts warns on): asked of the same fresh
    // draws, as given and standardised, so that the verdict is the one most draws give (core/scaleRules.ts helpsOverDraws).
    const judged = inputs ? judgeScaling(context.records, scaling) : undefined;
    if (judged && (judged.better || judged.onlyStandardisedLearns)) {
      await send({ type: 'phase', phase: 'profiling', message: `Scaling probe: ${steps} steps as given and standardised from ${REDRAWS} fresh draws of the initial weights` });
      const runs: RedrawnRun[] = (await redrawnCurves(context, steps, [batch, { xs, ys }])).map(([given, standardized]) => ({ given, standardized }));
      if (runs.length) scaling = { ...scaling, redrawnRuns: runs };
    }
    await report({ type: 'probe', kind: 'scale', factor: 1, losses: [...scaling.losses], standardized: scaling.standardized, targetRms: scaling.targetRms, givenBaseline: scaling.givenBaseline, baseline: scaling.baseline, redrawnLows: lows?.length ? lows : undefined, redrawnRuns: scaling.redrawnRuns?.map((r) => ({ given: [...r.given], standardized: [...r.standardized] })) });
    return scaling;
  } finally {
    xs.forEach((x, i) => x !== batch.xs[i] && x.dispose());
    ys.forEach((y, i) => y !== batch.ys[i] && y.dispose());
  }
}
