// The "Profile gradients" and "Cancel" commands: command → host client → runner, with a cancellable
// progress notification (the shared run-command steps are in runCommand.ts); the finished report goes into
// the results store, moved onto the unsaved text's lines when the saved version ran.
import * as path from 'path';
import * as vscode from 'vscode';
import { stepProgress } from '../core/plateau';
import { unhandled } from '../core/exhaustive';
import type { RunnerMessage } from '../core/protocol';
import type { ProfileReport } from '../core/report';
import { startProfile, type ClientOptions, type ProfileRun } from '../host/client';
import { startProfileFittingMemory } from '../host/fitMemory';
import { RunnerPool } from '../host/runnerPool';
import { RunFileWriter } from '../host/runFileWriter';
import type { ArgumentsStore } from './argumentsStore';
import { readSettings, runnerClientOptions, runTarget } from './config';
import { logRunnerMessage } from './log';
import { fileKey, type ResultsStore } from './resultsStore';
import { RunCommands, type RunJob, type RunOptions } from './runCommand';
import type { RunStore } from './runStore';
import { editsSinceSnapshots } from './unsavedDocuments';

export interface ProfileOptions extends RunOptions {
  /** Also run the overfit-one-batch check after profiling. */
  overfitBatch?: boolean;
}

const PHASE_TITLE: Record<string, string> = {
  loading: 'Loading',
  building: 'Building the model',
  data: 'Preparing data',
  profiling: 'Profiling',
  analyzing: 'Analyzing',
};

/** Step 0 is shown while a profile still runs when the run is not over this long after it. */
const SHOW_STEP0_AFTER_MS = 1500;

export class ProfileCommand implements vscode.Disposable {
  private readonly runs: RunCommands;
  /** The warm runner pool for the current runner options (rebuilt when the settings change them). */
  private pool?: { key: string; pool: RunnerPool };

  constructor(
    private readonly extensionPath: string,
    private readonly store: ResultsStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
    /** Where each profile is kept as a run file (Compare runs, Open stored run). */
    private readonly runStore?: RunStore,
  ) {
    this.runs = new RunCommands(log, args);
  }

  /** Process ids of runners that have not exited yet. */
  runnerPids(): number[] {
    return this.runs.runnerPids();
  }

  isRunning(): boolean {
    return this.runs.isRunning();
  }

  /** Cancels the runs of `file`, or all runs. Resolves once their runners are gone. */
  cancel(file?: string): Promise<void> {
    return this.runs.cancel(file);
  }

  /**
   * Profiles `uri` and stores the result. Resolves with the final report (a cancelled run resolves with
   * status "failed" and error kind "cancelled"; it leaves the previous results in place unless it measured
   * steps, which are stored marked partial). Rejects with
   * UntrustedWorkspaceError in Restricted Mode, where nothing runs.
   */
  profile(uri: vscode.Uri, options: ProfileOptions): Promise<ProfileReport> {
    return this.runs.execute(uri, options, (target) => this.job(target, options.overfitBatch === true));
  }

  private job(uri: vscode.Uri, overfitBatch: boolean): RunJob<ProfileReport, ProfileRun> {
    const file = fileKey(uri);
    const settings = readSettings(uri);
    const remembered = this.args.get(file);
    return {
      what: `profiling ${path.basename(file)}`,
      begin: () => this.store.setRunning(file, { message: 'Starting' }),
      start: (progress) => {
        const totalSteps = settings.steps;
        let phase = 'Starting';
        let showStep0: NodeJS.Timeout | undefined;
        const runFile = this.runStore && new RunFileWriter(this.runStore.newRunPath(file, 'profile'), { mode: 'profile', file });
        const onMessage = (message: RunnerMessage) => {
          logRunnerMessage(this.log, message);
          runFile?.write(message);
          switch (message.type) {
            case 'phase':
              phase = PHASE_TITLE[message.phase] ?? message.phase;
              progress.report({ message: message.message || phase });
              this.store.setRunning(file, { message: phase, totalSteps });
              break;
            case 'step':
              progress.report({ message: `${phase}: ${stepProgress(message.step, totalSteps)}`, increment: message.step <= totalSteps ? 100 / (totalSteps + 1) : 0 });
              this.store.setRunning(file, { message: phase, step: message.step, totalSteps });
              // A slow model shows step 0 while the other steps run; a fast profile ends before and renders once.
              if (message.step === 0) {
                showStep0 = setTimeout(() => {
                  if (run.report.status === 'running') this.store.set(run.report);
                }, SHOW_STEP0_AFTER_MS);
              }
              break;
            case 'hello':
            case 'model':
            case 'finding':
            case 'log':
            case 'error':
            case 'done':
            case 'lrPoint':
            case 'watchSteps':
            case 'watchSample':
            case 'watchEpoch':
            case 'watchValidation':
            case 'lrRepeatDone':
            case 'lrResult':
            case 'probe':
            case 'overfit':
            case 'probeStop':
            case 'gradcheckLayer':
              break; // logged above; the report gets them from the host client
            default:
              unhandled(message);
          }
        };
        this.log.info(`profiling ${file}${remembered.exportName ? ` export "${remembered.exportName}"` : ''}${remembered.args ? ` args ${JSON.stringify(remembered.args)}` : ''}${remembered.scriptArgs ? ` script args ${remembered.scriptArgs}` : ''} (${settings.steps} steps, backend ${settings.backend})`);
        const request = { ...runTarget(uri, settings, this.args, this.extensionPath), steps: settings.steps, thresholds: settings.thresholds, overfitBatch };
        const clientOptions = runnerClientOptions(settings, this.extensionPath);
        // A batch that does not fit the memory limit is profiled again with half the rows (host/fitMemory.ts).
        const run = startProfileFittingMemory(request, clientOptions, onMessage, (r, o, m) => (settings.keepRunnerWarm ? this.warmPool(clientOptions).profile(r, m) : startProfile(r, o, m)));
        void run.result.then(() => {
          clearTimeout(showStep0);
          runFile?.close();
        });
        return run;
      },
      cancelledReport: () => ({ file, status: 'failed', layers: [], steps: [], findings: [], partial: false, error: { type: 'error', kind: 'cancelled', message: 'Cancelled.' } }),
      failureOf: (report) => (report.status === 'failed' ? report.error : undefined),
      finish: (report, _current, fromDisk) => {
        // A cancelled run that measured nothing leaves the previous results; one that measured steps shows them.
        if (report.error?.kind === 'cancelled' && !report.partial) return;
        this.store.set(report);
        for (const { file: edited, edits } of editsSinceSnapshots(fromDisk)) if (edits.length) this.store.applyEdits(edited, edits);
      },
      end: () => this.store.setRunning(file, undefined),
    };
  }

  private warmPool(options: ClientOptions): RunnerPool {
    const key = JSON.stringify(options);
    if (this.pool?.key !== key) {
      this.pool?.pool.dispose();
      this.pool = { key, pool: new RunnerPool({ ...options, extensionRoot: this.extensionPath }) };
    }
    return this.pool.pool;
  }

  /** Process id of the idle warm runner, if one is prepared. */
  warmRunnerPid(): number | undefined {
    return this.pool?.pool.warmPid;
  }

  dispose(): void {
    this.runs.dispose();
    this.pool?.pool.dispose();
  }
}
