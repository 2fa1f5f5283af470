// Runner entry: the child process that loads the user's model file and profiles it or runs the LR range
// test. It talks only over the IPC channel (user code owns stdout/stderr) and exits as soon as the work is
// done, because a training script intercepted at fit() never finishes by itself.
import * as path from 'node:path';
import {
  decodeHostMessage,
  encodeMessage,
  type BackendChoice,
  type GradcheckRequest,
  type LrRequest,
  type ProfileRequest,
  type RunnerMessage,
} from '../core/protocol';
import { DEFAULT_THRESHOLDS, evaluateHealth } from '../core/health';
import { compileSiteOf, installCompileCapture, installLayerCreationCapture, userCallSite } from './callSites';
import type { LayersModel } from '@tensorflow/tfjs';
import { batchFromCapture, batchFromExport, checkBatchShapes, innerModel, lossNames, sweepBatches, synthesizeBatch } from './data';
import { DiscoveryError, discoverModel, interceptTraining, isLayersModel, type Capture } from './discovery';
import { loadUserModule, warmUpTranspiler } from './moduleLoader';
import { prepareSweep, rememberTrainOnBatch } from './lrSweep';
import { GradientProfiler, OVERFIT_ROWS, OVERFIT_STEPS, overfitOneBatch } from './gradientProfiler';
import { checkLayer, classDefinition, rememberBuiltInLayers, userDefinedLayers } from './gradientCheck';
import { loadTfjs, type Tf, type TfjsInstance } from './tfjsResolve';
import { chooseDefaultLoss } from './defaultLoss';
import { causeOf, classify, guardCrashListeners, keepOutputTail, lastOutputSaid, markModuleLoaded, runtime, UserExit } from './failures';
import { endProcessGroup, startWatchdog } from './watchdog';
import { unhandled } from '../core/exhaustive';

const realExit = process.exit.bind(process);
let finished = false;

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(encodeMessage(message), undefined, undefined, () => resolve());
  });
}

/**
 * Output the user's code wrote but the pipe has not taken yet: process.exit() would drop it (10 MB
 * printed while loading arrived as an arbitrary ~100-200 KB, without the host's truncation notice).
 */
function flushed(stream: NodeJS.WriteStream, limitMs: number): Promise<void> {
  if (!stream.writableLength) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    stream.write('', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function finish(code: number, last?: RunnerMessage): Promise<never> {
  finished = true;
  await Promise.all([flushed(process.stdout, 2000), flushed(process.stderr, 2000)]);
  if (last) await send(last);
  return realExit(code);
}

function trapProcessExit(): void {
  process.exit = ((code?: number) => {
    if (finished) return realExit(code);
    // Throwing stops the user's code path without ending the runner; the error is reported as user-exit.
    throw new UserExit(code, userCallSite());
  }) as typeof process.exit;
}

type Work = 'profile' | 'sweep' | 'gradcheck';

const NO_MODEL =
  'No model found: the module exports no tf.LayersModel, no model factory (default export, createModel, buildModel, getModel), and never calls fit/fitDataset/trainOnBatch.';

/** Waits for a training call when the module exported no model; gives up when the event loop goes idle. */
function waitForTrainingCall(capture: Promise<Capture>, idleMessage = NO_MODEL): Promise<Capture> {
  return new Promise((resolve, reject) => {
    const channel = (process as unknown as { channel?: { unref(): void; ref(): void } }).channel;
    // The program ran to its end (nothing left on the event loop) without building a model: what it printed
    // last is most often why (an error it caught and logged, e.g. a database it could not reach).
    const onIdle = () => {
      const said = lastOutputSaid(true);
      reject(new DiscoveryError('no-model', said ? `${idleMessage} The program ended before any model was built or trained.${said} If that reports an error, it is the likely cause: fix it and run again.` : idleMessage));
    };
    process.once('beforeExit', onIdle);
    channel?.unref();
    capture.then((c) => {
      channel?.ref();
      process.off('beforeExit', onIdle);
      resolve(c);
    });
  });
}

const defaultExtensionRoot = () => path.resolve(__dirname, '..');

/** A warm runner has tfjs loaded before the request arrives; the host only sends a request whose file resolves tfjs the same way. */
let prepared: { backend: BackendChoice; tfjs: Promise<TfjsInstance> } | undefined;

/** An error already classified (load-time errors are classified where they happen). */
class Classified extends Error {
  constructor(readonly report: RunnerMessage) {
    super('classified');
  }
}

interface Target {
  tf: Tf;
  model: LayersModel;
  discovery: 'model-export' | 'factory' | 'training-script' | 'training-entry';
  exportName?: string;
  discoveryNote?: string;
  lossNote?: string;
  captured?: Capture;
  ns?: Record<string, unknown>;
}

/**
 * What profiling and the LR range test share: load tfjs and the backend, load the user's module, find the
 * model (export, factory, or the model of an intercepted training call) and make sure it is compiled.
 */
async function loadTarget(request: ProfileRequest | LrRequest | GradcheckRequest): Promise<Target> {
  const file = path.resolve(request.file);
  runtime.modelFile = file;
  const extensionRoot = request.extensionRoot ?? defaultExtensionRoot();
  if (request.cwd) process.chdir(request.cwd);
  giveScriptItsArguments(file, request.scriptArgs ?? []);
  trapProcessExit();

  await send({ type: 'phase', phase: 'loading', message: 'Loading TensorFlow.js' });
  const { tf, version, source, tfjsReason, backend, backendReason } = await (prepared?.backend === request.backend
    ? prepared.tfjs
    : loadTfjs(file, extensionRoot, request.backend));
  runtime.tfjsVersion = version;
  runtime.backend = backend;
  await send({
    type: 'hello',
    pid: process.pid,
    nodeVersion: process.version,
    tfjsVersion: version,
    tfjsSource: source,
    tfjsReason,
    backend,
    backendReason,
  });
  // After tfjs is loaded: with source maps on, Node would read and parse tfjs's own large .map files.
  // The user's transpiled files carry inline maps, so their stack frames map to their own lines.
  process.setSourceMapsEnabled(true);
  installLayerCreationCapture(tf);
  installCompileCapture(tf);
  rememberBuiltInLayers(tf);
  rememberTrainOnBatch(tf);
  const training = interceptTraining(tf);
  // From the first training call on, the model is captured: what the script does next cannot change it.
  void training.next.then(() => (targetFound = true));

  await send({ type: 'phase', phase: 'loading', message: `Loading ${path.basename(file)}` });
  // From here on user code may block this thread; the watchdog's thread starts now, not while tfjs loads.
  startWatchdog();
  let ns: Record<string, unknown> | undefined;
  let captured: Capture | undefined;
  try {
    const outcome = await Promise.race([loadUserModule(file).then((m) => ({ m })), training.next.then((c) => ({ c }))]);
    ns = 'm' in outcome ? outcome.m : undefined;
    markModuleLoaded();
    // A training call made while the module loaded wins over its exports, whichever promise settled first.
    captured = 'c' in outcome ? outcome.c : training.first;
  } catch (error) {
    throw new Classified(classify(error, 'load'));
  }

  await send({ type: 'phase', phase: 'building', message: 'Finding the model' });
  const found = captured ? undefined : await discoverModel(ns ?? {}, request.exportName, request.args, training);
  if (found && 'awaiting' in found) {
    captured = await waitForTrainingCall(
      training.next,
      `No model found: "${found.awaiting}" returned undefined, not a tf.LayersModel, and no fit/fitDataset/trainOnBatch call followed before the program went idle.`,
    );
    return { ...(await compiledTarget(tf, captured.model)), discovery: 'training-entry', exportName: found.awaiting, captured, ns };
  }
  if (!found && !captured) captured = await waitForTrainingCall(training.next);
  if (found) captured = found.captured;
  const model = found ? found.model : captured!.model;
  return { ...(await compiledTarget(tf, model)), discovery: found ? found.discovery : 'training-script', exportName: found?.exportName, discoveryNote: found?.note, captured, ns };
}

async function compiledTarget(tf: Tf, model: unknown): Promise<{ tf: Tf; model: LayersModel; lossNote?: string }> {
  if (!isLayersModel(model)) throw new DiscoveryError('no-model', 'The discovered value is not a tf.LayersModel.');
  return { tf, model, lossNote: ensureCompiled(tf, model) };
}

/**
 * The user's script sees the command line it would see under `node FILE ARGS…` (argparse, yargs and
 * commander read process.argv), never the runner's own. Electron-as-Node counts as a default app, so
 * yargs' hideBin and commander take argv[2…] as the arguments there too.
 */
function giveScriptItsArguments(file: string, scriptArgs: string[]): void {
  process.argv = [process.argv[0], file, ...scriptArgs];
  if (process.versions.electron && (process as { defaultApp?: boolean }).defaultApp === undefined) {
    (process as { defaultApp?: boolean }).defaultApp = true;
  }
}

/** Set once the model is found or captured: an error the user's code raises on its own after that is only logged. */
let targetFound = false;
/** Set when the steps start: a failure before is the model's building or data preparation. */
let measuring = false;

const failure = (error: unknown, work: Work) => (error instanceof Classified ? error.report : classify(error, measuring ? work : 'building'));

async function profile(request: ProfileRequest): Promise<void> {
  const started = Date.now();
  try {
    const { tf, model, discovery, exportName, discoveryNote, lossNote, captured, ns } = await loadTarget(request);
    targetFound = true;
    await send({ type: 'phase', phase: 'data', message: 'Preparing the batch' });
    const batch = captured
      ? await batchFromCapture(tf, captured, request.batchSize)
      : ns?.sampleBatch !== undefined
        ? await batchFromExport(tf, model, ns.sampleBatch, request.batchSize)
        : synthesizeBatch(tf, model, request.batchSize);
    checkBatchShapes(model, batch);
    const profiler = new GradientProfiler(tf, model);
    const inner = innerModel(model);
    const outputs = profiler.outputInfo(batch, lossNames(model));
    // The overfit check starts from the weights as they were before profiling moved them.
    const initialWeights = request.overfitBatch ? model.getWeights().map((w) => w.clone()) : undefined;
    await send({
      type: 'model',
      modelName: model.name,
      className: model.getClassName(),
      discovery,
      exportName,
      discoveryNote,
      dataSource: batch.source,
      dataNote: batch.note,
      loss: lossNames(model).join(', '),
      lossNote,
      optimizer: inner.optimizer.getClassName(),
      batchSize: batch.xs[0].shape[0] ?? 0,
      totalSteps: request.steps,
      layers: profiler.layers.map((l) => l.info),
      outputs,
    });
    await send({ type: 'phase', phase: 'profiling', message: 'Computing gradients' });
    measuring = true;
    for (let step = 0; step <= request.steps; step++) {
      const record = await profiler.step(step, batch, step < request.steps);
      await send({ type: 'step', ...record });
    }
    let overfit: { batchSize: number; losses: number[] } | undefined;
    if (initialWeights) {
      await send({ type: 'phase', phase: 'profiling', message: `Overfit one batch: up to ${OVERFIT_STEPS} steps on ${OVERFIT_ROWS} examples` });
      overfit = await overfitOneBatch(tf, model, initialWeights, batch, request.thresholds?.overfitFraction ?? DEFAULT_THRESHOLDS.overfitFraction);
      tf.dispose(initialWeights);
      await send({ type: 'overfit', ...overfit });
    }
    await send({ type: 'phase', phase: 'analyzing', message: 'Checking gradient health' });
    const findings = evaluateHealth(
      profiler.layers.map((l) => l.info),
      profiler.records,
      request.thresholds,
      profiler.nonFiniteOrigin,
      { outputs, overfit },
    );
    for (const finding of findings) await send({ type: 'finding', finding });
  } catch (error) {
    return finish(2, failure(error, 'profile'));
  }
  return finish(0, { type: 'done', steps: request.steps, durationMs: Date.now() - started });
}

/** Set while an LR sweep runs: a cancel then ends it after the current batch, with the partial result. */
let cancelSweep: ((reason: 'cancelled' | 'timeout') => void) | undefined;

async function findLearningRate(request: LrRequest): Promise<void> {
  const started = Date.now();
  let cancelled: 'cancelled' | 'timeout' | undefined;
  let steps = 0;
  try {
    const { tf, model, discovery, exportName, discoveryNote, lossNote, captured, ns } = await loadTarget(request);
    targetFound = true;
    await send({ type: 'phase', phase: 'data', message: 'Preparing the batches' });
    const data = await sweepBatches(tf, model, captured, ns?.sampleBatch, request.batchSize, request.steps);
    checkBatchShapes(model, { ...data.batches[0], source: data.source, note: data.note });
    const sweep = prepareSweep(tf, model, data, request);
    await send({
      type: 'model',
      modelName: model.name,
      className: model.getClassName(),
      discovery,
      exportName,
      discoveryNote,
      dataSource: data.source,
      dataNote: data.note,
      loss: lossNames(model).join(', '),
      lossNote,
      optimizer: sweep.optimizer.name,
      optimizerNote: sweep.optimizer.note,
      weightsNote: sweep.weightsNote,
      compileLocation: compileSiteOf(model),
      batchSize: data.batches[0].xs[0].shape[0] ?? 0,
      totalSteps: request.steps * request.repeats,
      layers: [],
    });
    await send({ type: 'phase', phase: 'sweeping', message: `Sweeping the learning rate from ${request.startLr} to ${request.endLr}` });
    measuring = true;
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
    const layers = userDefinedLayers(model);
    measuring = true;
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

/** One tiny forward/backward pass so the first real step does not pay the backend's first-use costs. */
function warmUpKernels(tf: Tf): void {
  tf.tidy(() => {
    const w = tf.variable(tf.randomNormal([4, 3]), true, 'gradient_lens_warm_up');
    tf.variableGrads(() => tf.losses.softmaxCrossEntropy(tf.oneHot([0, 1], 3), tf.sigmoid(tf.matMul(tf.ones([2, 4]), w))) as never, [w]);
    w.dispose();
  });
}

/** Compiles an uncompiled model with a loss chosen from its last activation; returns the note for the report. */
function ensureCompiled(tf: Tf, model: import('@tensorflow/tfjs').LayersModel): string | undefined {
  const inner = innerModel(model);
  if (inner.optimizer && inner.lossFunctions?.length) return undefined;
  const { loss, reason } = chooseDefaultLoss(model);
  model.compile({ optimizer: tf.train.adam(1e-3), loss });
  return `The model was not compiled: profiling with loss ${loss} (${reason}) and Adam(lr 1e-3).`;
}

/**
 * The user's own code failing on its own (an unhandled rejection or uncaught exception): before the model
 * is found it ends the run with its cause and line; after, it cannot change what is measured (e.g. a
 * script's model.save('file://…') after an un-awaited fit, on tfjs without tfjs-node) and is only logged.
 */
function onUserCodeFailure(error: unknown): void {
  if (finished) return;
  const report = classify(error, 'async');
  if (!targetFound) return void finish(2, report);
  const where = report.location ? ` (${path.basename(report.location.file)}:${report.location.line})` : '';
  void send({ type: 'log', level: 'warn', text: `The script's own code failed after its model was captured (ignored, the measurement goes on): ${causeOf(error)}${where}` });
}

process.on('uncaughtException', onUserCodeFailure);
process.on('unhandledRejection', onUserCodeFailure);
guardCrashListeners();
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
    case 'prepare': {
      const tfjs = loadTfjs(path.resolve(message.anchorFile), message.extensionRoot ?? defaultExtensionRoot(), message.backend).then((instance) => {
        warmUpKernels(instance.tf);
        return instance;
      });
      tfjs.catch(() => undefined); // reported when a request uses it
      prepared = { backend: message.backend, tfjs };
      warmUpTranspiler();
      break;
    }
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
      void finish(2, { type: 'error', kind: 'internal', message: 'This runner cannot watch training yet.' });
      break;
    default:
      unhandled(message);
  }
});
// The host is gone: end the runner and whatever the user's code started (the watchdog does the same when
// user code blocks this event loop).
process.on('disconnect', endProcessGroup);
