// `watchStart`: load the user's script as a profile would, but let its training run for real to its end
// (or Stop / maxSteps), streaming each step's loss and per-layer ‖g‖ in batches, a histogram sample
// every `every` steps, the epochs' logs, and findings as soon as they are confirmed. The run ends when
// the script's event loop has nothing left to do, when it calls process.exit, or on Stop; what was
// measured until then has been sent already.
import * as path from 'node:path';
import type { Finding, RunnerMessage, WatchRequest } from '../core/protocol';
import type { WatchStep } from '../core/watchProtocol';
import type { WatchRules } from '../core/watchRules';
import { watchPlan, watchRulesFor, type WatchPlan } from '../core/watchEnd';
import { DiscoveryError, type TrainingCalls } from './discovery';
import { finish, send } from './ipc';
import { loadTarget, runState } from './loadTarget';
import type { Tf } from './tfjsResolve';
import { TrainingWatch } from './watchTraining';
import { compileSiteOf, optimizerSiteOf } from './callSites';
import { learningRateSite } from './rateValueSite';
import { innerModel } from './data';
import { dataLocationsOf } from './tensorSites';
import { ParsedSources } from './valueOriginSites';
import { withOriginSites } from '../core/originSites';
import { noInputLossOf } from './watchNoInput';

/** Steps are sent at most this often (one IPC message per batch of steps). */
const SEND_EVERY_MS = 100;

export interface WatchDeps {
  /** Stop (host 'cancel'): end the run with what was measured. */
  onCancel(handler: (reason: 'cancelled' | 'timeout') => void): void;
  /** The error message for a failure of the user's code or of loading. */
  failure(error: unknown): RunnerMessage;
}

export async function watchTraining(request: WatchRequest, deps: WatchDeps): Promise<void> {
  const started = Date.now();
  let watch: TrainingWatch | undefined;
  let rules: WatchRules | undefined;
  let trainingError: unknown;
  const pending: WatchStep[] = [];
  let lastSent = 0;
  let ending = false;

  // Training starts inside loadTarget (at the script's first fit call), before discovery knows how it
  // found the model: the `model` message waits for that, and everything after it waits for the model.
  let modelMessage: Extract<RunnerMessage, { type: 'model' }> | undefined;
  let held: RunnerMessage[] | undefined = [];
  const emit = (message: RunnerMessage) => (held ? void held.push(message) : void send(message));
  const release = (target?: { discovery: string; exportName?: string; discoveryNote?: string; lossNote?: string }) => {
    if (!held || !modelMessage) return;
    const discovery = target?.discovery === 'training-entry' ? 'training-entry' : 'training-script';
    void send({ ...modelMessage, discovery, exportName: target?.exportName, discoveryNote: target?.discoveryNote, lossNote: target?.lossNote });
    for (const message of held) void send(message);
    held = undefined;
  };

  const flush = () => {
    if (pending.length) emit({ type: 'watchSteps', steps: pending.splice(0) });
    lastSent = Date.now();
  };
  const report = (findings: Finding[]) => {
    if (!findings.length) return;
    flush(); // the steps a finding names reach the host before it
    // Where the data and the loss the finding involves were defined, as profile relates them (core/originSites.ts).
    for (const finding of withOriginSites(findings, modelMessage ?? {})) emit({ type: 'finding', finding });
  };

  // The script's planned training and whether each step sees the same batch, for the loss curve's verdict at the end.
  let plan: WatchPlan = { sameBatch: false };
  // The run reached the step bound (maxSteps): the script's plan would have gone on, so its end is not judged.
  let bounded = false;
  const end = async (code: number, last: RunnerMessage): Promise<never> => {
    ending = true;
    if (watch) {
      watch.stopping = true;
      watch.emitStep();
    }
    // However the run ended (its end, Stop, maxSteps, the time limit), the whole curve measured is judged.
    if (rules) report(rules.atEnd(plan.steps, plan.sameBatch, plan.orderRepeats, last.type === 'done' && !bounded));
    flush();
    release();
    return finish(code, last);
  };
  const done = () => (ending ? undefined : void end(0, { type: 'done', steps: watch?.step ?? 0, durationMs: Date.now() - started }));
  deps.onCancel((reason) => {
    if (!ending) void end(130, { type: 'error', kind: 'cancelled', message: reason === 'timeout' ? 'Timed out.' : 'Cancelled.' });
  });

  const intercept = (tf: Tf): TrainingCalls => {
    watch = new TrainingWatch(tf, request.every, request.maxSteps, {
      onModel(model, layers, capture) {
        const d = watch!.describe(capture);
        // The data sites and compile() usually share a file: one parse for all of them (runner/valueOriginSites.ts).
        const sources = new ParsedSources();
        const compileLocation = compileSiteOf(model);
        modelMessage = {
          type: 'model',
          modelName: model.name,
          className: model.getClassName(),
          discovery: 'training-script',
          dataSource: 'fit',
          dataNote: d.dataNote,
          loss: d.loss,
          optimizer: d.optimizer,
          batchSize: d.batchSize,
          totalSteps: request.maxSteps !== undefined && d.totalSteps ? Math.min(d.totalSteps, request.maxSteps) : (request.maxSteps ?? d.totalSteps),
          layers,
          // What the rules read, sent so that the host can judge the run the same way if the runner is killed (core/watchEnd.ts).
          compileLocation,
          lossDefinition: sources.lossDefinitionOf(compileLocation),
          optimizerLocation: learningRateSite(optimizerSiteOf(innerModel(model).optimizer)),
          dataLocations: sources.withValueOrigins(dataLocationsOf(capture)),
          plannedSteps: d.totalSteps || undefined,
          sameBatch: d.sameBatch,
          orderRepeats: d.orderRepeats,
        };
        rules = watchRulesFor(modelMessage, request.thresholds);
        rules.setNoInputLoss(noInputLossOf(tf, model, capture));
        plan = watchPlan(modelMessage);
        emit({ type: 'phase', phase: 'training', message: `Training with ${capture.method}()` });
      },
      onStep(step) {
        pending.push(step);
        report(rules!.observe(step));
        if (Date.now() - lastSent >= SEND_EVERY_MS) flush();
        if (request.maxSteps !== undefined && step.step + 1 >= request.maxSteps) {
          bounded = true;
          setImmediate(done);
        }
      },
      onNonFinite(step, layer, phase, detail) {
        report(rules!.nonFinite(step, layer, phase, detail));
      },
      onEpoch(epoch, step, logs, validationSplit) {
        flush();
        emit({ type: 'watchEpoch', epoch, step, logs, ...(validationSplit !== undefined ? { validationSplit } : {}) });
        report(rules!.observeEpoch({ epoch, step, logs }));
      },
      onValidation(reading) {
        flush();
        emit({ type: 'watchValidation', ...reading });
        report(rules!.observeValidation(reading));
      },
      send(message) {
        if (message.type === 'watchSample') report(rules!.observeSample(message));
        flush();
        emit(message);
      },
    });
    const calls = watch.intercept();
    return calls;
  };

  let target: Awaited<ReturnType<typeof loadTarget>>;
  try {
    target = await loadTarget(request, intercept);
    runState.targetFound = runState.measuring = true;
    if (!target.captured) {
      const what = target.discovery === 'model-export' ? `exports the model "${target.exportName}"` : `builds its model in "${target.exportName}"`;
      throw new DiscoveryError(
        'no-model',
        `${path.basename(request.file)} ${what} but never trains it: Watch training follows the script's own fit(), fitDataset() or trainOnBatch() calls. Watch the script that trains the model, or use Profile gradients on this file.`,
      );
    }
  } catch (error) {
    return finish(2, deps.failure(error));
  }
  release(target);
  // A training call that fails reaches the runner as an unhandled rejection (main.ts logs it): remember the first.
  process.once('unhandledRejection', (error) => (trainingError ??= error));

  // The script's end: nothing left on its event loop (the IPC channel must not count), or process.exit.
  const channel = (process as unknown as { channel?: { unref(): void; ref(): void } }).channel;
  channel?.unref();
  process.once('beforeExit', () => {
    channel?.ref();
    // The script's training call failed (after its first steps too: a fit() callback's error ends its training):
    // the run ended by that error, reported with its line, not as a training that ran to its end.
    if (watch?.trainingFailure) return void end(2, deps.failure(watch.trainingFailure.error));
    if (watch && watch.step === 0 && trainingError !== undefined) return void end(2, deps.failure(trainingError));
    done();
  });
  process.exit = ((code?: number) => {
    channel?.ref();
    if (code && watch && watch.step === 0) return void end(2, { type: 'error', kind: 'user-exit', message: `The script called process.exit(${code}) before its first training step.` });
    done();
  }) as typeof process.exit;
}
