// Stored runs (RunStore): "Open stored run" shows one in its model file's panel (Training tab), "Export run"
// saves a copy where the user says, "Compare runs" puts two runs of the same model file side by side in the
// panel's Compare tab (core/runCompare: each layer's median ‖g‖ in both, the change, the verdicts) — the
// previous run against the latest one, or any two picked.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { compareRuns } from '../core/runCompare';
import { RunFileError } from '../core/runFile';
import { compareSide, panelCompare, runFileMessages } from '../core/trainingFeed';
import type { PanelCompare } from '../core/panelTraining';
import { COMMANDS } from './constants';
import type { PanelManager } from './panel';
import { fileKey } from './resultsStore';
import { targetUri } from './runCommand';
import { summarizeRunFile } from '../host/runFileSummary';
import type { RunStore, StoredRun } from './runStore';

const STATUS_TEXT: Record<StoredRun['status'], string> = { done: 'finished', cancelled: 'stopped', timeout: 'timed out', error: 'failed', partial: 'partial (no end record)' };

function runLabel(run: StoredRun): string {
  return `${run.mode === 'watch' ? '$(eye)' : '$(pulse)'} ${path.basename(run.file)} · ${new Date(run.startedAt).toLocaleString()}`;
}

function runItem(run: StoredRun): vscode.QuickPickItem & { run: StoredRun } {
  return { label: runLabel(run), description: `${run.mode} · ${run.steps} step${run.steps === 1 ? '' : 's'} · ${STATUS_TEXT[run.status]}`, detail: run.file, run };
}

export type CompareOutcome = { compared: true; compare: PanelCompare } | { compared: false; reason: string };

export class RunsCommands {
  constructor(
    private readonly runs: RunStore,
    private readonly panels: PanelManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Shows the run file `runPath` in its model file's panel; returns the model file, or undefined with the reason shown. */
  open(runPath: string): string | undefined {
    try {
      const run = this.runs.read(runPath);
      const messages = runFileMessages(run, runPath);
      this.panels.show(run.header.file, 'training');
      this.panels.setTraining(run.header.file, () => messages);
      if (run.notes.length) this.log.info(`run ${path.basename(runPath)}: ${run.notes.join('; ')}`);
      return run.header.file;
    } catch (error) {
      const reason = error instanceof RunFileError ? error.message : `${path.basename(runPath)} could not be read: ${(error as Error).message}`;
      void vscode.window.showErrorMessage(`Gradient Lens: ${reason}`);
      return undefined;
    }
  }

  /**
   * Compares two runs of one model file (A the earlier, B the later) in its panel's Compare tab. Without
   * paths: the two latest runs of `file`.
   */
  compare(file: string, pathA?: string, pathB?: string): CompareOutcome {
    let [a, b] = [pathA, pathB];
    if (!a || !b) {
      const stored = this.runs.list(file);
      if (stored.length < 2) return this.refuse(`${path.basename(file)} has ${stored.length === 1 ? 'one stored run' : 'no stored runs'}; watch or profile it (again) to have two to compare.`);
      [b, a] = [stored[0].path, stored[1].path];
    }
    try {
      const runA = this.runs.read(a);
      const runB = this.runs.read(b);
      // The earlier run is A: "before" and "after" a fix read left to right.
      const [first, second, firstPath, secondPath] = runA.header.startedAt <= runB.header.startedAt ? [runA, runB, a, b] : [runB, runA, b, a];
      const comparison = compareRuns(first, second);
      if (!comparison.comparable) return this.refuse(comparison.problem ?? 'The runs cannot be compared.');
      const compare = panelCompare(comparison, compareSide(first, 'earlier run', firstPath, comparison.lossA), compareSide(second, 'later run', secondPath, comparison.lossB));
      this.panels.showCompare(first.header.file, compare);
      return { compared: true, compare };
    } catch (error) {
      return this.refuse(error instanceof RunFileError ? error.message : `a run could not be read: ${(error as Error).message}`);
    }
  }

  private refuse(reason: string): CompareOutcome {
    void vscode.window.showErrorMessage(`Gradient Lens: cannot compare: ${reason}`);
    return { compared: false, reason };
  }

  /** Picks a stored run (of `file` first when given); undefined when there is none or the pick was dismissed. */
  private async pickRun(title: string, file?: string): Promise<StoredRun | undefined> {
    const all = this.runs.list();
    const key = file && fileKey(file);
    const ordered = key ? [...all.filter((r) => fileKey(r.file) === key), ...all.filter((r) => fileKey(r.file) !== key)] : all;
    if (!ordered.length) {
      void vscode.window.showInformationMessage('Gradient Lens: no stored runs yet. Watch training or profile a model file: each run is kept.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(ordered.map(runItem), { title, matchOnDescription: true, matchOnDetail: true });
    return picked?.run;
  }

  register(): vscode.Disposable {
    const active = (arg: unknown) => targetUri(arg)?.fsPath;
    return vscode.Disposable.from(
      vscode.commands.registerCommand(COMMANDS.openRun, async (arg?: unknown) => {
        if (typeof arg === 'string') return this.open(arg);
        const run = await this.pickRun('Gradient Lens: open a stored run', active(arg));
        return run && this.open(run.path);
      }),
      vscode.commands.registerCommand(COMMANDS.exportRun, async (arg?: unknown) => {
        const run = typeof arg === 'string' ? summarizeRunFile(arg) : await this.pickRun('Gradient Lens: export a stored run', active(arg));
        if (!run) {
          if (typeof arg === 'string') void vscode.window.showErrorMessage(`Gradient Lens: ${path.basename(arg)} is not a readable run file.`);
          return undefined;
        }
        // Proposed next to the model file it ran (the storage folder is out of sight).
        const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(run.file), path.basename(run.path))), filters: { 'Gradient Lens run (JSON lines)': ['jsonl'] }, saveLabel: 'Export run' });
        if (!target || path.resolve(target.fsPath) === path.resolve(run.path)) return undefined;
        await fs.promises.copyFile(run.path, target.fsPath);
        void vscode.window.showInformationMessage(`Gradient Lens: saved ${vscode.workspace.asRelativePath(target)}.`);
        return target.fsPath;
      }),
      vscode.commands.registerCommand(COMMANDS.compareRuns, async (arg?: unknown, pathA?: unknown, pathB?: unknown) => {
        const file = active(arg);
        if (!file) {
          void vscode.window.showInformationMessage('Gradient Lens: open a model file to compare its stored runs.');
          return undefined;
        }
        if (typeof pathA === 'string' && typeof pathB === 'string') return this.compare(file, pathA, pathB);
        return this.pickAndCompare(file);
      }),
    );
  }

  /** "Previous run vs latest" first, else any two runs of the file. */
  private async pickAndCompare(file: string): Promise<CompareOutcome | undefined> {
    const stored = this.runs.list(file);
    if (stored.length < 2) return this.compare(file);
    const latest = { label: '$(arrow-swap) Compare the latest run with the previous one', description: `${STATUS_TEXT[stored[1].status]} → ${STATUS_TEXT[stored[0].status]}`, pair: [stored[1], stored[0]] };
    const choose = { label: '$(list-selection) Choose two runs…', description: `${stored.length} runs of ${path.basename(file)}`, pair: undefined };
    const how = await vscode.window.showQuickPick([latest, choose], { title: `Gradient Lens: compare runs of ${path.basename(file)}` });
    if (!how) return undefined;
    let pair = how.pair;
    if (!pair) {
      const picked = await vscode.window.showQuickPick(stored.map(runItem), { title: 'Gradient Lens: pick two runs to compare', canPickMany: true });
      if (!picked) return undefined;
      if (picked.length !== 2) return this.refuse(`pick exactly two runs (${picked.length} picked).`);
      pair = [picked[0].run, picked[1].run];
    }
    return this.compare(file, pair[0].path, pair[1].path);
  }
}
