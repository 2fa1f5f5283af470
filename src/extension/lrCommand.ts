// "Find learning rate": the LR range test of a model file in a runner (the same trust rule, runner
// settings and export/arguments as profiling), with a cancellable progress notification, points streamed
// live into the file's panel (LR tab), and the last result kept per file. "Apply" turns a suggested rate
// into a source edit (core/lrEdit), shows it as a diff with an Apply/Cancel notification, and applies it
// as one normal undoable edit. (VS Code's refactor preview was the other candidate, but it shows edits
// that need confirmation unchecked, so its Apply button alone applies nothing.)
import * as path from 'path';
import * as v from 'valibot';
import * as vscode from 'vscode';
import { formatLearningRate } from '../core/format';
import type { LrEditResult } from '../core/lrEdit';
import { emptyLrReport, type LrReport } from '../core/lrReport';
import { LrRequest, type RunnerMessage } from '../core/protocol';
import { startLrSweep, type LrRun } from '../host/client';
import type { ArgumentsStore } from './argumentsStore';
import { readLrSettings, readSettings, runnerClientOptions, runTarget, type LrSettings, type Settings } from './config';
import { targetUri } from './commands';
import { COMMANDS } from './constants';
import { logRunnerMessage } from './log';
import { showRunFailure } from './runFailure';
import type { PanelManager } from './panel';
import { fileKey } from './resultsStore';
import { resultUnlessCancelled, takeOver, type RunSlot } from './runSlot';
import { loadSourceTools } from './sourceToolsLoader';
import { explainRestrictedMode, UntrustedWorkspaceError } from './trust';

/** Per file: the command in flight, cancellable before and after its runner starts. */
type Slot = RunSlot<LrRun>;

function cancelledReport(file: string): LrReport {
  return { ...emptyLrReport(file), status: 'failed', error: { type: 'error', kind: 'cancelled', message: 'Cancelled.' } };
}

export interface FindOptions {
  /** Ask (QuickPick / InputBox) when the runner needs an export or factory arguments. */
  interactive: boolean;
}

/** How many times one command may run again after asking (export, then arguments, …). */
const MAX_PROMPTS = 3;

/** Proposed file contents shown on the right of the Apply diff. */
const PROPOSED_SCHEME = 'gradient-lens-proposed';

export type ApplyOutcome = { applied: true; line: number; text: string } | { applied: false; reason: string };

export class LrCommand implements vscode.Disposable {
  private readonly active = new Map<string, Slot>();
  private readonly results = new Map<string, LrReport>();
  private readonly proposed = new Map<string, string>();
  private readonly proposedProvider: vscode.Disposable;
  private proposals = 0;

  constructor(
    private readonly extensionPath: string,
    private readonly panels: PanelManager,
    private readonly log: vscode.LogOutputChannel,
    private readonly args: ArgumentsStore,
  ) {
    this.proposedProvider = vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, { provideTextDocumentContent: (uri) => this.proposed.get(uri.toString()) ?? '' });
  }

  /** The last finished sweep of `uri` (done or failed; a cancelled sweep keeps the previous one). */
  lastReport(uri: vscode.Uri | string): LrReport | undefined {
    return this.results.get(fileKey(uri));
  }

  async cancel(uri?: vscode.Uri | string): Promise<void> {
    const targets = uri ? [fileKey(uri)] : [...this.active.keys()];
    await Promise.all(
      targets.map((key) => {
        const slot = this.active.get(key);
        slot?.cancel.cancel();
        return slot?.run?.cancel();
      }),
    );
  }

  /**
   * Runs the range test on `uri` with gradientLens.lr.* (or `overrides`), showing it live in the file's
   * panel. Resolves with the sweep's report (failed with kind "cancelled" when cancelled). Rejects with
   * UntrustedWorkspaceError in Restricted Mode, where nothing runs. Interactive: asks for a missing
   * export or factory arguments (remembered per file, shared with profiling) and runs again.
   */
  async find(uri: vscode.Uri, overrides: Partial<LrSettings> = {}, options: FindOptions = { interactive: false }, prompts = 0): Promise<LrReport> {
    if (!vscode.workspace.isTrusted) {
      explainRestrictedMode();
      throw new UntrustedWorkspaceError();
    }
    if (uri.scheme !== 'file') throw new Error(`Gradient Lens runs files on disk, not ${uri.scheme}: documents.`);
    const file = fileKey(uri);
    const settings = readSettings(uri);
    const lr = { ...readLrSettings(uri), ...overrides };
    const parsed = v.safeParse(LrRequest, { ...runTarget(uri, settings, this.args, this.extensionPath), ...lr });
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const key = issue.path?.map((p) => String(p.key)).join('.');
      throw new Error(`The learning-rate settings are not usable${key ? ` (gradientLens.lr.${key})` : ''}: ${issue.message}.`);
    }
    const request = parsed.output;
    // A new sweep of a file replaces the one in flight; the slot exists before any await so a cancel
    // from now on reaches this command.
    const previous = this.active.get(file);
    const slot: Slot = { cancel: new vscode.CancellationTokenSource() };
    this.active.set(file, slot);
    this.panels.show(file, 'lr', true);
    this.panels.postLr(file, { type: 'lrStarted', request });
    this.panels.setStatus(file, true, 'Starting');
    let askAgain = false;
    try {
      await takeOver(previous, file);
      const report = slot.cancel.token.isCancellationRequested ? cancelledReport(file) : await this.run(request, { ...settings, timeoutMs: lr.timeoutMs }, slot);
      if (report.status === 'done' && report.result) {
        this.results.set(file, report);
        this.panels.setStatus(file, false, `Done: ${report.result.reason}`);
        return report;
      }
      // A cancelled sweep keeps the partial curve it streamed; the last finished result stays the file's.
      // A sweep replaced by a newer one says nothing more to the panel, which shows the newer one.
      const cancelled = report.error?.kind === 'cancelled';
      const message = report.error?.message ?? 'The sweep ended without a result.';
      if (this.active.get(file) === slot) {
        this.panels.postLr(file, { type: 'lrFailed', message });
        this.panels.setStatus(file, false, cancelled ? 'Cancelled' : `Failed: ${message}`);
      }
      if (!cancelled) {
        this.results.set(file, report);
        askAgain = options.interactive && prompts < MAX_PROMPTS && !!report.error && (await this.args.askForMissing(file, report.error));
        if (!askAgain) showRunFailure(this.log, uri, `finding the learning rate of ${path.basename(file)}`, report.error ?? { kind: 'internal', message });
      }
      if (!askAgain) return report;
    } finally {
      if (this.active.get(file) === slot) this.active.delete(file);
      slot.cancel.dispose();
    }
    return this.find(uri, overrides, options, prompts + 1);
  }

  private run(request: LrRequest, settings: Settings, slot: Slot): Promise<LrReport> {
    const file = request.file;
    const total = request.steps * request.repeats;
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Gradient Lens: learning rate of ${path.basename(file)}`, cancellable: true }, async (progress, token) => {
        let reported = 0;
        const onMessage = (message: RunnerMessage) => {
          logRunnerMessage(this.log, message);
          // Points of a sweep being replaced (its runner is still stopping) must not mix into the new one.
          if (this.active.get(file) !== slot) return;
          switch (message.type) {
            case 'phase':
              progress.report({ message: message.message || message.phase });
              this.panels.setStatus(file, true, message.message || message.phase);
              break;
            case 'lrPoint': {
              const { repeat, step, lr, loss, smoothed } = message;
              this.panels.postLr(file, { type: 'lrPoint', repeat, step, lr, loss, smoothed });
              const done = repeat * request.steps + step + 1;
              const text = `${request.repeats > 1 ? `repeat ${repeat + 1}/${request.repeats}, ` : ''}step ${step + 1}/${request.steps}, lr ${formatLearningRate(lr)}`;
              progress.report({ message: text, increment: (Math.max(reported, done) - reported) * (100 / total) });
              reported = Math.max(reported, done);
              this.panels.setStatus(file, true, `Sweeping: ${text}`);
              break;
            }
            case 'lrRepeatDone':
              this.log.info(`learning rate: repeat ${message.repeat + 1} ${message.stoppedEarly ? 'stopped early' : 'finished'}: ${message.reason}`);
              this.panels.postLr(file, { type: 'lrRepeatDone', repeat: message.repeat, stoppedEarly: message.stoppedEarly, reason: message.reason });
              break;
            case 'lrResult':
              this.panels.postLr(file, { type: 'lrResult', result: message.result });
              break;
          }
        };
        this.log.info(`learning rate range test of ${file}: ${request.startLr} → ${request.endLr} (${request.mode}), ${request.steps} steps × ${request.repeats} repeats, backend ${request.backend}`);
        const run = startLrSweep(request, runnerClientOptions(settings, this.extensionPath), onMessage);
        slot.run = run;
        return resultUnlessCancelled(run, token, slot.cancel.token);
      }),
    );
  }

  /**
   * Sets the learning rate in `uri`'s source to `lr` (the edit core/lrEdit computes): shows the change
   * as a diff next to the file and asks Apply / Cancel; on Apply, applies it as a normal undoable edit.
   */
  async apply(uri: vscode.Uri, lr: number): Promise<ApplyOutcome> {
    const lrText = formatLearningRate(lr);
    const name = path.basename(uri.fsPath);
    const document = await vscode.workspace.openTextDocument(uri);
    const computed = this.computeEdit(document, lr);
    if (!computed.ok) {
      const copy = 'Copy learning rate';
      void vscode.window.showWarningMessage(`Gradient Lens: cannot set the learning rate in ${name}: ${computed.reason}`, copy).then((choice) => {
        if (choice === copy) void copyLearningRate(lr);
      });
      return { applied: false, reason: computed.reason };
    }
    const text = document.getText();
    const { start, end, newText, line, description } = computed.edit;
    const proposedUri = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: uri.path, query: `proposal=${++this.proposals}` });
    this.proposed.set(proposedUri.toString(), text.slice(0, start) + newText + text.slice(end));
    const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
    const changed = new vscode.Range(document.positionAt(start), document.positionAt(start + newText.length));
    let choice: string | undefined;
    try {
      await vscode.commands.executeCommand('vscode.diff', uri, proposedUri, `${name}: learning rate ${lrText} (current ↔ proposed)`, { viewColumn: column, preview: true, selection: changed });
      choice = await vscode.window.showInformationMessage(`Gradient Lens: set the learning rate of ${name} to ${lrText}? Line ${line}: ${description}`, 'Apply', 'Cancel');
    } finally {
      const diffTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposedUri.toString());
      await vscode.window.tabGroups.close(diffTabs);
      this.proposed.delete(proposedUri.toString());
    }
    if (choice !== 'Apply') return { applied: false, reason: 'Cancelled.' };
    // The file may have changed while the diff was open: the edit is computed again on what is there now.
    const current = document.getText() === text ? computed : this.computeEdit(document, lr);
    if (!current.ok) {
      void vscode.window.showWarningMessage(`Gradient Lens: cannot set the learning rate in ${name} any more: ${current.reason}`);
      return { applied: false, reason: current.reason };
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(current.edit.start), document.positionAt(current.edit.end)), current.edit.newText);
    this.log.info(`learning rate ${lrText} applied to ${uri.fsPath}:${current.edit.line}: ${current.edit.description}`);
    if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, reason: `VS Code did not apply the edit to ${name}.` };
    const position = new vscode.Position(current.edit.line - 1, 0);
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position) });
    return { applied: true, line: current.edit.line, text: current.edit.newText };
  }

  private computeEdit(document: vscode.TextDocument, lr: number): LrEditResult {
    return loadSourceTools().learningRateEdit(document.getText(), path.basename(document.fileName), lr);
  }

  dispose(): void {
    void this.cancel();
    this.proposedProvider.dispose();
  }
}

/** Copy button / command: the learning rate as Apply would write it into the source. */
export async function copyLearningRate(lr: number): Promise<string> {
  const text = formatLearningRate(lr);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Gradient Lens: copied learning rate ${text}`, 3000);
  return text;
}

/** Find learning rate and the LR tab's buttons (apply/copy/cancel; also the tests' way in). */
export function registerLrCommands(finder: LrCommand): vscode.Disposable {
  const validLr = (lr: unknown): lr is number => typeof lr === 'number' && Number.isFinite(lr) && lr > 0;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.findLearningRate, async (arg?: unknown) => {
      if (!vscode.workspace.isTrusted) return explainRestrictedMode();
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Gradient Lens: open or select a JavaScript/TypeScript model file to find its learning rate.');
        return;
      }
      try {
        return await finder.find(uri, {}, { interactive: true });
      } catch (error) {
        if (!(error instanceof UntrustedWorkspaceError)) void vscode.window.showErrorMessage(`Gradient Lens: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.applyLearningRate, async (arg?: unknown, lr?: unknown) => {
      if (!(arg instanceof vscode.Uri) || !validLr(lr)) throw new Error(`${COMMANDS.applyLearningRate} expects (file URI, positive learning rate)`);
      return finder.apply(arg, lr);
    }),
    vscode.commands.registerCommand(COMMANDS.copyLearningRate, (lr?: unknown) => {
      if (!validLr(lr)) throw new Error(`${COMMANDS.copyLearningRate} expects a positive learning rate`);
      return copyLearningRate(lr);
    }),
    vscode.commands.registerCommand(COMMANDS.cancelFindLearningRate, (arg?: unknown) => finder.cancel(arg instanceof vscode.Uri ? arg : undefined)),
  );
}
