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
import { unhandled } from '../core/exhaustive';
import { LrRequest, type RunnerMessage } from '../core/protocol';
import { startLrSweep, type LrRun } from '../host/client';
import type { ArgumentsStore } from './argumentsStore';
import { readLrSettings, readSettings, runnerClientOptions, runTarget, type LrSettings, type Settings } from './config';
import { COMMANDS } from './constants';
import { logRunnerMessage } from './log';
import type { PanelManager } from './panel';
import { fileKey } from './resultsStore';
import { commandHandler, RunCommands, type Progress, type RunJob, type RunOptions } from './runCommand';
import { loadSourceTools } from './sourceToolsLoader';

export type FindOptions = RunOptions;

/** Proposed file contents shown on the right of the Apply diff. */
const PROPOSED_SCHEME = 'gradient-lens-proposed';

export type ApplyOutcome = { applied: true; line: number; text: string } | { applied: false; reason: string };

export class LrCommand implements vscode.Disposable {
  private readonly runs: RunCommands;
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
    this.runs = new RunCommands(log, args);
    this.proposedProvider = vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, { provideTextDocumentContent: (uri) => this.proposed.get(uri.toString()) ?? '' });
  }

  /** The last finished sweep of `uri` (done or failed; a cancelled sweep keeps the previous one). */
  lastReport(uri: vscode.Uri | string): LrReport | undefined {
    return this.results.get(fileKey(uri));
  }

  cancel(uri?: vscode.Uri | string): Promise<void> {
    return this.runs.cancel(uri);
  }

  /**
   * Runs the range test on `uri` with gradientLens.lr.* (or `overrides`), showing it live in the file's
   * panel. Resolves with the sweep's report (failed with kind "cancelled" when cancelled). Rejects with
   * UntrustedWorkspaceError in Restricted Mode, where nothing runs, and with an Error naming the setting
   * when gradientLens.lr.* cannot make a request. Interactive: asks for a missing export or factory
   * arguments (remembered per file, shared with profiling) and runs again.
   */
  find(uri: vscode.Uri, overrides: Partial<LrSettings> = {}, options: FindOptions = { interactive: false }): Promise<LrReport> {
    return this.runs.execute(uri, options, (target) => this.job(target, overrides));
  }

  private job(uri: vscode.Uri, overrides: Partial<LrSettings>): RunJob<LrReport, LrRun> {
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
    const failureOf = (report: LrReport) => (report.status === 'done' && report.result ? undefined : (report.error ?? { kind: 'internal' as const, message: 'The sweep ended without a result.' }));
    return {
      what: `finding the learning rate of ${path.basename(file)}`,
      begin: () => {
        this.panels.show(file, 'lr', true);
        this.panels.postLr(file, { type: 'lrStarted', request });
        this.panels.setStatus(file, true, 'Starting');
      },
      start: (progress, isCurrent) => this.start(request, { ...settings, timeoutMs: lr.timeoutMs }, progress, isCurrent),
      cancelledReport: () => ({ ...emptyLrReport(file), status: 'failed', error: { type: 'error', kind: 'cancelled', message: 'Cancelled.' } }),
      failureOf,
      finish: (report, current) => {
        const failure = failureOf(report);
        if (!failure) {
          this.results.set(file, report);
          this.panels.setStatus(file, false, `Done: ${report.result!.reason}`);
          return;
        }
        // A cancelled sweep keeps the partial curve it streamed; the last finished result stays the file's.
        // A sweep replaced by a newer one says nothing more to the panel, which shows the newer one.
        const cancelled = failure.kind === 'cancelled';
        if (current) {
          this.panels.postLr(file, { type: 'lrFailed', message: failure.message });
          this.panels.setStatus(file, false, cancelled ? 'Cancelled' : `Failed: ${failure.message}`);
        }
        if (!cancelled) this.results.set(file, report);
      },
      end: () => undefined,
    };
  }

  private start(request: LrRequest, settings: Settings, progress: Progress, isCurrent: () => boolean): LrRun {
    const file = request.file;
    const total = request.steps * request.repeats;
    let reported = 0;
    const onMessage = (message: RunnerMessage) => {
      logRunnerMessage(this.log, message);
      // Points of a sweep being replaced (its runner is still stopping) must not mix into the new one.
      if (!isCurrent()) return;
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
        case 'hello':
        case 'model':
        case 'step':
        case 'finding':
        case 'log':
        case 'error':
        case 'done':
        case 'overfit':
          break; // logged above; the report gets them from the host client
        default:
          unhandled(message);
      }
    };
    this.log.info(`learning rate range test of ${file}: ${request.startLr} → ${request.endLr} (${request.mode}), ${request.steps} steps × ${request.repeats} repeats, backend ${request.backend}`);
    return startLrSweep(request, runnerClientOptions(settings, this.extensionPath), onMessage);
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
    this.runs.dispose();
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
    vscode.commands.registerCommand(COMMANDS.findLearningRate, commandHandler('find its learning rate', (uri) => finder.find(uri, {}, { interactive: true }))),
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
