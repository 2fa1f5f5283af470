// THE results store: one entry per profiled document (keyed by its file path) holding the last finished
// ProfileReport and the lines edited since. Runs write into it; every view (decorations, hovers,
// diagnostics, CodeLens, status bar, report preview) renders from it and listens to its change event.
// Lines stored here are 1-based, as in the report; edits move them (lineShift) so views follow the text.
import * as path from 'path';
import * as vscode from 'vscode';
import { lineAfterEdits, type LineEdit } from '../core/lineShift';
import type { ProfileReport, ReportFinding, ReportLayer } from '../core/report';

export interface ResultEntry {
  /** The profiled file (key). */
  readonly file: string;
  /** Owned by the store (a copy of the run's report); its lines move with edits. */
  readonly report: ProfileReport;
  /** Per file: 1-based lines edited since the profile (their results are stale). */
  readonly stale: Map<string, Set<number>>;
  /** A watched run (live or finished): the step its numbers reflect. */
  readonly watch?: WatchProgress;
}

export interface WatchProgress {
  step: number;
  epoch: number;
  loss: number;
  /** Training still runs: the numbers move. */
  running: boolean;
}

export interface RunningState {
  file: string;
  /** 'watch': a training run being watched (Stop ends it); else a profile. */
  kind?: 'watch';
  message: string;
  step?: number;
  totalSteps?: number;
}

export interface StoreChange {
  /** 'report': a run finished; 'edit': lines moved or went stale; 'clear': results removed. */
  reason: 'report' | 'edit' | 'clear';
  /** Files whose views may change (profiled files and files holding their layers). */
  files: string[];
}

export interface LayerAt {
  layer: ReportLayer;
  entry: ResultEntry;
  stale: boolean;
}

export const fileKey = (fileOrUri: string | vscode.Uri): string => path.resolve(typeof fileOrUri === 'string' ? fileOrUri : fileOrUri.fsPath);

function filesOf(entry: ResultEntry): string[] {
  const files = new Set<string>([entry.file]);
  for (const l of entry.report.layers) if (l.file) files.add(l.file);
  for (const f of entry.report.findings) if (f.file) files.add(f.file);
  if (entry.report.error?.location) files.add(entry.report.error.location.file);
  return [...files];
}

export class ResultsStore implements vscode.Disposable {
  private readonly entries = new Map<string, ResultEntry>();
  private readonly runningFiles = new Map<string, RunningState>();
  private readonly changed = new vscode.EventEmitter<StoreChange>();
  private readonly runningChanged = new vscode.EventEmitter<void>();
  /** The file of the report stored last (status bar, "Show Markdown report" without an editor). */
  lastFile: string | undefined;

  readonly onDidChange = this.changed.event;
  readonly onDidChangeRunning = this.runningChanged.event;

  /** The key the store files results under (an absolute path). */
  keyOf(file: string | vscode.Uri): string {
    return fileKey(file);
  }

  get(file: string | vscode.Uri): ResultEntry | undefined {
    return this.entries.get(fileKey(file));
  }

  all(): ResultEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Stores a finished run's report, replacing the file's previous results and stale lines. A watched run
   * stores its report again as training goes (`watch` says at which step).
   */
  set(report: ProfileReport, watch?: WatchProgress): void {
    const file = fileKey(report.file);
    const previous = this.entries.get(file);
    const entry: ResultEntry = { file, report: structuredClone(report), stale: new Map(), ...(watch ? { watch: { ...watch } } : {}) };
    this.entries.set(file, entry);
    this.lastFile = file;
    const files = new Set([...(previous ? filesOf(previous) : []), ...filesOf(entry)]);
    this.changed.fire({ reason: 'report', files: [...files] });
  }

  delete(file: string | vscode.Uri): void {
    const key = fileKey(file);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (this.lastFile === key) this.lastFile = undefined;
    this.changed.fire({ reason: 'clear', files: filesOf(entry) });
  }

  clear(): void {
    const files = this.all().flatMap(filesOf);
    this.entries.clear();
    this.lastFile = undefined;
    this.changed.fire({ reason: 'clear', files });
  }

  // --- running state (progress only; results land with set()) ---------------------------------------

  running(): RunningState[] {
    return [...this.runningFiles.values()];
  }

  setRunning(file: string, state: Omit<RunningState, 'file'> | undefined): void {
    const key = fileKey(file);
    if (state) this.runningFiles.set(key, { file: key, ...state });
    else this.runningFiles.delete(key);
    this.runningChanged.fire();
  }

  // --- queries for the views --------------------------------------------------------------------------

  isStale(entry: ResultEntry, file: string, line: number): boolean {
    return entry.stale.get(file)?.has(line) ?? false;
  }

  /** Layers created in `file` (by any profiled entry) that have a line, grouped by line. */
  layersByLine(file: string | vscode.Uri): Map<number, LayerAt[]> {
    const key = fileKey(file);
    const byLine = new Map<number, LayerAt[]>();
    for (const entry of this.entries.values()) {
      for (const layer of entry.report.layers) {
        if (layer.file !== key || layer.line === undefined) continue;
        const list = byLine.get(layer.line) ?? [];
        list.push({ layer, entry, stale: this.isStale(entry, key, layer.line) });
        byLine.set(layer.line, list);
      }
    }
    return byLine;
  }

  /** Whether any stored result points at lines of `file`. */
  references(file: string): boolean {
    for (const entry of this.entries.values()) if (filesOf(entry).includes(file)) return true;
    return false;
  }

  // --- edits ------------------------------------------------------------------------------------------

  /**
   * Moves the stored lines of `file` through one change event's edits (0-based, VS Code's
   * coordinates); lines whose text was edited become stale, deleted lines lose their position.
   */
  applyEdits(file: string, edits: readonly LineEdit[]): void {
    const key = fileKey(file);
    let touched = false;
    const move = (line: number | undefined, onEdited?: (newLine: number) => void): number | undefined => {
      if (line === undefined) return undefined;
      const fate = lineAfterEdits(line - 1, edits);
      if (fate.kind === 'deleted') {
        touched = true;
        return undefined;
      }
      if (fate.kind === 'edited') onEdited?.(fate.line + 1);
      if (fate.line + 1 !== line || fate.kind === 'edited') touched = true;
      return fate.line + 1;
    };
    for (const entry of this.entries.values()) {
      const oldStale = entry.stale.get(key) ?? new Set<number>();
      const stale = new Set<number>();
      for (const line of oldStale) {
        const moved = move(line);
        if (moved !== undefined) stale.add(moved);
      }
      for (const layer of entry.report.layers) {
        // The helper lines a layer came through (hover text) move with the text, not staling the layer's own line.
        for (const frame of layer.via ?? []) if (frame.file === key) frame.line = move(frame.line) ?? frame.line;
        if (layer.file !== key) continue;
        layer.line = move(layer.line, (l) => stale.add(l));
      }
      for (const finding of entry.report.findings as ReportFinding[]) {
        for (const r of [...(finding.related ?? []), ...(finding.cause ? [finding.cause] : [])]) if (r.file === key) r.line = move(r.line);
        if (finding.file !== key) continue;
        finding.line = move(finding.line);
      }
      const location = entry.report.error?.location;
      if (location && location.file === key) {
        const moved = move(location.line);
        if (moved === undefined) delete entry.report.error!.location;
        else location.line = moved;
      }
      if (stale.size) entry.stale.set(key, stale);
      else entry.stale.delete(key);
    }
    if (touched) this.changed.fire({ reason: 'edit', files: [key] });
  }

  dispose(): void {
    this.changed.dispose();
    this.runningChanged.dispose();
  }
}
