// What a run picker shows of a run file (core/runFile.ts), read without the whole file: its header line and
// its tail (a watched run's file grows by a line per step). Used by the extension's RunStore.
import * as fs from 'node:fs';
import { parseWithNonFinite } from '../core/protocol';
import { READABLE_RUN_SCHEMAS } from '../core/runFile';

/** The header line is read in chunks of this size until its newline (a large model's layer list is long). */
const CHUNK_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const TAIL_BYTES = 64 * 1024;

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


function readBytes(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, position));
}

/** The header and end (or last step) of a run file without reading all of it; undefined when it is not a run file. */
export function summarizeRunFile(runPath: string): StoredRun | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(runPath, 'r');
    const size = fs.fstatSync(fd).size;
    // Bytes, decoded once the whole line is in (a chunk may end inside a UTF-8 character of a path).
    const chunks: Buffer[] = [];
    let read = 0;
    let newline = -1;
    while (newline < 0 && read < Math.min(size, MAX_HEADER_BYTES)) {
      const chunk = readBytes(fd, read, CHUNK_BYTES);
      if (!chunk.length) break;
      const at = chunk.indexOf(0x0a);
      if (at >= 0) newline = read + at;
      chunks.push(chunk);
      read += chunk.length;
    }
    const head = Buffer.concat(chunks).toString('utf8', 0, newline < 0 ? read : newline);
    const header = parseWithNonFinite(head) as { kind?: string; schema?: string; file?: string; mode?: 'watch' | 'profile'; startedAt?: string; fileSha256?: string };
    if (header?.kind !== 'header' || !READABLE_RUN_SCHEMAS.includes(header.schema ?? '') || typeof header.file !== 'string') return undefined;
    const tail = readBytes(fd, Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES)).toString('utf8').split('\n').filter(Boolean).reverse();
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
