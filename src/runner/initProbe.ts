// The re-initialisation probe (core/initProbeRule.ts): does the user's initialisation cost training? The same steps on
// the same fresh batches of the script's rows (./horizonProbe.ts's runs at the model's rate), once from the user's
// initial weights and once with the kernels and biases the user initialised otherwise drawn from tfjs's defaults
// (Glorot-normal kernels, zero biases), everything else — the other weights, the optimizer, the batches, the probes'
// random seed — the same. Nothing runs where every layer keeps the default initializers (the common case), nor
// unless the profiled steps show a start worth judging (an initial loss far off, a re-drawn layer saturated).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { drawsDecided, initCost, INIT_PROBE_DRAWS, INIT_PROBE_EVERY, INIT_PROBE_MAX_MS, INIT_PROBE_PACE_FACTOR, INIT_PROBE_STEPS, initProbeReason, judgesAccuracy, type InitProbe } from '../core/initProbeRule';
import type { OutputInfo } from '../core/protocol';
import type { InitialDraws } from '../core/initialLossDraws';
import { horizonProbe, type HorizonRun } from './horizonProbe';
import { isOutOfTime } from './probePace';
import type { ProbeContext } from './probeContext';
import { leavingModelAsFound, withProbeRandom, WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';
import { fromFreshDraws } from './weightDraws';

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

/** The values of `variables`, to tell whether two draws differ in them. */
const valuesOf = (variables: readonly Variable[]) => variables.map((v) => Array.from(v.read().dataSync()));
const sameValues = (a: number[][], b: number[][]) => a.length === b.length && a.every((x, i) => x.length === b[i].length && x.every((y, j) => y === b[i][j]));

/**
 * The runs' pairs, from each seeded fresh draw of the program's initializers in turn (./weightDraws.ts: the draws the
 * step-0 vote reads, seeds PROBE_SEED + 1 … + INIT_PROBE_DRAWS): the user's run from the draw, and the copy — the same
 * draw with the user-initialised weights from tfjs's defaults. The verdict is the majority's (core/initProbeRule.ts
 * initCostOverDraws), so the pairs stop as soon as it is settled (drawsDecided); each pair is sent as two `init` probes
 * with its draw's number, all of them once the majority is settled or every draw has run. Where the draws differ only in the weights the copy
 * re-draws (every weighted layer user-initialised) the copies are the same weights and the copy's run is made once.
 */
export async function initProbes(context: ProbeContext, layers: readonly { layer: unknown }[], outputs: readonly OutputInfo[], draws?: InitialDraws): Promise<void> {
  const { tf, model, initial, batch, records, profilingMs, thresholds, stochastic, send, report, probeClock } = context;
  if (!batch.heldOut) return;
  const redrawn = userInitialised(layers);
  const names = [...redrawn.keys()];
  const reason = initProbeReason(records, outputs, names, thresholds, draws);
  if (!reason) return;
  const redrawnVariables = [...redrawn.values()].flat();
  const kept = (model.weights as unknown as Variable[]).filter((v) => !redrawnVariables.includes(v));
  // The profiled steps' pace (charged as the probes are: ./probePace.ts; they also read gradient statistics, so they
  // overstate a plain step's cost), scaled to the script's batch size: runs that would take several times their budget
  // are not started at all — a conv net at the script's batch size would only spend its first steps finding out. The gate
  // projects one draw's pair, as it did the one pair before the draws; each run's own pace then stops the pairs once the
  // runs still needed to settle the majority would end past the budget (./horizonProbe.ts, runsToSettle below).
  const profiledRows = batch.xs[0].shape[0] ?? 1;
  const size = batch.scriptBatch ?? profiledRows;
  const projected = (profilingMs / Math.max(records.length, 1)) * (size / profiledRows) * 2 * INIT_PROBE_STEPS;
  const check = `whether ${reason} costs training`;
  const planned = 2 * INIT_PROBE_DRAWS * INIT_PROBE_STEPS;
  if (projected > INIT_PROBE_PACE_FACTOR * INIT_PROBE_MAX_MS) {
    await report({ type: 'probeStop', probe: 'init', reason: 'not started', limitMs: INIT_PROBE_MAX_MS, spentMs: projected, steps: 0, plannedSteps: planned, check });
    return;
  }
  const clock = probeClock();
  const classes = judgesAccuracy(outputs, thresholds);
  const pairs: InitProbe[][] = [];
  let shared: { kept: number[][]; run: HorizonRun } | undefined;
  let stepsTaken = 0;
  let stopped: number | undefined;
  // A pair the rule cannot judge (the copy's run not finite) counts for neither side, as in core's initCostOverDraws.
  const tally = () => {
    const verdicts = pairs.map((pair) => initCost(pair, classes)?.costs);
    return { costing: verdicts.filter((costs) => costs === true).length, sparing: verdicts.filter((costs) => costs === false).length };
  };
  // The runs still needed at the least to settle the majority: the pace guard projects those, not the worst case.
  const runsToSettle = (copyRuns: number) => {
    const { costing, sparing } = tally();
    const drawsLeft = Math.min(Math.floor(INIT_PROBE_DRAWS / 2) + 1 - costing, INIT_PROBE_DRAWS - Math.floor(INIT_PROBE_DRAWS / 2) - sparing);
    return drawsLeft * (1 + copyRuns);
  };
  const probe = (start: WeightSnapshot, runsLeft: number) => horizonProbe(tf, model, start, batch, 1, INIT_PROBE_STEPS, INIT_PROBE_EVERY, stochastic, INIT_PROBE_MAX_MS, runsLeft, clock);
  const message = (run: HorizonRun, factor: number, draw: number): InitProbe => ({ factor, losses: run.losses, every: INIT_PROBE_EVERY, rows: run.rows, batchSize: run.batchSize, layers: names, ...(run.accuracies ? { accuracies: run.accuracies } : {}), draw });
  await fromFreshDraws(tf, model, initial, INIT_PROBE_DRAWS, async (start, draw) => {
    const keptValues = valuesOf(kept);
    const copyShared = shared !== undefined && sameValues(shared.kept, keptValues);
    await send({ type: 'phase', phase: 'profiling', message: `Initialisation probe, seeded draw ${draw} of ${INIT_PROBE_DRAWS}: ${INIT_PROBE_STEPS} steps on fresh batches from your initializers` });
    const own = await probe(start, runsToSettle(copyShared ? 0 : 1));
    if (isOutOfTime(own)) return void (stopped = stepsTaken + own.steps);
    if (!own) return undefined;
    stepsTaken += INIT_PROBE_STEPS;
    let copyRun = copyShared ? shared!.run : undefined;
    if (!copyRun) {
      await send({ type: 'phase', phase: 'profiling', message: `Initialisation probe, seeded draw ${draw}: ${INIT_PROBE_STEPS} steps with ${names.join(', ')} default-initialised` });
      const copy = await defaultCopy(tf, model, start, redrawnVariables);
      try {
        const run = await probe(copy, runsToSettle(1) - 1);
        if (isOutOfTime(run)) return void (stopped = stepsTaken + run.steps);
        if (!run) return undefined;
        copyRun = run;
      } finally {
        copy.dispose();
      }
      stepsTaken += INIT_PROBE_STEPS;
      shared ??= { kept: keptValues, run: copyRun };
    }
    pairs.push([message(own, 1, draw), message(copyRun, 0, draw)]);
    const { costing, sparing } = tally();
    // Settled: no more draws (fromFreshDraws ends on undefined).
    return drawsDecided(costing, sparing) ? undefined : true;
  });
  if (stopped !== undefined) {
    await report({ type: 'probeStop', probe: 'init', reason: 'budget', limitMs: INIT_PROBE_MAX_MS, spentMs: clock(), steps: stopped, plannedSteps: planned, check });
    return;
  }
  // Settled, or all draws run without a majority (pairs not judged): either way the verdict is the majority's or none.
  for (const run of pairs.flat()) await report({ type: 'probe', kind: 'init', ...run, losses: [...run.losses], layers: [...run.layers] });
}
