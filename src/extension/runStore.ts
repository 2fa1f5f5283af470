// Where runs are kept: one run file (core/runFile.ts, JSON lines) per watch or profile, written by the host
// client as the run goes, under the extension's workspace storage (context.storageUri, else its global
// storage when no folder is open) in `runs/`. Listing reads only each file's header line and its tail
// (host/runFileSummary.ts); opening reads it whole through core/runFile's tolerant reader.
// The newest RUNS_KEPT_PER_FILE runs of each model file are kept; older ones are deleted when a new one starts.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readRunFile, RUN_FILE_EXTENSION, type RunFile } from '../core/runFile';
import { summarizeRunFile, type StoredRun } from '../host/runFileSummary';
import { fileKey } from './resultsStore';

/** Runs kept per model file: enough for several before/after rounds, bounded on disk. */
export const RUNS_KEPT_PER_FILE = 20;

/** A model file's name as the start of its run files' names. */
const baseName = (file: string) => path.basename(file).replace(/[^\w.-]+/g, '_');

export type { StoredRun };

export class RunStore {
  readonly folder: string;

  constructor(storage: vscode.Uri) {
    this.folder = path.join(storage.fsPath, 'runs');
  }

  /** A new run file's path for `file` (not created: the host client writes it once the model is found). */
  newRunPath(file: string, mode: 'watch' | 'profile', startedAt = new Date()): string {
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    this.prune(file, RUNS_KEPT_PER_FILE - 1);
    return path.join(this.folder, `${baseName(file)}.${mode}.${stamp}${RUN_FILE_EXTENSION}`);
  }

  /** Stored runs (of `file` when given), newest first. */
  list(file?: string): StoredRun[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.folder).filter((n) => n.endsWith(RUN_FILE_EXTENSION));
    } catch {
      return [];
    }
    const key = file === undefined ? undefined : fileKey(file);
    // Run files are named after their model file: only those of the same name need their header read.
    if (file !== undefined) names = names.filter((n) => n.startsWith(`${baseName(file)}.`));
    return names
      .map((n) => summarizeRunFile(path.join(this.folder, n)))
      .filter((r): r is StoredRun => r !== undefined && (key === undefined || fileKey(r.file) === key))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Reads a run file; throws RunFileError (core/runFile.ts) with the cause for one it cannot read. */
  read(runPath: string): RunFile {
    return readRunFile(fs.readFileSync(runPath, 'utf8'), path.basename(runPath));
  }

  /** Deletes the oldest runs of `file` beyond `keep`. */
  private prune(file: string, keep: number): void {
    for (const run of this.list(file).slice(Math.max(0, keep))) {
      try {
        fs.rmSync(run.path, { force: true });
      } catch {
        // Still open elsewhere (Windows): it goes next time.
      }
    }
  }
}
