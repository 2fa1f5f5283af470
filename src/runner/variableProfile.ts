// Profiling a core-API training loop (runner/variableLoop.ts): `optimizer.minimize(() => loss)` over bare
// tf.variables. The user's own loss closure and optimizer are used as they are — the loss the loop would
// minimise, on the data its closure reads, with the learning rate and optimizer state it set — for the
// profiled steps, from the variables' values at the loop's first update (the runner stopped the loop before
// that update was applied). Each variable stands where a layer would: its statistics are decorated on the line
// that created it. Which health rules apply to variables and which need a layers model: docs/core-api-loops.md.
import type { NamedTensorMap, Scalar, Tensor } from '@tensorflow/tfjs';
import { DEFAULT_THRESHOLDS, type NonFiniteOrigin, type StepRecord } from '../core/health';
import { ProfileEvidence } from '../core/runEnd';
import { lossUndecided, PLATEAU_STEP_FACTOR } from '../core/plateau';
import type { LayerInfo, LayerStepStats, ProfileRequest, RunnerMessage } from '../core/protocol';
import { weightStats } from '../core/stats';
import { optimizerSiteOf } from './callSites';
import { DiscoveryError } from './discovery';
import { learningRateSite } from './rateValueSite';
import type { Tf } from './tfjsResolve';
import { variableLoopMessage, variableSiteOf, type TrainedVariable, type VariableLoop } from './variableLoop';
import { updateRatio } from './weightChecks';

/** The class name a variable's entry carries where a layer's would be (the views print it beside the name). */
export const VARIABLE_CLASS = 'tf.variable';

const NO_CLOSURE =
  'Its gradients come from tf.variableGrads or computeGradients, applied with applyGradients: the runner profiles the loss closure of an optimizer.minimize() call, and this loop has none to call (the script was stopped at that first update).';

/** What the profile reports about a core-API loop before its steps (the `model` message's fields). */
export function variablesModelMessage(loop: VariableLoop, steps: number): Extract<RunnerMessage, { type: 'model' }> {
  const optimizer = loop.optimizer as { getClassName?: () => string };
  const layers: LayerInfo[] = loop.variables.map((v) => ({
    name: v.name,
    className: VARIABLE_CLASS,
    location: variableSiteOf(v),
    weights: [{ name: v.name, shape: [...v.shape], trainable: true }],
  }));
  const where = `${loop.site.file.split(/[\\/]/).pop()}:${loop.site.line}`;
  return {
    type: 'model',
    modelName: 'tf.variable loop',
    className: 'core API',
    discovery: 'training-script',
    discoveryNote:
      `The script trains ${loop.variables.length} tf.variable${loop.variables.length === 1 ? '' : 's'} with its own loop (optimizer.minimize() at ${where}), not a layers model: ` +
      `it was stopped at that first update, and each variable is profiled on the line that created it, from the loop's own loss closure and optimizer. ` +
      'The checks that read layers (dead ReLU, saturation, outputs and labels, the learning-rate and data probes) need a layers model and are not run.',
    dataSource: 'fit',
    dataNote: "the loss closure's own data (what the loop's minimize() call computes)",
    loss: "the loop's loss closure",
    optimizer: optimizer.getClassName?.() ?? 'Optimizer',
    // minimize() is where this loop names its loss and optimizer, as compile() does for a model: findings about the loss point there.
    compileLocation: loop.site,
    optimizerLocation: learningRateSite(optimizerSiteOf(loop.optimizer)),
    batchSize: 0,
    totalSteps: steps,
    layers,
    outputs: [],
  };
}

/**
 * The profiled steps of a core-API loop: step 0 on the variables as the loop found them, then the optimizer's own
 * updates. A flat loss at the last planned step is stepped further, as for a model (core/plateau.ts).
 */
async function profileVariables(tf: Tf, loop: VariableLoop, request: ProfileRequest, report: (m: RunnerMessage) => Promise<void>): Promise<{ steps: number; records: StepRecord[] }> {
  const loss = loop.loss as () => Scalar;
  const variables = loop.variables.filter((v) => v.trainable);
  const optimizer = loop.optimizer as { applyGradients(grads: NamedTensorMap): void };
  const thresholds = { ...DEFAULT_THRESHOLDS, ...request.thresholds };
  const records: StepRecord[] = [];
  let previous: Float32Array[] | undefined;
  let origin: NonFiniteOrigin | undefined;
  let last = request.steps;
  for (let step = 0; step <= last; step++) {
    if (step === last && last < request.steps * PLATEAU_STEP_FACTOR && lossUndecided(records, thresholds)) last += request.steps;
    const { value, grads } = tf.variableGrads(loss, variables as never);
    const lossValue = (await value.data())[0];
    const weights = await Promise.all(variables.map((v) => (v as unknown as Tensor).data() as Promise<Float32Array>));
    const layers: LayerStepStats[] = [];
    for (const [i, v] of variables.entries()) {
      // A variable the closure does not read has no gradient: zero, as for a layer weight the loss does not reach.
      const grad = grads[v.name] ? ((await grads[v.name].data()) as Float32Array) : new Float32Array(weights[i].length);
      const stats = weightStats(v.name, grad, weights[i]);
      const ratio = previous ? updateRatio([previous[i]], [weights[i]]) : undefined;
      layers.push({ name: v.name, gradNorm: stats.gradNorm, weights: [stats], ...(ratio !== undefined ? { updateRatio: ratio } : {}) });
    }
    previous = weights;
    const record: StepRecord = { step, loss: lossValue, layers };
    records.push(record);
    origin ??= nonFiniteOrigin(record, variables);
    await report({ type: 'step', ...record, ...(origin?.step === step ? { nonFiniteOrigin: origin } : {}) });
    if (step < last) optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
  }
  return { steps: last, records };
}

/** The first non-finite value of a step: a variable's values, then the loss, then a gradient. */
function nonFiniteOrigin(record: StepRecord, variables: TrainedVariable[]): NonFiniteOrigin | undefined {
  const badWeight = record.layers.find((l) => !Number.isFinite(l.weights[0].weightNorm));
  if (badWeight) return { step: record.step, layer: badWeight.name, pass: 'weights' };
  if (!Number.isFinite(record.loss)) return { step: record.step, layer: '', pass: 'loss' };
  const badGrad = record.layers.find((l) => l.weights[0].nanCount + l.weights[0].infCount > 0);
  return badGrad && variables.length ? { step: record.step, layer: badGrad.name, pass: 'backward' } : undefined;
}

/** A core-API loop's whole profile — its model message, steps and findings — as profile() does for a model; returns the steps taken. */
export async function profileVariableLoop(tf: Tf, loop: VariableLoop, request: ProfileRequest, send: (m: RunnerMessage) => Promise<void>, measuring: () => void): Promise<number> {
  // The verdict reads only what these messages carry, as for a model (core/runEnd.ts).
  const evidence = new ProfileEvidence();
  const report = (message: RunnerMessage) => {
    evidence.observe(message);
    return send(message);
  };
  if (!loop.loss) throw new DiscoveryError('no-model', variableLoopMessage(loop, NO_CLOSURE), undefined, loop.site);
  await report(variablesModelMessage(loop, request.steps));
  await send({ type: 'phase', phase: 'profiling', message: "Computing gradients of the loop's loss closure" });
  measuring();
  const { steps } = await profileVariables(tf, loop, request, report);
  await send({ type: 'phase', phase: 'analyzing', message: 'Checking gradient health' });
  for (const finding of evidence.findings(request.thresholds)) await send({ type: 'finding', finding });
  return steps;
}
