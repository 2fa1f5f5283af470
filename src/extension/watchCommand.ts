// "Watch training": runs the model file's own training to its end in a runner (host client startWatch), with
// the shared run-command steps (runCommand.ts: trust, scheme, one run per file, unsaved edits, the export and
// arguments prompts, the cancellable notification whose Cancel is Stop). While it trains, the results store
// gets the latest step's numbers twice a second (decorations, hovers, diagnostics, CodeLens and status bar
// render from it, saying which step), and the panel's Training tab gets the steps in batches four times a
// second. The run is written to a run file as it goes (RunStore); Stop ends training and keeps what was
// recorded, in the store, the panel and the file.
import * as path from 'path';
import * as v from 'valibot';
import * as vscode from 'vscode';
import { formatNumber } from '../core/format';
import { profileReportOfWatch } from '../core/liveReport';
import { WatchRequest, type LayerInfo, type RunnerMessage } from '../core/protocol';
import { flattenFinding } from '../core/report';
import { evaluateValidation, fitValidation, trainingEpoch, trainingFinding, trainingLayers, trainingSample, trainingSteps, validationMessage, validationReadings, type TrainingMessage } from '../core/trainingFeed';
import type { TrainingLayer } from '../core/panelTraining';
import { emptyWatchState, type WatchReport } from '../core/watchReport';
import type { WatchStep } from '../core/watchProtocol';
import { startWatch, type WatchRun } from '../host/client';
import type { ArgumentsStore } from './argumentsStore';
import { readSettings, readWatchSettings, runnerClientOptions, runTarget } from './config';
import { COMMANDS } from './constants';
import { logRunnerMessage } from './log';
import type { PanelManager } from './panel';
import { fileKey, type ResultsStore } from './resultsStore';
import { commandHandler, RunCommands, type RunJob, type RunOptions } from './runCommand';
import type { RunStore } from './runStore';

export interface WatchOptions extends RunOptions {
  /** Overrides of gradientLens.watch.every and a step limit (the tests' short runs). */
  every?: number;
  maxSteps?: number;
}

/** The views re-render from the store at most this often while training runs. */
const STORE_INTERVAL_MS = 500;
/** Steps reach the panel in batches at most this often. */
const PANEL_INTERVAL_MS = 250;

const END_STATUS = { cancelled: 'cancelled', timeout: 'timeout' } as const;

export class WatchCommand implements vscode.Disposable {
  private readonly runs: RunCommands;
  private readonly results = new Map<string, WatchReport>();

  constructor(
    private readonly extensionPath: string,
    private readonly store: ResultsStore,
    private readonly panels: PanelManager,
    private readonly runStore: RunStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
  ) {
    this.runs = new RunCommands(log, args);
  }

  runnerPids(): number[] {
    return this.runs.runnerPids();
  }

  /** Stops the watch of `file`, or all: training ends, what was recorded is kept. Resolves once the runner is gone. */
  stop(file?: vscode.Uri | string): Promise<void> {
    return this.runs.cancel(file);
  }

  /** The last watch of `uri` that recorded steps (finished or stopped). */
  lastReport(uri: vscode.Uri | string): WatchReport | undefined {
    return this.results.get(fileKey(uri));
  }

  /**
   * Watches `uri` train. Resolves with the final report (a Stop resolves it as failed with error kind
   * "cancelled" and partial: true when steps were recorded). Rejects with UntrustedWorkspaceError in
   * Restricted Mode, where nothing runs, and with an Error naming the setting that cannot make a request.
   */
  watch(uri: vscode.Uri, options: WatchOptions = { interactive: false }): Promise<WatchReport> {
    return this.runs.execute(uri, options, (target) => this.job(target, options));
  }

  private job(uri: vscode.Uri, options: WatchOptions): RunJob<WatchReport, WatchRun> {
    const file = fileKey(uri);
    const name = path.basename(file);
    const settings = readSettings(uri);
    const watchSettings = readWatchSettings(uri);
    const every = options.every ?? watchSettings.every;
    const parsed = v.safeParse(WatchRequest, { ...runTarget(uri, settings, this.args, this.extensionPath), thresholds: settings.thresholds, every, maxSteps: options.maxSteps });
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const key = issue.path?.map((p) => String(p.key)).join('.');
      throw new Error(`The watch settings are not usable${key ? ` (gradientLens.watch.${key})` : ''}: ${issue.message}.`);
    }
    const request = parsed.output;
    let live: LiveFeed | undefined;
    return {
      what: `watching ${name} train`,
      begin: () => {
        this.store.setRunning(file, { kind: 'watch', message: `Watching ${name}: starting` });
        this.panels.show(file, 'training', true);
      },
      start: (progress, isCurrent) => {
        const runFile = this.runStore.newRunPath(file, 'watch');
        this.log.info(`watching ${file} train (histograms every ${every} steps${request.maxSteps ? `, at most ${request.maxSteps} steps` : ''}, backend ${request.backend}); run file ${runFile}`);
        const feed = new LiveFeed(file, every, this.panels, (report, step) => this.store.set(profileReportOfWatch(report, feed.model), { step: step.step, epoch: step.epoch, loss: step.loss, running: true }));
        live = feed;
        const onMessage = (message: RunnerMessage) => {
          logRunnerMessage(this.log, message);
          if (!isCurrent()) return;
          if (message.type === 'phase') {
            progress.report({ message: message.message || message.phase });
            this.store.setRunning(file, { kind: 'watch', message: `Watching ${name}: ${message.message || message.phase}` });
          }
          const step = feed.receive(message, run.report);
          if (step) {
            const text = `step ${step.step} · epoch ${step.epoch} · loss ${formatNumber(step.loss)}`;
            progress.report({ message: text });
            this.store.setRunning(file, { kind: 'watch', message: `Watching ${name}: ${text}`, step: step.step });
          }
        };
        const run = startWatch(request, { ...runnerClientOptions(settings, this.extensionPath), timeoutMs: watchSettings.timeoutMs, runFile }, onMessage);
        return run;
      },
      cancelledReport: () => ({ ...emptyWatchState(file).report, status: 'failed', error: { type: 'error', kind: 'cancelled', message: 'Cancelled.' } }),
      failureOf: (report) => (report.status === 'failed' ? report.error : undefined),
      finish: (report, current) => {
        live?.close(report);
        if (report.stepCount === 0 || !current) return;
        this.results.set(file, report);
        const last = report.timeline[report.timeline.length - 1];
        this.store.set(profileReportOfWatch(report, live?.model ?? []), { step: report.lastStep ?? 0, epoch: last?.epoch ?? 0, loss: last?.loss ?? NaN, running: false });
        if (report.error?.kind === 'cancelled') {
          void vscode.window.showInformationMessage(`Gradient Lens: stopped watching ${name} after ${report.stepCount} steps; the run is kept (Gradient Lens: Open stored run).`);
        }
      },
      end: () => this.store.setRunning(file, undefined),
    };
  }

  dispose(): void {
    this.runs.dispose();
  }
}

/**
 * One watch's stream to the views: keeps the model's layers, batches steps for the panel and throttles the
 * store, and tells the panel how to replay the run so far (a panel opened or reloaded mid-run).
 */
class LiveFeed {
  model: LayerInfo[] = [];
  private layers: TrainingLayer[] | undefined;
  private pending: WatchStep[] = [];
  private lastStep: WatchStep | undefined;
  private report: WatchReport | undefined;
  private panelTimer: NodeJS.Timeout | undefined;
  private storeTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = new Date().toISOString();
  private ended: TrainingMessage | undefined;

  constructor(
    private readonly file: string,
    private readonly every: number,
    private readonly panels: PanelManager,
    private readonly storeUpdate: (report: WatchReport, step: WatchStep) => void,
  ) {}

  /** Takes one runner message; returns the newest step when it brought steps. */
  receive(message: RunnerMessage, report: WatchReport): WatchStep | undefined {
    this.report = report;
    switch (message.type) {
      case 'model':
        this.model = message.layers;
        return undefined;
      case 'watchSteps': {
        if (!message.steps.length) return undefined;
        if (!this.layers) {
          this.layers = trainingLayers(message.steps[0], report.layers);
          this.panels.setTraining(this.file, () => this.replay());
        } else this.pending.push(...message.steps);
        this.lastStep = message.steps[message.steps.length - 1];
        this.panelTimer ??= setTimeout(() => this.flushPanel(), PANEL_INTERVAL_MS);
        this.storeTimer ??= setTimeout(() => this.flushStore(), STORE_INTERVAL_MS);
        return this.lastStep;
      }
      case 'watchSample':
        if (this.layers) this.panels.postTraining(this.file, trainingSample(message));
        return undefined;
      case 'watchEpoch':
        if (this.layers) this.post([trainingEpoch(message), ...validationMessage(fitValidation(message))]);
        return undefined;
      case 'watchValidation':
        // The steps before the reading first: the panel draws it at its step.
        if (this.layers) this.post(validationMessage(evaluateValidation(message)));
        return undefined;
      case 'finding':
        if (this.layers) this.panels.postTraining(this.file, trainingFinding(flattenFinding(message.finding)));
        this.storeTimer ??= setTimeout(() => this.flushStore(), STORE_INTERVAL_MS);
        return undefined;
      default:
        return undefined;
    }
  }

  /** Pending steps first (a reading or an epoch is drawn at a step the chart must already have), then `messages`. */
  private post(messages: TrainingMessage[]): void {
    if (!messages.length) return;
    clearTimeout(this.panelTimer);
    this.flushPanel();
    for (const message of messages) this.panels.postTraining(this.file, message);
  }

  /** The run so far, as a panel that (re)loads needs it: the bounded timeline, not every step. */
  private replay(): TrainingMessage[] {
    const report = this.report;
    if (!report || !this.layers) return [];
    this.pending = [];
    const layers = this.layers;
    return [
      { type: 'trainingStarted', run: { mode: 'watch', file: this.file, startedAt: this.startedAt, every: this.every, backend: report.backend, tfjs: report.tfjsVersion, live: !this.ended, runFile: report.runFile, layers } },
      { type: 'trainingSteps', steps: trainingSteps(report.timeline, layers) },
      ...report.samples.map(trainingSample),
      ...report.epochs.map(trainingEpoch),
      ...validationMessage(validationReadings(report.epochs, report.validation)),
      ...report.findings.map(trainingFinding),
      ...(this.ended ? [this.ended] : []),
    ];
  }

  private flushPanel(): void {
    this.panelTimer = undefined;
    if (!this.layers || !this.pending.length) return;
    this.panels.postTraining(this.file, { type: 'trainingSteps', steps: trainingSteps(this.pending, this.layers) });
    this.pending = [];
  }

  private flushStore(): void {
    this.storeTimer = undefined;
    if (this.report && this.lastStep && !this.ended) this.storeUpdate(this.report, this.lastStep);
  }

  /** The run is over: the last steps and its end go to the panel; no more store updates. */
  close(report: WatchReport): void {
    clearTimeout(this.storeTimer);
    clearTimeout(this.panelTimer);
    this.flushPanel();
    this.report = report;
    const kind = report.error?.kind;
    const status = report.status === 'done' ? 'done' : kind === 'cancelled' || kind === 'timeout' ? END_STATUS[kind] : 'error';
    const steps = `${report.stepCount} step${report.stepCount === 1 ? '' : 's'}, ${report.epochs.length} epoch${report.epochs.length === 1 ? '' : 's'}`;
    const message = status === 'done' ? steps : status === 'cancelled' ? `stopped after ${steps}; the run is kept` : `${steps}: ${report.error?.message ?? ''}`;
    this.ended = { type: 'trainingEnded', status, message };
    if (this.layers) this.panels.postTraining(this.file, this.ended);
  }
}

/** Watch training and Stop (palette, menus, CodeLens, the status bar and the panel's Cancel). */
export function registerWatchCommands(watcher: WatchCommand): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.watchTraining, commandHandler('watch it train', (uri) => watcher.watch(uri, { interactive: true }))),
    vscode.commands.registerCommand(COMMANDS.stopWatch, (arg?: unknown) => watcher.stop(arg instanceof vscode.Uri ? arg : undefined)),
  );
}
