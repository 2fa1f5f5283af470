// Where runs are kept: one run file (core/runFile.ts, JSON lines) per watch or profile, written by the host
// client as the run goes, under the extension's workspace storage (context.storageUri, else its global
// storage when no folder is open) in `runs/`. Listing reads only each file's header line and its tail (a
// watched run's file grows with every step); opening reads it whole through core/runFile's tolerant reader.
// The newest RUNS_KEPT_PER_FILE runs of each model file are kept; older ones are deleted when a new one starts.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseWithNonFinite } from '../core/protocol';
import { readRunFile, RUN_FILE_EXTENSION, RUN_SCHEMA, type RunFile } from '../core/runFile';
import { fileKey } from './resultsStore';

/** Runs kept per model file: enough for several before/after rounds, bounded on disk. */
export const RUNS_KEPT_PER_FILE = 20;

/** What the run pickers show of a stored run (header and end line only). */
export interface StoredRun {
  /** The run file. */
  path: string;
  /** The model file it ran. */
  file: string;
  mode: 'watch' | 'profile';
  startedAt: string;
  fileSha256: string;
  /** Steps recorded: the end line's count, else the last step line's number + 1. */
  steps: number;
  /** The end line's status, or 'partial' for a run that has none (stopped by a crash or a kill). */
  status: 'done' | 'cancelled' | 'timeout' | 'error' | 'partial';
}

const HEAD_BYTES = 1024 * 1024;
const TAIL_BYTES = 64 * 1024;

function readSlice(fd: number, position: number, length: number): string {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read).toString('utf8');
}

/** The header and end (or last step) of a run file without reading all of it; undefined when it is not a run file. */
export function summarizeRunFile(runPath: string): StoredRun | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(runPath, 'r');
    const size = fs.fstatSync(fd).size;
    const head = readSlice(fd, 0, Math.min(size, HEAD_BYTES));
    const newline = head.indexOf('\n');
    const header = parseWithNonFinite(newline < 0 ? head : head.slice(0, newline)) as { kind?: string; schema?: string; file?: string; mode?: 'watch' | 'profile'; startedAt?: string; fileSha256?: string };
    if (header?.kind !== 'header' || header.schema !== RUN_SCHEMA || typeof header.file !== 'string') return undefined;
    const tail = readSlice(fd, Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES)).split('\n').filter(Boolean).reverse();
    let steps = 0;
    let status: StoredRun['status'] = 'partial';
    for (const text of tail) {
      let line: { kind?: string; status?: StoredRun['status']; steps?: number; step?: number };
      try {
        line = parseWithNonFinite(text) as typeof line;
      } catch {
        continue; // a line cut off by a kill, or the first (partial) line of the tail window
      }
      if (line.kind === 'end') {
        status = line.status ?? 'partial';
        steps = line.steps ?? 0;
        break;
      }
      if (line.kind === 'step' && typeof line.step === 'number') {
        steps = line.step + 1;
        break;
      }
    }
    return { path: runPath, file: header.file, mode: header.mode === 'profile' ? 'profile' : 'watch', startedAt: header.startedAt ?? '', fileSha256: header.fileSha256 ?? '', steps, status };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export class RunStore {
  readonly folder: string;

  constructor(storage: vscode.Uri) {
    this.folder = path.join(storage.fsPath, 'runs');
  }

  /** A new run file's path for `file` (not created: the host client writes it once the model is found). */
  newRunPath(file: string, mode: 'watch' | 'profile', startedAt = new Date()): string {
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const base = path.basename(file).replace(/[^\w.-]+/g, '_');
    this.prune(file, RUNS_KEPT_PER_FILE - 1);
    return path.join(this.folder, `${base}.${mode}.${stamp}${RUN_FILE_EXTENSION}`);
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
