// The runner leads a process group of its own (spawned detached): ending it ends whatever the user's code
// started, and its memory is measured over the whole group. The V8 heap flag alone is no memory limit:
// tensors live outside the V8 heap (wasm memory, typed arrays, TensorFlow's own allocations).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { promisify } from 'node:util';

/**
 * SIGKILLs the process group `pgid` whatever state its leader is in: after the runner has exited, its
 * group lives on as long as a grandchild does. Windows has no process groups: the child alone.
 */
export function killProcessGroup(pgid: number | undefined, killChild: () => void): void {
  if (pgid === undefined) return;
  if (process.platform === 'win32') return killChild();
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already
  }
}

const PAGE_KB = 4; // Linux x86-64/arm64 page size
const execFileAsync = promisify(execFile);

/**
 * Resident set size (MB) summed over the processes of group `pgid`; undefined where it cannot be read.
 * Asynchronous: the host polls it every MEMORY_POLL_MS on the extension host's main thread, where a scan
 * of every /proc entry (or a `ps` on macOS) must not block editing.
 */
export async function groupResidentMb(pgid: number): Promise<number | undefined> {
  if (process.platform === 'linux') {
    let dirs: string[];
    try {
      dirs = await fs.promises.readdir('/proc');
    } catch {
      return undefined;
    }
    const pages = await Promise.all(
      dirs
        .filter((dir) => /^\d+$/.test(dir))
        .map(async (dir) => {
          let stat: string;
          try {
            stat = await fs.promises.readFile(`/proc/${dir}/stat`, 'utf8');
          } catch {
            return 0; // exited meanwhile
          }
          // Fields after "(comm)": state ppid pgrp … rss is field 24 overall, 22nd after the comm.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return Number(fields[2]) === pgid ? Number(fields[21]) : 0;
        }),
    );
    return (pages.reduce((a, b) => a + b, 0) * PAGE_KB) / 1024;
  }
  if (process.platform === 'darwin') {
    try {
      const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pgid=,rss='], { encoding: 'utf8', timeout: 2000 });
      let kb = 0;
      for (const line of stdout.split('\n')) {
        const [group, rss] = line.trim().split(/\s+/).map(Number);
        if (group === pgid) kb += rss;
      }
      return kb / 1024;
    } catch {
      return undefined;
    }
  }
  return undefined; // Windows: the V8 heap flag is the only limit
}

export const MEMORY_POLL_MS = 250;

/**
 * Calls `onExceeded(mb)` once when the group's resident memory passes `limitMb`; returns a stop function.
 * Each poll starts MEMORY_POLL_MS after the previous one finished, so slow reads never pile up.
 */
export function watchGroupMemory(pgid: number | undefined, limitMb: number, onExceeded: (mb: number) => void): () => void {
  if (pgid === undefined) return () => undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    const mb = await groupResidentMb(pgid);
    if (stopped) return;
    if (mb !== undefined && mb > limitMb) {
      stopped = true;
      onExceeded(mb);
      return;
    }
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void poll(), MEMORY_POLL_MS);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Node's timers hold at most 2^31-1 ms (~24.8 days); a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A usable timeout: whole milliseconds between 1 s and Node's timer limit; not a number → the default. */
export function clampTimeoutMs(ms: number | undefined, defaultMs: number): number {
  if (ms === undefined || !Number.isFinite(ms)) return ms === Infinity ? MAX_TIMER_MS : defaultMs;
  return Math.min(MAX_TIMER_MS, Math.max(1000, Math.round(ms)));
}
