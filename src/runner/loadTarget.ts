// What profiling, the LR range test and the gradient check share: load tfjs and the backend, load the
// user's module, find the model (export, factory, or the model of an intercepted training call) and make
// sure it is compiled.
import * as path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import type { BackendChoice, GradcheckRequest, LrRequest, ProfileRequest, RunnerMessage, RunnerMessageOf, WatchRequest } from '../core/protocol';
import { installCompileCapture, installLayerCreationCapture, installLoadCapture, installOptimizerCapture } from './callSites';
import { installTensorCreationCapture, stopTensorCapture } from './tensorSites';
import { innerModel } from './data';
import { lossNames } from './modelShapes';
import { classExportsNote, defaultObjectNote, instanceMethodsNote, DiscoveryError, discoverModel, interceptTraining, isLayersModel, type Capture, type TrainingCalls } from './discovery';
import { CustomLoopStop, type CustomLoop } from './customLoop';
import { loadUserModule, warmUpTranspiler } from './moduleLoader';
import { rememberTrainOnBatch } from './lrSweep';
import { rememberBuiltInLayers } from './gradientCheck';
import { loadTfjs, type Tf, type TfjsInstance } from './tfjsResolve';
import { chooseDefaultLoss } from './defaultLoss';
import { classify, lastOutputSaid, markModuleLoaded, markUserCodeStart, runtime, unreachedTrainingCall } from './failures';
import { startWatchdog } from './watchdog';
import { installVariableCreationCapture, LAYERS_ONLY, variableLoopMessage, type VariableLoop } from './variableLoop';
import { rememberOpenedFiles } from './lfsPointers';
import { caughtExit, send, trapProcessExit } from './ipc';
import { servingMessage, watchServers, whenOnlyServing, type ServerWatch } from './serverWait';

export const runState = {
  /** Set once the model is found or captured: an error the user's code raises on its own after that is only logged. */
  targetFound: false,
  /** Set when the steps start: a failure before is the model's building or data preparation. */
  measuring: false,
};

const NO_MODEL =
  'No model found: the module exports no tf.LayersModel, no model factory (default export, createModel, buildModel, getModel), and never calls fit/fitDataset/trainOnBatch.';

/**
 * Waits for a training call when the module exported no model; gives up when the event loop goes idle, or when
 * the program only serves requests (a listening server and nothing else pending: serverWait.ts).
 */
function waitForTrainingCall<T = Capture>(capture: Promise<T>, servers: ServerWatch, idleMessage = NO_MODEL, ranTowardTraining = true): Promise<T> {
  return new Promise((resolve, reject) => {
    const channel = (process as unknown as { channel?: { unref(): void; ref(): void } }).channel;
    const stopServingWatch = whenOnlyServing(servers, () => {
      process.off('beforeExit', onIdle);
      const serving = servingMessage(servers);
      reject(new DiscoveryError('no-model', idleMessage + serving.text, undefined, serving.location));
    });
    // The program ran to its end (nothing left on the event loop) without building a model: what it printed
    // last is most often why (an error it caught and logged, e.g. a database it could not reach).
    const onIdle = () => {
      stopServingWatch();
      const exit = caughtExit();
      if (exit) return reject(exit);
      // A file that calls fit itself but ended before it: what it printed while loading counts too.
      const unreached = ranTowardTraining ? unreachedTrainingCall(runtime.modelFile) : '';
      const said = lastOutputSaid(true) || (unreached ? lastOutputSaid() : '');
      const ended = said ? `${idleMessage} The program ended before any model was built or trained.${said} If that reports an error, it is the likely cause: fix it and run again.` : idleMessage;
      reject(new DiscoveryError('no-model', ended + unreached));
    };
    process.once('beforeExit', onIdle);
    channel?.unref();
    capture.then((c) => {
      stopServingWatch();
      channel?.ref();
      process.off('beforeExit', onIdle);
      resolve(c);
    });
  });
}

const defaultExtensionRoot = () => path.resolve(__dirname, '..');

/** A core-API loop in place of a model: an error for the work that needs a model, the loop itself for a profile. */
export class VariableLoopFound extends DiscoveryError {
  constructor(
    readonly loop: VariableLoop,
    readonly tf: Tf,
  ) {
    super('no-model', variableLoopMessage(loop, LAYERS_ONLY), undefined, loop.site);
  }
}

/** A warm runner has tfjs loaded before the request arrives; the host only sends a request whose file resolves tfjs the same way. */
let prepared: { backend: BackendChoice; tfjs: Promise<TfjsInstance> } | undefined;

/** An error already classified (load-time errors are classified where they happen). */
export class Classified extends Error {
  constructor(readonly report: RunnerMessage) {
    super('classified');
  }
}

export interface Target {
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
export async function loadTarget(
  request: ProfileRequest | LrRequest | GradcheckRequest | WatchRequest,
  intercept: (tf: Tf, limitSeconds?: number) => TrainingCalls = interceptTraining,
): Promise<Target> {
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
  runtime.tfjsReason = tfjsReason;
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
  installLoadCapture(tf);
  installCompileCapture(tf);
  installOptimizerCapture(tf);
  installVariableCreationCapture(tf);
  installTensorCreationCapture(tf);
  rememberBuiltInLayers(tf);
  rememberTrainOnBatch(tf);
  // Profiling stops the script at its first training call; watching lets it train (runner/watchTraining.ts).
  const training = intercept(tf, request.timeoutSeconds);
  // From the first training call on, the model is captured: what the script does next cannot change it.
  void training.next.then(() => {
    runState.targetFound = true;
    stopTensorCapture();
  });

  await send({ type: 'phase', phase: 'loading', message: `Loading ${path.basename(file)}` });
  // From here on user code may block this thread; the watchdog's thread starts now, not while tfjs loads.
  startWatchdog();
  let ns: Record<string, unknown> | undefined;
  let captured: Capture | undefined;
  rememberOpenedFiles();
  const servers = watchServers();
  markUserCodeStart();
  try {
    const outcome = await Promise.race([loadUserModule(file).then((m) => ({ m })), training.next.then((c) => ({ c }))]);
    ns = 'm' in outcome ? outcome.m : undefined;
    markModuleLoaded();
    // A training call made while the module loaded wins over its exports, whichever promise settled first.
    captured = 'c' in outcome ? outcome.c : training.first;
  } catch (error) {
    // A synchronous custom loop at the top level: the stop thrown at its first update ends the module's load.
    if (!(error instanceof CustomLoopStop)) throw new Classified(classify(error, 'load'));
    markModuleLoaded();
  }

  await send({ type: 'phase', phase: 'building', message: 'Finding the model' });
  if (!captured && training.loop) return customLoopTarget(tf, training.loop, ns);
  if (!captured && training.variableLoop) throw new VariableLoopFound(training.variableLoop, tf);
  const found = captured ? undefined : await discoverModel(ns ?? {}, request.exportName, request.args, training);
  if (found && 'awaiting' in found) {
    const next = await waitForTrainingCall<Capture | VariableLoop>(
      Promise.race([training.next, ...(training.nextVariableLoop ? [training.nextVariableLoop] : [])]),
      servers,
      `No model found: "${found.awaiting}" returned undefined, not a tf.LayersModel, and no fit/fitDataset/trainOnBatch call followed before the program went idle.`,
    );
    if ('variables' in next) throw new VariableLoopFound(next, tf);
    captured = next;
    return { ...(await compiledTarget(tf, captured.model)), discovery: 'training-entry', exportName: found.awaiting, captured, ns };
  }
  if (!found && !captured) {
    // A fit() inside an exported class or function that nothing called was never on the way: only a module
    // that exports nothing callable (a script) ran toward its training call.
    const script = !Object.values(ns ?? {}).some((v) => typeof v === 'function');
    const next = await waitForTrainingCall<Capture | CustomLoop | VariableLoop>(
      Promise.race([training.next, ...(training.nextLoop ? [training.nextLoop] : []), ...(training.nextVariableLoop ? [training.nextVariableLoop] : [])]),
      servers,
      NO_MODEL + classExportsNote(ns ?? {}) + instanceMethodsNote(ns ?? {}) + defaultObjectNote(ns ?? {}),
      script,
    );
    if ('variables' in next) throw new VariableLoopFound(next, tf);
    if (!('method' in next)) return customLoopTarget(tf, next, ns);
    captured = next;
  }
  if (found) captured = found.captured;
  stopTensorCapture();
  const model = found ? found.model : captured!.model;
  return { ...(await compiledTarget(tf, model)), discovery: found ? found.discovery : 'training-script', exportName: found?.exportName, discoveryNote: found?.note, captured, ns };
}

/** The model a custom training loop updates, stopped at its first update: profiled on synthesized batches. */
async function customLoopTarget(tf: Tf, loop: CustomLoop, ns: Record<string, unknown> | undefined): Promise<Target> {
  runState.targetFound = true;
  stopTensorCapture();
  const where = `${path.basename(loop.site.file)}:${loop.site.line}`;
  const discoveryNote =
    loop.predictingFor !== undefined
      ? `The script was still calling predict() on this compiled model (at ${where}) ${Math.round(loop.predictingFor)} s after it started, before any fit() — half the run's time limit: it was stopped there and the model profiled on synthesized batches of its input shape. To profile it on the script's own data, export a function that builds the model and a small sampleBatch, or let the script reach its fit() sooner (fewer games or rows first), or raise the timeout.`
      : `The script trains this model with its own loop (its optimizer update at ${where}), not fit(): it was stopped at that first update and profiled on synthesized batches of the model's input shape — the loop's own data and loss are inside its code.`;
  return { ...(await compiledTarget(tf, loop.model)), discovery: 'training-script', discoveryNote, ns };
}

/** The fields of the `model` message that say which model was found and how, the same for every kind of work. */
export function describeTarget(target: Target): Pick<RunnerMessageOf<'model'>, 'modelName' | 'className' | 'discovery' | 'exportName' | 'discoveryNote' | 'loss' | 'lossNote'> {
  const { model } = target;
  return { modelName: model.name, className: model.getClassName(), discovery: target.discovery, exportName: target.exportName, discoveryNote: target.discoveryNote, loss: lossNames(model).join(', '), lossNote: target.lossNote };
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

/** One tiny forward/backward pass so the first real step does not pay the backend's first-use costs. */
function warmUpKernels(tf: Tf): void {
  tf.tidy(() => {
    const w = tf.variable(tf.randomNormal([4, 3]), true, 'gradient_lens_warm_up');
    tf.variableGrads(() => tf.losses.softmaxCrossEntropy(tf.oneHot([0, 1], 3), tf.sigmoid(tf.matMul(tf.ones([2, 4]), w))) as never, [w]);
    w.dispose();
  });
}

/** Warm start: load tfjs and the backend as a profile of anchorFile would, before the request arrives. */
export function prepareTfjs(anchorFile: string, backend: BackendChoice, extensionRoot?: string): void {
  const tfjs = loadTfjs(path.resolve(anchorFile), extensionRoot ?? defaultExtensionRoot(), backend).then((instance) => {
    warmUpKernels(instance.tf);
    return instance;
  });
  tfjs.catch(() => undefined); // reported when a request uses it
  prepared = { backend, tfjs };
  warmUpTranspiler();
}

/** Compiles an uncompiled model with a loss chosen from its last activation; returns the note for the report. */
function ensureCompiled(tf: Tf, model: LayersModel): string | undefined {
  const inner = innerModel(model);
  if (inner.optimizer && inner.lossFunctions?.length) return undefined;
  const { loss, reason } = chooseDefaultLoss(model);
  model.compile({ optimizer: tf.train.adam(1e-3), loss });
  return `The model was not compiled: profiling with loss ${loss} (${reason}) and Adam(lr 1e-3).`;
}
