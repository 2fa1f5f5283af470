// What every command that runs a model file shares (Profile gradients, Find learning rate, and the runs to
// come): the trust and scheme checks, one run per file (a new run takes over from the one in flight),
// unsaved edits (ask, save, or run what is on disk and say so), the cancellable progress notification,
// asking for a missing export or factory arguments and running again, and the failure notification.
// Each command supplies a RunJob: how to start its runner and where its events and report go.
import * as vscode from 'vscode';
import type { RunnerError } from '../core/protocol';
import type { ArgumentsStore } from './argumentsStore';
import { showRunFailure } from './runFailure';
import { fileKey } from './resultsStore';
import { diskVersionNote, prepareDocuments, type Snapshot } from './unsavedDocuments';
import { explainRestrictedMode, UntrustedWorkspaceError } from './trust';

/** A runner job as the host client returns it (ProfileRun, LrRun). */
export interface RunHandle<R> {
  readonly pid: number | undefined;
  readonly result: Promise<R>;
  cancel(): Promise<R>;
}

export type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export interface RunOptions {
  /** A person asked (command, menu): unsaved edits and a missing export or arguments are asked about. */
  interactive: boolean;
}

/** One attempt of a command on one file; created again after the user supplied a missing export or arguments. */
export interface RunJob<R, Run extends RunHandle<R>> {
  /** Progress title and failure text: "profiling model.js", "finding the learning rate of model.js". */
  readonly what: string;
  /** Show that the file is running (called before any await, so the views never miss the start). */
  begin(): void;
  /** Starts the runner. `isCurrent` turns false once a newer run of the file took over. */
  start(progress: Progress, isCurrent: () => boolean): Run;
  /** The report of a run cancelled before its runner started. */
  cancelledReport(): R;
  /** Why the run did not succeed, or undefined when it did. */
  failureOf(report: R): Pick<RunnerError, 'kind' | 'message' | 'location'> | undefined;
  /**
   * The run ended (done, failed or cancelled); `current` is false when a newer run of the file replaced it;
   * `fromDisk` lists the documents it ran without their unsaved edits.
   */
  finish(report: R, current: boolean, fromDisk: readonly Snapshot[]): void;
  /** The command is over and no newer run of the file replaced it. */
  end(): void;
}

/** How many times one command may run again after asking (export, then arguments, …). */
const MAX_PROMPTS = 3;

interface Slot {
  cancel: vscode.CancellationTokenSource;
  run?: RunHandle<unknown>;
}

/** The runs of one kind of command, one per file. */
export class RunCommands {
  private readonly active = new Map<string, Slot>();
  private readonly pids = new Set<number>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
  ) {}

  /** Process ids of this command's runners that have not exited yet. */
  runnerPids(): number[] {
    return [...this.pids];
  }

  isRunning(file?: string): boolean {
    return file ? this.active.has(fileKey(file)) : this.active.size > 0;
  }

  /** Cancels the run of `file`, or all runs. Resolves once their runners are gone. */
  async cancel(file?: vscode.Uri | string): Promise<void> {
    const targets = file ? [fileKey(file)] : [...this.active.keys()];
    await Promise.all(
      targets.map((key) => {
        const slot = this.active.get(key);
        slot?.cancel.cancel();
        return slot?.run?.cancel();
      }),
    );
  }

  /**
   * Runs the job `create(uri)` makes and resolves with its report (a cancelled run resolves too, with
   * error kind "cancelled"). Rejects with UntrustedWorkspaceError in Restricted Mode, where nothing runs,
   * and with an Error naming the cause for a document that is not a file or settings that are not usable.
   */
  async execute<R, Run extends RunHandle<R>>(uri: vscode.Uri, options: RunOptions, create: (uri: vscode.Uri) => RunJob<R, Run>): Promise<R> {
    if (!vscode.workspace.isTrusted) {
      explainRestrictedMode();
      throw new UntrustedWorkspaceError();
    }
    if (uri.scheme !== 'file') throw new Error(`Gradient Lens runs model files from disk; ${uri.scheme}: documents cannot run.`);
    for (let prompts = 0; ; prompts++) {
      const job = create(uri);
      const documents = await prepareDocuments(uri, job.what, options.interactive, this.log);
      if (documents === 'cancelled') return job.cancelledReport();
      const { report, current } = await this.attempt(uri, job, documents);
      const failure = job.failureOf(report);
      if (!failure || failure.kind === 'cancelled' || !current) return report;
      const askAgain = options.interactive && prompts < MAX_PROMPTS && (await this.args.askForMissing(fileKey(uri), failure));
      if (!askAgain) {
        showRunFailure(this.log, uri, job.what, failure);
        return report;
      }
    }
  }

  private async attempt<R, Run extends RunHandle<R>>(uri: vscode.Uri, job: RunJob<R, Run>, documents: Snapshot[]): Promise<{ report: R; current: boolean }> {
    const file = fileKey(uri);
    // The slot is registered before any await, so a cancel from here on reaches this run.
    const previous = this.active.get(file);
    const slot: Slot = { cancel: new vscode.CancellationTokenSource() };
    this.active.set(file, slot);
    const isCurrent = () => this.active.get(file) === slot;
    job.begin();
    try {
      if (previous) {
        previous.cancel.cancel();
        await previous.run?.cancel();
      }
      const report = slot.cancel.token.isCancellationRequested ? job.cancelledReport() : await this.withProgress(job, slot, isCurrent, documents);
      job.finish(report, isCurrent(), documents);
      return { report, current: isCurrent() };
    } finally {
      if (isCurrent()) {
        this.active.delete(file);
        job.end();
      }
      slot.cancel.dispose();
    }
  }

  private withProgress<R, Run extends RunHandle<R>>(job: RunJob<R, Run>, slot: Slot, isCurrent: () => boolean, documents: Snapshot[]): Promise<R> {
    const note = diskVersionNote(documents);
    const title = `Gradient Lens: ${job.what}${note ? ` (${note})` : ''}`;
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const run = job.start(progress, isCurrent);
        slot.run = run;
        const pid = run.pid;
        if (pid !== undefined) this.pids.add(pid);
        void run.result.then(() => {
          if (pid !== undefined) this.pids.delete(pid);
        });
        return resultUnlessCancelled(run, token, slot.cancel.token);
      }),
    );
  }

  dispose(): void {
    void this.cancel();
  }
}

/**
 * The run's result; cancelled when any token asks (the progress notification's Cancel, a newer run of the
 * file, the Cancel command), also if one already has.
 */
export async function resultUnlessCancelled<R>(run: { result: Promise<R>; cancel(): Promise<unknown> }, ...tokens: vscode.CancellationToken[]): Promise<R> {
  const stop = () => void run.cancel();
  const subscriptions = tokens.map((t) => t.onCancellationRequested(stop));
  if (tokens.some((t) => t.isCancellationRequested)) stop();
  try {
    return await run.result;
  } finally {
    subscriptions.forEach((s) => s.dispose());
  }
}

/** The file a command applies to: its argument (explorer/editor menus, CodeLens), else the active editor. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? active : undefined;
}

/**
 * The command handler around `run`: explains Restricted Mode, asks for a file when there is none, and shows
 * an error that escaped the run (bad settings, a document that is not a file) as a notification.
 */
export function commandHandler<T>(purpose: string, run: (uri: vscode.Uri) => Promise<T>): (arg?: unknown) => Promise<T | undefined> {
  return async (arg?: unknown) => {
    if (!vscode.workspace.isTrusted) {
      explainRestrictedMode();
      return undefined;
    }
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(`Gradient Lens: open or select a JavaScript/TypeScript model file to ${purpose}.`);
      return undefined;
    }
    try {
      return await run(uri);
    } catch (error) {
      if (!(error instanceof UntrustedWorkspaceError)) void vscode.window.showErrorMessage(`Gradient Lens: ${(error as Error).message}`);
      return undefined;
    }
  };
}
