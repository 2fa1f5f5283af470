// The learning-rate probe (core/rateRules): from the weights as they were before profiling, a few steps on
// the same batch with a fresh optimizer of the model's own class and settings, its learning rate × factor.
// The data loss (without noise for models with dropout/noise, as the profile's curve: quietLoss.ts) before each step
// and after the last is what the rules compare with the profile's own curve. Also the batch's input scale, which
// the initial-loss rule reads.
import type { LayersModel, Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs';
import { innerModel, type Batch } from './data';
import { INPUT_PROBE_RMS, SMALL_INPUT_RMS } from '../core/inputRules';
import type { ProbeContext } from './probeContext';
import { scaledInputs } from './modelShapes';
import { quietOutputs } from './quietLoss';
import type { Tf } from './tfjsResolve';
import { leavingModelAsFound, withProbeRandom, type WeightSnapshot } from './modelState';

type Inner = ReturnType<typeof innerModel> & { calculateLosses(): Scalar[] };
type ConfigurableOptimizer = { getConfig(): Record<string, unknown>; constructor: { fromConfig?(cls: unknown, config: unknown): unknown } };

/** A fresh optimizer like the model's, its learning rate × factor; undefined when its config has no learning rate. */
function scaledOptimizer(inner: Inner, factor: number): Optimizer | undefined {
  const own = inner.optimizer as unknown as ConfigurableOptimizer | undefined;
  const config = own?.getConfig?.();
  if (!own || !config || typeof config.learningRate !== 'number') return undefined;
  return own.constructor.fromConfig?.(own.constructor, { ...config, learningRate: config.learningRate * factor }) as Optimizer | undefined;
}

/** The rows a probe step trains on: one batch for every step, or a batch per step (`(step) => rows`). */
export type ProbeRows = Pick<Batch, 'xs' | 'ys'> | ((step: number) => Pick<Batch, 'xs' | 'ys'>);

/** The probe's losses; every weight of the model (moving statistics too) is left as it was before the probe. */
export async function rateProbe(
  tf: Tf,
  model: LayersModel,
  initial: WeightSnapshot,
  batch: ProbeRows,
  factor: number | readonly number[],
  steps: number,
  stochastic: boolean,
  atStep?: (step: number) => boolean | void,
  options: { penalties: boolean } = { penalties: true },
): Promise<number[] | undefined> {
  const inner = innerModel(model) as Inner;
  const first = typeof factor === 'number' ? factor : factor[0];
  const optimizer = first === undefined ? undefined : scaledOptimizer(inner, first);
  if (!optimizer) return undefined;
  const rateAt = typeof factor === 'number' ? undefined : scheduledRate(optimizer, factor, first);
  if (typeof factor !== 'number' && !rateAt) return undefined;
  return leavingModelAsFound(tf, model, async () => withProbeRandom(() => probeSteps(tf, inner, optimizer, initial, batch, steps, stochastic, atStep, options.penalties, rateAt)));
}

/** Per-step factors (a schedule compressed: ./rateSchedule.ts): sets step k's rate, base × factors[k]; undefined when the optimizer cannot (tfjs: only SGD and momentum have setLearningRate). */
function scheduledRate(optimizer: Optimizer, factors: readonly number[], first: number): ((step: number) => void) | undefined {
  const own = optimizer as unknown as { setLearningRate?: (rate: number) => void; getConfig(): Record<string, unknown> };
  const rate = own.getConfig().learningRate;
  if (typeof own.setLearningRate !== 'function' || typeof rate !== 'number' || !(first > 0)) return undefined;
  const base = rate / first;
  return (step) => {
    const factor = factors[Math.min(step, factors.length - 1)];
    if (base * factor !== own.getConfig().learningRate) own.setLearningRate!(base * factor);
  };
}

/** `atStep(k)` sees the weights after k of the probe's steps (k = 0: the initial weights), before step k's loss; returning
 *  false ends the probe there (its question is answered). */
function probeSteps(tf: Tf, inner: Inner, optimizer: Optimizer, initial: WeightSnapshot, rows: ProbeRows, steps: number, stochastic: boolean, atStep: ((step: number) => boolean | void) | undefined, penalised: boolean, rateAt?: (step: number) => void): number[] {
  initial.restore();
  const rowsAt = typeof rows === 'function' ? rows : () => rows;
  const lossFunctions = inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
  let batch = rowsAt(0);
  const lossOf = (outputs: Tensor[]) => tf.mean(lossFunctions.map((fn, i) => fn(batch.ys[i], outputs[i])).reduce((a, b) => tf.add(a, b))) as Scalar;
  const dataLoss = (training: boolean) => {
    const result = inner.apply(batch.xs, { training });
    return lossOf((Array.isArray(result) ? result : [result]) as Tensor[]);
  };
  // The profile's curve: training mode, except for models with dropout/noise the pass without noise (their evalLoss).
  const measure = () => tf.tidy(() => lossOf(quietOutputs(tf, inner, batch.xs)).dataSync()[0]);
  const variables = inner.trainableWeights.map((w) => (w as unknown as { read(): Variable }).read());
  const losses: number[] = [];
  try {
    for (let step = 0; step <= steps; step++) {
      let value: number | undefined;
      batch = rowsAt(step);
      if (atStep?.(step) === false) break;
      if (step < steps) {
        rateAt?.(step);
        // The step itself trains on data loss + penalties, in training mode, as fit() does (without the penalties
        // only for the over-regularization counterfactual: runner/validationRows.ts).
        const total = optimizer.minimize(
          () => {
            const data = dataLoss(true);
            if (!stochastic) value = data.dataSync()[0];
            const penalties = penalised ? inner.calculateLosses() : [];
            return penalties.length ? (tf.add(data, tf.addN(penalties)) as Scalar) : data;
          },
          true,
          variables,
        );
        total?.dispose();
      }
      losses.push(stochastic || value === undefined ? measure() : value);
      if (!Number.isFinite(losses[losses.length - 1])) break;
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

/** The batch's inputs: the largest per-feature RMS (features = the last axis of each input on a scale: modelShapes' scaledInputs) and the largest |x|. */
export function inputScale(tf: Tf, model: LayersModel, batch: Batch): { rms: number; feature: number; maxAbs: number } | undefined {
  const scaled = scaledInputs(model, batch.xs);
  return featureScale(tf, batch.xs.filter((_, i) => scaled[i]));
}

/** Over float tensors (integer ones are indices, skipped): the largest per-column RMS (columns = the last axis), its column and the largest |x|. */
export function featureScale(tf: Tf, tensors: readonly Tensor[]): { rms: number; feature: number; maxAbs: number } | undefined {
  let best: { rms: number; feature: number; maxAbs: number } | undefined;
  for (const x of tensors) {
    if (x.dtype !== 'float32') continue; // integer inputs are indices (embeddings), not scaled values
    const features = x.shape[x.shape.length - 1] ?? 1;
    const [rms, maxAbs] = tf.tidy(() => {
      const rows = tf.reshape(x, [-1, features]);
      return [Array.from(tf.sqrt(tf.mean(tf.square(rows), 0)).dataSync()), tf.max(tf.abs(rows)).dataSync()[0]];
    }) as [number[], number];
    const feature = rms.indexOf(Math.max(...rms));
    if (feature < 0) continue; // NaN in the inputs: no scale to read (the non-finite finding tells)
    if (!best || rms[feature] > best.rms) best = { rms: rms[feature], feature, maxAbs };
  }
  return best;
}

/**
 * The counterfactual for inputs far below unit scale (core/inputRules smallInput): the same probe steps, from the
 * same initial weights with the model's own optimizer settings, on the batch with every float input multiplied so
 * its largest feature has RMS `target`, for each of INPUT_PROBE_RMS. None unless the inputs are at most
 * SMALL_INPUT_RMS (nor when the optimizer's config has no learning rate). Each probe is reported (an `input` probe)
 * as soon as it is measured.
 */
export async function inputScaleProbes(context: ProbeContext, scale: { rms: number } | undefined, steps: number): Promise<{ factor: number; losses: number[] }[]> {
  const { tf, model, initial, batch, stochastic, send, report } = context;
  const probes: { factor: number; losses: number[] }[] = [];
  if (!scale || !(scale.rms > 0 && scale.rms <= SMALL_INPUT_RMS) || steps < 2) return probes;
  for (const target of INPUT_PROBE_RMS) {
    await send({ type: 'phase', phase: 'profiling', message: `Input-scale probe: ${steps} steps with the inputs scaled to RMS ${target.toPrecision(2)}` });
    const factor = target / scale.rms;
    const scaled = scaledInputs(model, batch.xs);
    const xs = batch.xs.map((x, i) => (scaled[i] ? tf.mul(x, factor) : x));
    try {
      const losses = await rateProbe(tf, model, initial, { ...batch, xs }, 1, steps, stochastic);
      // Sent as soon as it is measured: a profile stopped during the next probe keeps this one (core/runEnd.ts).
      if (losses) {
        probes.push({ factor, losses });
        await report({ type: 'probe', kind: 'input', factor, losses });
      }
    } finally {
      xs.forEach((x, i) => x !== batch.xs[i] && x.dispose());
    }
  }
  return probes;
}
