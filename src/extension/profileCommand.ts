// The "Profile gradients" and "Cancel" commands: command → host client → runner, with a cancellable
// progress notification; the finished report goes into the results store. Asks for an export or factory
// arguments when the runner needs them, remembers the answer and runs again.
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunnerMessage } from '../core/protocol';
import type { ProfileReport } from '../core/report';
import { startProfile, type ClientOptions, type ProfileRun } from '../host/client';
import { RunnerPool } from '../host/runnerPool';
import type { ArgumentsStore } from './argumentsStore';
import { readSettings, runnerClientOptions, runTarget } from './config';
import { logRunnerMessage } from './log';
import { showRunFailure } from './runFailure';
import { fileKey, type ResultsStore } from './resultsStore';
import { resultUnlessCancelled, takeOver, type RunSlot } from './runSlot';
import { explainRestrictedMode, UntrustedWorkspaceError } from './trust';

export interface ProfileOptions {
  /** Ask (QuickPick / InputBox) when the runner needs an export or arguments. */
  interactive: boolean;
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

/** How many times one command may re-run after asking the user (export, then arguments, …). */
const MAX_PROMPTS = 3;

export class ProfileCommand implements vscode.Disposable {
  /** Per file: the run in flight, and the cancellation of the whole command (also before the run starts). */
  private readonly active = new Map<string, RunSlot<ProfileRun>>();
  private readonly pids = new Set<number>();
  /** The warm runner pool for the current runner options (rebuilt when the settings change them). */
  private pool?: { key: string; pool: RunnerPool };

  constructor(
    private readonly extensionPath: string,
    private readonly store: ResultsStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
  ) {}

  /** Process ids of runners that have not exited yet. */
  runnerPids(): number[] {
    return [...this.pids];
  }

  isRunning(): boolean {
    return this.active.size > 0;
  }

  /** Cancels the runs of `file`, or all runs. Resolves once their runners are gone. */
  async cancel(file?: string): Promise<void> {
    const targets = file ? [fileKey(file)] : [...this.active.keys()];
    const waits: Promise<unknown>[] = [];
    for (const key of targets) {
      const active = this.active.get(key);
      if (!active) continue;
      active.cancel.cancel();
      if (active.run) waits.push(active.run.cancel());
    }
    await Promise.all(waits);
  }

  /**
   * Profiles `uri` and stores the result. Resolves with the final report (a cancelled run resolves with
   * status "failed" and error kind "cancelled" and leaves the previous results in place). Rejects with
   * UntrustedWorkspaceError in Restricted Mode, where nothing runs.
   */
  async profile(uri: vscode.Uri, options: ProfileOptions, prompts = 0): Promise<ProfileReport> {
    if (!vscode.workspace.isTrusted) {
      explainRestrictedMode();
      throw new UntrustedWorkspaceError();
    }
    if (uri.scheme !== 'file') throw new Error(`Gradient Lens profiles files on disk, not ${uri.scheme}: documents.`);
    const file = fileKey(uri);
    // A new profile of a file replaces the one in flight. The slot is registered before any await, so a
    // cancel issued at any moment from here on reaches this command.
    const previous = this.active.get(file);
    const cancel = new vscode.CancellationTokenSource();
    const slot: RunSlot<ProfileRun> = { cancel };
    this.active.set(file, slot);
    this.store.setRunning(file, { message: 'Starting' });
    try {
      await takeOver(previous, file);
      if (cancel.token.isCancellationRequested) return this.cancelledReport(file);
      const report = await this.run(uri, file, slot, options.overfitBatch === true);
      const cancelled = report.status === 'failed' && report.error?.kind === 'cancelled';
      // A cancelled run that measured nothing leaves the previous results; one that measured steps shows them.
      if (cancelled && !report.partial) return report;
      this.store.set(report);
      if (cancelled) return report;
      if (report.status === 'failed') return await this.handleFailure(uri, report, options, prompts);
      return report;
    } finally {
      if (this.active.get(file) === slot) {
        this.active.delete(file);
        this.store.setRunning(file, undefined);
      }
      cancel.dispose();
    }
  }

  private cancelledReport(file: string): ProfileReport {
    return { file, status: 'failed', layers: [], steps: [], findings: [], partial: false, error: { type: 'error', kind: 'cancelled', message: 'Cancelled.' } };
  }

  private run(uri: vscode.Uri, file: string, slot: RunSlot<ProfileRun>, overfitBatch: boolean): Promise<ProfileReport> {
    const settings = readSettings(uri);
    const remembered = this.args.get(file);
    const title = `Gradient Lens: ${path.basename(file)}`;
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const totalSteps = settings.steps;
        let phase = 'Starting';
        let showStep0: NodeJS.Timeout | undefined;
        const onMessage = (message: RunnerMessage) => {
          logRunnerMessage(this.log, message);
          if (message.type === 'phase') {
            phase = PHASE_TITLE[message.phase] ?? message.phase;
            progress.report({ message: message.message || phase });
            this.store.setRunning(file, { message: phase, totalSteps });
          } else if (message.type === 'step') {
            progress.report({ message: `${phase}: step ${message.step}/${totalSteps}`, increment: 100 / (totalSteps + 1) });
            this.store.setRunning(file, { message: phase, step: message.step, totalSteps });
            // A slow model shows step 0 while the other steps run; a fast profile ends before and renders once.
            if (message.step === 0) {
              showStep0 = setTimeout(() => {
                if (slot.run?.report.status === 'running') this.store.set(slot.run.report);
              }, SHOW_STEP0_AFTER_MS);
            }
          }
        };
        this.log.info(`profiling ${file}${remembered.exportName ? ` export "${remembered.exportName}"` : ''}${remembered.args ? ` args ${JSON.stringify(remembered.args)}` : ''}${remembered.scriptArgs ? ` script args ${remembered.scriptArgs}` : ''} (${settings.steps} steps, backend ${settings.backend})`);
        const request = { ...runTarget(uri, settings, this.args, this.extensionPath), steps: settings.steps, thresholds: settings.thresholds, overfitBatch };
        const clientOptions = runnerClientOptions(settings, this.extensionPath);
        const run = settings.keepRunnerWarm ? this.warmPool(clientOptions).profile(request, onMessage) : startProfile(request, clientOptions, onMessage);
        slot.run = run;
        const pid = run.pid;
        if (pid !== undefined) this.pids.add(pid);
        void run.result.then(() => {
          clearTimeout(showStep0);
          if (pid !== undefined) this.pids.delete(pid);
        });
        return resultUnlessCancelled(run, token, slot.cancel.token);
      }),
    );
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

  private async handleFailure(uri: vscode.Uri, report: ProfileReport, options: ProfileOptions, prompts: number): Promise<ProfileReport> {
    const error = report.error!;
    const file = fileKey(uri);
    if (options.interactive && prompts < MAX_PROMPTS && (await this.args.askForMissing(file, error))) return this.profile(uri, options, prompts + 1);
    this.showError(uri, report);
    return report;
  }

  private showError(uri: vscode.Uri, report: ProfileReport): void {
    showRunFailure(this.log, uri, `profiling ${path.basename(report.file)}`, report.error!);
  }

  dispose(): void {
    void this.cancel();
    this.pool?.pool.dispose();
  }
}
