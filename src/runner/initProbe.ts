// The re-initialisation probe (core/initProbeRule.ts): does the user's initialisation cost training? The same steps on
// the same fresh batches of the script's rows (./horizonProbe.ts's runs at the model's rate), once from the user's
// initial weights and once with the kernels and biases the user initialised otherwise drawn from tfjs's defaults
// (Glorot-normal kernels, zero biases), everything else — the other weights, the optimizer, the batches, the probes'
// random seed — the same. Nothing runs where every layer keeps the default initializers (the common case), nor
// unless the profiled steps show a start worth judging (an initial loss far off, a re-drawn layer saturated).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { INIT_PROBE_EVERY, INIT_PROBE_MAX_MS, INIT_PROBE_PACE_FACTOR, INIT_PROBE_STEPS, initProbeReason } from '../core/initProbeRule';
import type { OutputInfo } from '../core/protocol';
import type { InitialDraws } from '../core/initialLossDraws';
import { horizonProbe, type HorizonRun } from './horizonProbe';
import { isOutOfTime } from './probePace';
import type { ProbeContext } from './probeContext';
import { leavingModelAsFound, withProbeRandom, WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';

type Initializer = { getClassName(): string; getConfig?(): Record<string, unknown> };
type Variable = { originalName: string; shape: number[]; read(): Tensor & { assign(value: Tensor): void } };
type InitializedLayer = { name: string; kernelInitializer?: Initializer; biasInitializer?: Initializer; unitForgetBias?: boolean; weights: Variable[] };

/**
 * tfjs-layers' defaults for the layers that have a kernel and a bias (Dense, Conv*, SimpleRNN/GRU/LSTM's input kernel):
 * glorotNormal kernels — a VarianceScaling of scale 1 over the fan average; Glorot uniform has the same variance and counts
 * as default too — and zero biases.
 */
const ATTRIBUTE: Record<string, 'kernelInitializer' | 'biasInitializer'> = { kernel: 'kernelInitializer', bias: 'biasInitializer' };
const isDefault = (role: string, initializer: Initializer) => {
  const name = initializer.getClassName();
  if (role === 'bias') return name === 'Zeros';
  const config = initializer.getConfig?.() ?? {};
  return name === 'VarianceScaling' && config.scale === 1 && config.mode === 'fanAvg';
};

/** The weights whose initializer is not tfjs's default for them, by layer. */
export function userInitialised(layers: readonly { layer: unknown }[]): Map<string, Variable[]> {
  const found = new Map<string, Variable[]>();
  for (const { layer } of layers) {
    const l = layer as InitializedLayer;
    for (const variable of l.weights ?? []) {
      const role = variable.originalName.split('/').pop() ?? '';
      const attribute = ATTRIBUTE[role];
      // An LSTM with unitForgetBias builds its bias inline (forget gate at 1), not with its biasInitializer.
      if (!attribute || (role === 'bias' && l.unitForgetBias === true)) continue;
      const initializer = l[attribute];
      if (!initializer || typeof initializer.getClassName !== 'function' || isDefault(role, initializer)) continue;
      found.set(l.name, [...(found.get(l.name) ?? []), variable]);
    }
  }
  return found;
}

/** The initial weights with `redraw`'s values from the default initializers (drawn with the probes' seed). */
async function defaultCopy(tf: Tf, model: LayersModel, initial: WeightSnapshot, redraw: readonly Variable[]): Promise<WeightSnapshot> {
  return leavingModelAsFound(tf, model, async () => {
    initial.restore();
    withProbeRandom(() => {
      const glorot = tf.initializers.glorotNormal({});
      for (const variable of redraw) {
        const role = variable.originalName.split('/').pop();
        tf.tidy(() => variable.read().assign(role === 'kernel' ? glorot.apply(variable.shape) : tf.zeros(variable.shape)));
      }
    });
    return WeightSnapshot.ofModel(tf, model);
  });
}

/**
 * The two runs, each sent as an `init` probe once measured, when the profiled steps call for them. `atRate`, the
 * horizon probe's run at the model's rate when it ran, is the run from the user's weights already measured (the same
 * steps, rows, seed and readings) and is not run again.
 */
export async function initProbes(context: ProbeContext, layers: readonly { layer: unknown }[], outputs: readonly OutputInfo[], atRate?: HorizonRun, draws?: InitialDraws): Promise<void> {
  const { tf, model, initial, batch, records, profilingMs, thresholds, stochastic, send, report, probeClock } = context;
  if (!batch.heldOut) return;
  const runs = atRate ? 1 : 2;
  const redrawn = userInitialised(layers);
  const names = [...redrawn.keys()];
  const reason = initProbeReason(records, outputs, names, thresholds, draws);
  if (!reason) return;
  // The profiled steps' pace (charged as the probes are: ./probePace.ts; they also read gradient statistics, so they
  // overstate a plain step's cost), scaled to the
  // script's batch size: runs that would take several times their budget are not started at all — a conv net at the
  // script's batch size would only spend its first steps finding out (./horizonProbe.ts stops a run by its own pace).
  const profiledRows = batch.xs[0].shape[0] ?? 1;
  const size = batch.scriptBatch ?? profiledRows;
  const projected = (profilingMs / Math.max(records.length, 1)) * (size / profiledRows) * runs * INIT_PROBE_STEPS;
  const check = `whether ${reason} costs training`;
  if (projected > INIT_PROBE_PACE_FACTOR * INIT_PROBE_MAX_MS) {
    await report({ type: 'probeStop', probe: 'init', reason: 'not started', limitMs: INIT_PROBE_MAX_MS, spentMs: projected, steps: 0, plannedSteps: runs * INIT_PROBE_STEPS, check });
    return;
  }
  const clock = probeClock();
  const copy = await defaultCopy(tf, model, initial, [...redrawn.values()].flat());
  const initRun = async (factor: number) => {
    await send({ type: 'phase', phase: 'profiling', message: `Initialisation probe: ${INIT_PROBE_STEPS} steps on fresh batches ${factor ? 'from your initial weights' : `with ${names.join(', ')} default-initialised`}` });
    return horizonProbe(tf, model, factor ? initial : copy, batch, 1, INIT_PROBE_STEPS, INIT_PROBE_EVERY, stochastic, INIT_PROBE_MAX_MS, factor ? 2 : 1, clock);
  };
  try {
    for (const factor of [1, 0]) {
      const run = factor && atRate ? atRate : await initRun(factor);
      if (isOutOfTime(run)) {
        const before = factor || atRate ? 0 : INIT_PROBE_STEPS;
        await report({ type: 'probeStop', probe: 'init', reason: 'budget', limitMs: INIT_PROBE_MAX_MS, spentMs: clock(), steps: before + run.steps, plannedSteps: runs * INIT_PROBE_STEPS, check });
        return;
      }
      if (!run) return;
      await report({ type: 'probe', kind: 'init', factor, losses: run.losses, every: INIT_PROBE_EVERY, rows: run.rows, batchSize: run.batchSize, layers: names, ...(run.accuracies ? { accuracies: run.accuracies } : {}) });
    }
  } finally {
    copy.dispose();
  }
}
