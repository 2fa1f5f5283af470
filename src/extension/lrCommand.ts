// "Find learning rate": the LR range test of a model file in a runner (the same trust rule, runner
// settings and export/arguments as profiling), with a cancellable progress notification, points streamed
// live into the file's panel (LR tab), and the last result kept per file. "Apply" turns a suggested rate
// into a source edit (core/lrEdit), shows it as a diff with an Apply/Cancel notification, and applies it
// as one normal undoable edit. (VS Code's refactor preview was the other candidate, but it shows edits
// that need confirmation unchecked, so its Apply button alone applies nothing.)
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as v from 'valibot';
import * as vscode from 'vscode';
import { formatLearningRate } from '../core/format';
import type { LrEditResult } from '../core/lrEdit';
import { emptyLrReport, type LrReport } from '../core/lrReport';
import { unhandled } from '../core/exhaustive';
import { judgeApply, provenanceOf } from '../core/lrProvenance';
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

export type ApplyOutcome = { applied: true; line: number; text: string; file: string; description: string; warnings: string[] } | { applied: false; reason: string };

/** A file's text as the user sees it now: the open document (saved or not), else the disk. */
function currentText(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && fileKey(d.uri) === file);
  if (open) return open.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const hashOf = (text: string | undefined) => (text === undefined ? '' : createHash('sha256').update(text).digest('hex'));

export class LrCommand implements vscode.Disposable {
  private readonly runs: RunCommands;
  private readonly results = new Map<string, LrReport>();
  /** Per swept file: hashes of the swept file and of its compile() file as the sweep's runner loaded them. */
  private readonly sweptHashes = new Map<string, { file: string; compileFile?: string }>();
  /** The same for the sweep in flight, kept once it finishes. */
  private readonly pendingHashes = new Map<string, { file: string; compileFile?: string }>();
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
          const hashes = this.pendingHashes.get(file);
          if (hashes) this.sweptHashes.set(file, hashes);
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
    // The runner reads the saved file now: this is the version the rate belongs to.
    const hashes: { file: string; compileFile?: string } = { file: hashOf(currentText(file)) };
    this.pendingHashes.set(file, hashes);
    let reported = 0;
    const onMessage = (message: RunnerMessage) => {
      logRunnerMessage(this.log, message);
      // Points of a sweep being replaced (its runner is still stopping) must not mix into the new one.
      if (!isCurrent()) return;
      switch (message.type) {
        case 'model':
          if (message.compileLocation && fileKey(message.compileLocation.file) !== file) hashes.compileFile = hashOf(currentText(fileKey(message.compileLocation.file)));
          break;
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
        case 'step':
        case 'finding':
        case 'log':
        case 'error':
        case 'done':
        case 'probe':
        case 'overfit':
        case 'probeStop':
        case 'watchSteps':
        case 'watchSample':
        case 'watchEpoch':
        case 'watchValidation':
        case 'gradcheckLayer':
          break; // logged above; the report gets them from the host client
        default:
          unhandled(message);
      }
    };
    this.log.info(`learning rate range test of ${file}: ${request.startLr} → ${request.endLr} (${request.mode}), ${request.steps} steps × ${request.repeats} repeats, backend ${request.backend}`);
    return startLrSweep(request, runnerClientOptions(settings, this.extensionPath), onMessage);
  }

  /**
   * Sets the learning rate of the model swept from `uri` to `lr` (`rule`: 'recommended' or a curve rule's
   * name; absent when called without a sweep). The sweep that produced the rate decides where the edit
   * goes — the swept model's compile() call, reported by the runner, possibly in another file — and whether
   * it may go there: core/lrProvenance refuses a rate measured with plain SGD standing in for the model's
   * optimizer and warns when the file changed since, the data was synthetic or the curve partial. The
   * change is shown as a diff with Apply/Cancel (warnings and other uses of a changed constant in the
   * question); on Apply it is one normal undoable edit.
   */
  async apply(uri: vscode.Uri, lr: number, rule?: string): Promise<ApplyOutcome> {
    const lrText = formatLearningRate(lr);
    const swept = fileKey(uri);
    const report = this.results.get(swept);
    const hashes = this.sweptHashes.get(swept);
    const provenance = rule && report?.status === 'done' && hashes ? provenanceOf(report, hashes, rule) : undefined;
    const verdict = judgeApply(provenance, (file) => hashOf(currentText(file)));
    if (verdict.refuse) {
      void vscode.window.showWarningMessage(`Gradient Lens: not applying ${lrText} to ${path.basename(swept)}: ${verdict.refuse}`);
      return { applied: false, reason: verdict.refuse };
    }
    const compileAt = provenance?.compileLocation;
    const target = compileAt ? vscode.Uri.file(compileAt.file) : uri;
    const name = path.basename(target.fsPath);
    const document = await vscode.workspace.openTextDocument(target);
    const compileLine = compileAt?.line;
    const computed = this.computeEdit(document, lr, compileLine);
    if (!computed.ok) {
      const copy = 'Copy learning rate';
      void vscode.window.showWarningMessage(`Gradient Lens: cannot set the learning rate in ${name}: ${computed.reason}`, copy).then((choice) => {
        if (choice === copy) void copyLearningRate(lr);
      });
      return { applied: false, reason: computed.reason };
    }
    const text = document.getText();
    const { start, end, newText, line, description, note } = computed.edit;
    const warnings = [...verdict.warnings, ...(note ? [note] : [])];
    const proposedUri = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: target.path, query: `proposal=${++this.proposals}` });
    this.proposed.set(proposedUri.toString(), text.slice(0, start) + newText + text.slice(end));
    const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
    const changed = new vscode.Range(document.positionAt(start), document.positionAt(start + newText.length));
    const origin = provenance ? ` (${provenance.rule === 'recommended' ? 'the recommended rate' : `the ${provenance.rule} rule`} of the sweep of ${path.basename(swept)}${provenance.optimizer ? ` with ${provenance.optimizer}` : ''})` : '';
    const question = `Gradient Lens: set the learning rate of ${name} to ${lrText}${origin}? Line ${line}: ${description}${warnings.length ? `. Note: ${warnings.join('; ')}.` : ''}`;
    let choice: string | undefined;
    try {
      await vscode.commands.executeCommand('vscode.diff', target, proposedUri, `${name}: learning rate ${lrText} (current ↔ proposed)`, { viewColumn: column, preview: true, selection: changed });
      choice = await (warnings.length ? vscode.window.showWarningMessage(question, 'Apply', 'Cancel') : vscode.window.showInformationMessage(question, 'Apply', 'Cancel'));
    } finally {
      const diffTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposedUri.toString());
      await vscode.window.tabGroups.close(diffTabs);
      this.proposed.delete(proposedUri.toString());
    }
    if (choice !== 'Apply') return { applied: false, reason: 'Cancelled.' };
    // The file may have changed while the diff was open: the edit is computed again on what is there now.
    const current = document.getText() === text ? computed : this.computeEdit(document, lr, compileLine);
    if (!current.ok) {
      void vscode.window.showWarningMessage(`Gradient Lens: cannot set the learning rate in ${name} any more: ${current.reason}`);
      return { applied: false, reason: current.reason };
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target, new vscode.Range(document.positionAt(current.edit.start), document.positionAt(current.edit.end)), current.edit.newText);
    this.log.info(`learning rate ${lrText}${origin} applied to ${target.fsPath}:${current.edit.line}: ${current.edit.description}${warnings.length ? ` (noted: ${warnings.join('; ')})` : ''}`);
    if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, reason: `VS Code did not apply the edit to ${name}.` };
    const position = new vscode.Position(current.edit.line - 1, 0);
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position) });
    return { applied: true, line: current.edit.line, text: current.edit.newText, file: target.fsPath, description: current.edit.description, warnings };
  }

  private computeEdit(document: vscode.TextDocument, lr: number, compileLine?: number): LrEditResult {
    return loadSourceTools().learningRateEdit(document.getText(), path.basename(document.fileName), lr, { compileLine });
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
    vscode.commands.registerCommand(COMMANDS.applyLearningRate, async (arg?: unknown, lr?: unknown, rule?: unknown) => {
      if (!(arg instanceof vscode.Uri) || !validLr(lr)) throw new Error(`${COMMANDS.applyLearningRate} expects (file URI, positive learning rate[, rule])`);
      return finder.apply(arg, lr, typeof rule === 'string' ? rule : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.copyLearningRate, (lr?: unknown) => {
      if (!validLr(lr)) throw new Error(`${COMMANDS.copyLearningRate} expects a positive learning rate`);
      return copyLearningRate(lr);
    }),
    vscode.commands.registerCommand(COMMANDS.cancelFindLearningRate, (arg?: unknown) => finder.cancel(arg instanceof vscode.Uri ? arg : undefined)),
  );
}
