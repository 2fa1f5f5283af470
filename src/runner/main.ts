// Runner entry: the child process that loads the user's model file and profiles it, runs the LR range test
// or checks its custom layers' gradients. It talks only over the IPC channel (./ipc; user code owns
// stdout/stderr) and exits as soon as the work is done, because a training script intercepted at fit()
// never finishes by itself. Loading the model, shared by every kind of work: ./loadTarget.
import * as path from 'node:path';
import { decodeHostMessage, type GradcheckRequest, type LrRequest, type ProfileRequest, type RunnerMessage } from '../core/protocol';
import { DEFAULT_THRESHOLDS } from '../core/health';
import { brokenAfterStart } from '../core/causes';
import { ProfileEvidence } from '../core/runEnd';
import { lossUndecided, PLATEAU_STEP_FACTOR } from '../core/plateau';
import { compileSiteOf, optimizerSiteOf } from './callSites';
import { learningRateSite } from './rateValueSite';
import { ParsedSources } from './valueOriginSites';
import { batchFromCapture, batchFromExport, HELD_OUT_ROWS, innerModel, sweepBatches } from './data';
import { checkBatchShapes, lossNames, synthesizeBatch } from './modelShapes';
import { prepareSweep } from './lrSweep';
import { GradientProfiler } from './gradientProfiler';
import { OVERFIT_ROWS, OVERFIT_STEPS, overfitOneBatch } from './overfitBatch';
import { inputScale, inputScaleProbes, rateProbe } from './rateProbe';
import { FRESH_NOTE, freshBatchesProbe, freshRuns, HeldOutCurve } from './labelProbe';
import { probesToRun } from '../core/rateRules';
import { penaltyDominates } from '../core/regularizationRules';
import { penaltyProbes } from './validationRows';
import { horizonProbes } from './horizonProbe';
import { initProbes } from './initProbe';
import { initialLossDraws } from './initialDraws';
import { chargedClock, isOutOfTime } from './probePace';
import { planPreview } from './planPreview';
import { planStart } from './planStart';
import { planReach } from './planReach';
import { followSchedule, scheduleSummary, scriptRateSchedule, stepFactors } from './rateSchedule';
import type { ProbeContext } from './probeContext';
import { scaleProbe } from './scaleProbe';
import { curvatureOfLinearModel } from './curvatureProbe';
import { linearFit } from './linearFit';
import { linearOutputLayer } from '../core/linearFitRule';
import { JUDGED_LOSS, LABEL_CHECK_EVERY, MIN_JUDGED_BATCH, LABEL_PROBE_STEPS, needsFreshBatches, REGRESSION_PROBE_MAX_MS, REGRESSION_PROBE_STEPS, regressionOutput, transferShown } from '../core/labelRules';
import { checkLayer, classDefinition, userDefinedLayers } from './gradientCheck';
import { causeOf, classify, guardCrashListeners, keepOutputTail } from './failures';
import { keepUserFramesInStacks } from './stackLocation';
import { endProcessGroup } from './watchdog';
import { unhandled } from '../core/exhaustive';
import { finish, hasFinished, send } from './ipc';
import { Classified, describeTarget, loadTarget, prepareTfjs, runState, VariableLoopFound } from './loadTarget';
import { profileVariableLoop } from './variableProfile';
import { watchTraining } from './watchRun';
import { dataLocationsOf } from './tensorSites';
import { labelBalance } from './labelBalance';
import { WeightSnapshot } from './modelState';
import { mergeTimeDistributed } from './timeDistributed';
import { CustomLoopStop, disarmCustomLoops } from './customLoop';

type Work = 'profile' | 'sweep' | 'gradcheck' | 'watch';

const failure = (error: unknown, work: Work) => (error instanceof Classified ? error.report : classify(error, runState.measuring ? work : 'building'));

async function profile(request: ProfileRequest): Promise<void> {
  const started = Date.now();
  let stepsTaken: number | undefined;
  try {
    const target = await loadTarget(request);
    const { tf, model, captured, ns } = target;
    runState.targetFound = true;
    disarmCustomLoops();
    await send({ type: 'phase', phase: 'data', message: 'Preparing the batch' });
    const batch = captured
      ? await batchFromCapture(tf, captured, request.batchSize)
      : ns?.sampleBatch !== undefined
        ? await batchFromExport(tf, model, ns.sampleBatch, request.batchSize)
        : synthesizeBatch(tf, model, request.batchSize);
    batch.rateSchedule = await scriptRateSchedule(captured, batch.plannedSteps);
    const labelsNote = checkBatchShapes(model, batch, captured?.method);
    if (labelsNote) batch.note = `${batch.note}; ${labelsNote}`;
    // The same function, once on [batch × time, …] instead of once per time step (./timeDistributed.ts).
    mergeTimeDistributed(tf, innerModel(model).layers as never);
    const profiler = new GradientProfiler(tf, model);
    const inner = innerModel(model);
    const outputs = profiler.outputInfo(batch, lossNames(model));
    // The learning-rate probes and the overfit check start from the weights as they were before profiling moved them.
    // Every weight, moving statistics too; each probe leaves the model as the profile's steps left it (./modelState).
    const initialWeights = WeightSnapshot.ofModel(tf, model);
    // The verdict reads only what these messages carry, as the host's does for a profile that ends early (core/runEnd.ts).
    const evidence = new ProfileEvidence();
    const scale = inputScale(tf, model, batch);
    const report = (message: RunnerMessage) => {
      evidence.observe(message);
      return send(message);
    };
    // The data sites and compile() usually share a file: one parse for all of them.
    const sources = new ParsedSources();
    await report({
      type: 'model',
      ...describeTarget(target),
      dataSource: batch.source,
      dataNote: batch.note,
      optimizer: inner.optimizer.getClassName(),
      batchSize: batch.xs[0].shape[0] ?? 0,
      totalSteps: request.steps,
      layers: profiler.layers.map((l) => l.info),
      outputs,
      dataLocations: captured ? sources.withValueOrigins(dataLocationsOf(captured, batch.datasetSites)) : undefined,
      compileLocation: compileSiteOf(model),
      lossDefinition: sources.lossDefinitionOf(compileSiteOf(model)),
      optimizerLocation: learningRateSite(optimizerSiteOf(inner.optimizer)),
      plannedSteps: batch.plannedSteps,
      ...(batch.rateSchedule ? { rateSchedule: scheduleSummary(batch.rateSchedule, request.steps * PLATEAU_STEP_FACTOR + 1) } : {}),
      batchesPerEpoch: batch.batchesPerEpoch,
      stepRows: batch.stepRows,
      inputScale: scale,
      ...labelBalance(tf, model, batch, outputs),
    });
    await send({ type: 'phase', phase: 'profiling', message: 'Computing gradients' });
    runState.measuring = true;
    const profilingClock = chargedClock();
    let last = request.steps;
    // The script's own rate schedule, when its callbacks set one: the profiled steps are the plan's first steps (./rateSchedule.ts).
    const schedule = followSchedule(model, batch.rateSchedule);
    // What the steps learn from the batch, read on rows they do not train on (./labelProbe.ts).
    // Read only where the rule can judge: one class output, a batch of at least MIN_JUDGED_BATCH rows.
    const classes = outputs.length === 1 && JUDGED_LOSS.test(outputs[0].loss);
    const regression = Boolean(regressionOutput(outputs));
    const judged = (classes || regression) && (batch.xs[0].shape[0] ?? 0) >= MIN_JUDGED_BATCH;
    const heldOut = judged && batch.heldOut ? new HeldOutCurve(tf, model, batch.heldOut, request.steps, LABEL_CHECK_EVERY, Math.max(batch.xs[0].shape[0] ?? 0, HELD_OUT_ROWS), classes) : undefined;
    for (let step = 0; step <= last; step++) {
      heldOut?.at(step);
      // A flat loss at the last planned step may be a slow start: keep stepping (src/core/plateau.ts).
      if (step === last && last < request.steps * PLATEAU_STEP_FACTOR && lossUndecided(profiler.records, { ...DEFAULT_THRESHOLDS, ...request.thresholds })) {
        if (last === request.steps) await send({ type: 'phase', phase: 'profiling', message: `The loss has not fallen in ${request.steps} steps: up to ${request.steps * PLATEAU_STEP_FACTOR}, to tell a slow start from a stall` });
        last += request.steps;
      }
      schedule.at(step);
      const record = await profiler.step(step, batch, step < last);
      const origin = profiler.nonFiniteOrigin?.step === step ? profiler.nonFiniteOrigin : undefined;
      await report({ type: 'step', ...record, ...(origin ? { nonFiniteOrigin: origin } : {}) });
    }
    schedule.restore();
    stepsTaken = last;
    const profilingMs = profilingClock();
    if (heldOut && batch.heldOut) {
      const profiled = heldOut.message(1, false);
      heldOut.dispose(batch.heldOut);
      await report(profiled);
      // The batch was fitted but nothing carried over to the held-out rows: is that the labels (core/labelRules.ts)?
      if (needsFreshBatches(profiler.records, profiled, outputs, batch.xs[0].shape[0] ?? 0)) {
        const freshSteps = regression ? REGRESSION_PROBE_STEPS : LABEL_PROBE_STEPS;
        const [clock, runs] = [chargedClock(), freshRuns(regression)];
        for (const [index, labels] of runs.entries()) {
          await send({ type: 'phase', phase: 'profiling', message: `Label probe: ${freshSteps} steps on fresh batches${FRESH_NOTE[labels]}` });
          const run = await freshBatchesProbe(tf, model, initialWeights, batch, labels, profiler.stochastic, classes, freshSteps, regression ? REGRESSION_PROBE_MAX_MS : Infinity, clock);
          if (isOutOfTime(run)) {
            await report({ type: 'probeStop', probe: 'labels', reason: 'budget', limitMs: REGRESSION_PROBE_MAX_MS, spentMs: clock(), steps: index * freshSteps + run.steps, plannedSteps: runs.length * freshSteps, check: "whether the targets carry what the inputs say (the label probe's runs on fresh batches)" });
            break;
          }
          if (!run) break;
          await report(run);
          // Quiet once the labels as given carry over; a regression's verdict needs the control to have learned.
          if ((labels === 'given') === transferShown(run, regression)) break;
        }
      }
    }
    // Weight decay that decides the step: judged by the rows the program validates on (./validationRows.ts).
    if (penaltyDominates(profiler.records)) {
      await send({ type: 'phase', phase: 'profiling', message: `Regularization probe: the validation loss, and ${last} steps without the penalties` });
      for (const probe of await penaltyProbes(tf, model, initialWeights, batch, last, profiler.stochastic)) await report(probe);
    }
    // A layer that worked at step 0 and broke during the steps: the ÷10 run reads whether gradient still reaches the layers at a tenth of the rate (core/causes.ts).
    const brokeLater = brokenAfterStart(profiler.layers.map((l) => l.info), profiler.records, { ...DEFAULT_THRESHOLDS, ...request.thresholds }, new Set(outputs.map((o) => o.layer))).length > 0;
    const plan = probesToRun(profiler.records, brokeLater);
    for (const factor of plan.factors) {
      const probeSteps = factor < 1 ? plan.tenthSteps : plan.steps;
      await send({ type: 'phase', phase: 'profiling', message: `Learning-rate probe: ${probeSteps} steps at ${factor >= 1 ? `${factor}×` : `1/${Math.round(1 / factor)} of`} the model's rate` });
      // Each weight layer's ‖g‖ at the weights the ÷10 run ends with (atStep sees the weights after each of its steps).
      let ends: { name: string; gradNorm: number }[] = [];
      const readLayers = factor < 1 && brokeLater ? (step: number) => void (step === probeSteps && (ends = profiler.gradNorms(batch))) : undefined;
      // At `factor` × the rates the profiled steps took: the script's schedule when its callbacks set one.
      const losses = await rateProbe(tf, model, initialWeights, batch, stepFactors(batch.rateSchedule, probeSteps, factor), probeSteps, profiler.stochastic, readLayers);
      const layersOnly = factor < 1 && plan.tenthForLayersOnly === true;
      if (losses) await report({ type: 'probe', kind: 'rate', factor, losses, ...(ends.length ? { layers: ends.map((e) => e.name), gradNorms: ends.map((e) => (Number.isFinite(e.gradNorm) ? e.gradNorm : 0)) } : {}), ...(layersOnly ? { layersOnly } : {}) });
    }
    const probes: ProbeContext = { tf, model, initial: initialWeights, batch, records: profiler.records, profilingMs, probeClock: chargedClock, stochastic: profiler.stochastic, thresholds: { ...DEFAULT_THRESHOLDS, ...request.thresholds }, send, report };
    // The initial loss over fresh draws of the program's own initializers, not only this run's one (core/initialLossDraws.ts).
    const draws = await initialLossDraws(probes, outputs, last);
    // A loss still flat after the extra steps, under SGD or momentum on every row: its plan previewed in gradient-flow time (core/plateau.ts).
    await planPreview(probes, last);
    // A slow loss under SGD or momentum: does the script's own plan train the model at its rate, and at ten times it (core/ratePlanReach.ts)?
    await planReach(probes);
    // Initial weights written in the program, a ReLU layer: does the plan from them end with dead units where fresh draws train (core/planStartRule.ts)?
    await planStart(probes);
    // A quadratic loss (a model linear in its weights, MSE): gradient descent's stable range in closed form, over every
    // training row (core/rateCurvature.ts).
    // Its plan's end in closed form too, from the initial weights: does any rate reach the least-squares fit (core/conditioningRule.ts)?
    const curvature = curvatureOfLinearModel(tf, model, lossNames(model), batch.trainingInputs, batch.rateSchedule ? undefined : { labels: batch.labels?.[0], initialValues: (variables) => initialWeights.valuesOf(variables), plannedSteps: batch.plannedSteps });
    if (curvature) await report({ type: 'probe', kind: 'curvature', factor: curvature.learningRate, losses: [curvature.lambdaMax, curvature.rowLambdaMax], rows: curvature.rows, momentum: curvature.momentum, ...(curvature.nesterov ? { nesterov: true } : {}), ...(curvature.conditioning ? { conditioning: curvature.conditioning } : {}) });
    // No hidden non-linearity: does any linear function of the inputs fit fit()'s labels (core/linearFitRule.ts)?
    const linearOutput = linearOutputLayer(profiler.layers.map((l) => l.info), outputs);
    const fit = linearOutput && batch.inputs?.length === 1 ? linearFit(tf, batch.inputs[0], batch.labels?.[0], outputs[0].units) : undefined;
    if (fit) await report({ type: 'probe', kind: 'linear', factor: 1, losses: [...fit.explained], rows: fit.rows, features: fit.features, ...(fit.shares ? { shares: [...fit.shares] } : {}), ...(fit.errors ? { errors: [fit.errors.chance, fit.errors.linear, fit.errors.neighbours] } : {}), ...(fit.squaredErrors ? { squaredErrors: [fit.squaredErrors.constant, fit.squaredErrors.linear, fit.squaredErrors.neighbours, fit.squaredErrors.gapError] } : {}) });
    // Large steps whose loss still falls: does a third of the rate end lower on the script's own batches (core/rateHorizon.ts)?
    await horizonProbes(probes);
    // Initializers set away from the default and a start far off: does the default initialisation train further, over the
    // seeded draws of the initializers (core/initProbeRule.ts)?
    await initProbes(probes, profiler.layers, outputs, draws);
    // Inputs far below unit scale: would the same steps get further with them at unit scale (core/inputRules)?
    await inputScaleProbes(probes, scale, plan.steps);
    // Inputs or regression targets far from unit scale: would the same steps train better standardised (core/scaleRules)?
    await scaleProbe(probes, scale?.rms, last);
    if (request.overfitBatch) {
      await send({ type: 'phase', phase: 'profiling', message: `Overfit one batch: up to ${OVERFIT_STEPS} steps on ${OVERFIT_ROWS} examples` });
      await report({ type: 'overfit', ...(await overfitOneBatch(tf, model, initialWeights, batch, request.thresholds?.overfitFraction ?? DEFAULT_THRESHOLDS.overfitFraction)) });
    }
    initialWeights.dispose();
    await send({ type: 'phase', phase: 'analyzing', message: 'Checking gradient health' });
    const findings = evidence.findings(request.thresholds);
    for (const finding of findings) await send({ type: 'finding', finding });
  } catch (error) {
    if (error instanceof VariableLoopFound) return profileCoreApiLoop(error, request, started);
    return finish(2, failure(error, 'profile'));
  }
  return finish(0, { type: 'done', steps: stepsTaken ?? request.steps, durationMs: Date.now() - started });
}

/** A core-API loop over bare tf.variables in place of a model: its variables profiled from its own loss closure (./variableProfile.ts). */
async function profileCoreApiLoop(found: VariableLoopFound, request: ProfileRequest, started: number): Promise<void> {
  let steps: number;
  try {
    runState.targetFound = true;
    disarmCustomLoops();
    steps = await profileVariableLoop(found.tf, found.loop, request, send, () => (runState.measuring = true));
  } catch (error) {
    return finish(2, failure(error, 'profile'));
  }
  return finish(0, { type: 'done', steps, durationMs: Date.now() - started });
}

/** Set while an LR sweep runs: a cancel then ends it after the current batch, with the partial result. */
let cancelSweep: ((reason: 'cancelled' | 'timeout') => void) | undefined;

async function findLearningRate(request: LrRequest): Promise<void> {
  const started = Date.now();
  let cancelled: 'cancelled' | 'timeout' | undefined;
  let steps = 0;
  try {
    const target = await loadTarget(request);
    const { tf, model, captured, ns } = target;
    runState.targetFound = true;
    disarmCustomLoops();
    await send({ type: 'phase', phase: 'data', message: 'Preparing the batches' });
    const data = await sweepBatches(tf, model, captured, ns?.sampleBatch, request.batchSize, request.steps);
    const labelsNote = checkBatchShapes(model, { ...data.batches[0], source: data.source, note: data.note }, captured?.method);
    if (labelsNote) data.note = `${data.note}; ${labelsNote}`;
    const sweep = prepareSweep(tf, model, data, request);
    await send({
      type: 'model',
      ...describeTarget(target),
      dataSource: data.source,
      dataNote: data.note,
      optimizer: sweep.optimizer.name,
      optimizerNote: sweep.optimizer.note,
      weightsNote: sweep.weightsNote,
      compileLocation: compileSiteOf(model),
      batchSize: data.batches[0].xs[0].shape[0] ?? 0,
      totalSteps: request.steps * request.repeats,
      layers: [],
    });
    await send({ type: 'phase', phase: 'sweeping', message: `Sweeping the learning rate from ${request.startLr} to ${request.endLr}` });
    runState.measuring = true;
    cancelSweep = (reason) => (cancelled = reason);
    const result = await sweep.run(
      (message) => {
        if (message.type === 'lrPoint') steps++;
        return send(message);
      },
      () => cancelled,
    );
    await send({ type: 'lrResult', result });
  } catch (error) {
    return finish(2, failure(error, 'sweep'));
  }
  if (cancelled) return finish(130, { type: 'error', kind: 'cancelled', message: 'Cancelled.' });
  return finish(0, { type: 'done', steps, durationMs: Date.now() - started });
}

/** `gradient-lens gradcheck`: every user-defined layer of the model against central finite differences. */
async function gradientCheck(request: GradcheckRequest): Promise<void> {
  const started = Date.now();
  let checked = 0;
  try {
    const { tf, model } = await loadTarget(request);
    disarmCustomLoops();
    const layers = userDefinedLayers(model);
    runState.measuring = true;
    await send({ type: 'phase', phase: 'profiling', message: `Checking ${layers.length} user-defined layer${layers.length === 1 ? '' : 's'} against finite differences` });
    for (const layer of layers) {
      const result = checkLayer(tf, layer);
      const className = layer.constructor.name || layer.getClassName();
      await send({ type: 'gradcheckLayer', name: layer.name, className, location: classDefinition(className, path.resolve(request.file), layer), ...result });
      checked++;
    }
  } catch (error) {
    return finish(2, failure(error, 'gradcheck'));
  }
  return finish(0, { type: 'done', steps: checked, durationMs: Date.now() - started });
}

/**
 * The user's own code failing on its own (an unhandled rejection or uncaught exception): before the model
 * is found it ends the run with its cause and line; after, it cannot change what is measured (e.g. a
 * script's model.save('file://…') after an un-awaited fit, on tfjs without tfjs-node) and is only logged.
 */
function onUserCodeFailure(error: unknown): void {
  // The stop thrown out of a custom training loop's first update, surfacing from the user's async code.
  if (hasFinished() || error instanceof CustomLoopStop) return;
  const report = classify(error, 'async');
  if (!runState.targetFound) return void finish(2, report);
  const where = report.location ? ` (${path.basename(report.location.file)}:${report.location.line})` : '';
  void send({ type: 'log', level: 'warn', text: `The script's own code failed after its model was captured (ignored, the measurement goes on): ${causeOf(error)}${where}` });
}

process.on('uncaughtException', onUserCodeFailure);
process.on('unhandledRejection', onUserCodeFailure);
guardCrashListeners();
keepUserFramesInStacks();
keepOutputTail();
process.on('message', (raw) => {
  let message;
  try {
    message = decodeHostMessage(raw);
  } catch (error) {
    void finish(2, { type: 'error', kind: 'bad-request', message: `Invalid request: ${(error as Error).message}` });
    return;
  }
  switch (message.type) {
    case 'cancel':
      if (cancelSweep) cancelSweep(message.reason ?? 'cancelled');
      else void finish(130, { type: 'error', kind: 'cancelled', message: 'Cancelled' });
      break;
    case 'prepare':
      prepareTfjs(message.anchorFile, message.backend, message.extensionRoot);
      break;
    case 'profileStart':
      void profile(message.request);
      break;
    case 'lrStart':
      void findLearningRate(message.request);
      break;
    case 'gradcheckStart':
      void gradientCheck(message.request);
      break;
    case 'watchStart':
      void watchTraining(message.request, { onCancel: (handler) => (cancelSweep = handler), failure: (error) => failure(error, 'watch') });
      break;
    default:
      unhandled(message);
  }
});
// The host is gone: end the runner and whatever the user's code started (the watchdog does the same when
// user code blocks this event loop).
process.on('disconnect', endProcessGroup);
