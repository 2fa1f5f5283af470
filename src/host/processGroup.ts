// The runner leads a process group of its own (spawned detached): ending it ends whatever the user's code
// started, and its memory is measured over the whole group. The V8 heap flag alone is no memory limit:
// tensors live outside the V8 heap (wasm memory, typed arrays, TensorFlow's own allocations).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

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

/** Resident set size (MB) summed over the processes of group `pgid`; undefined where it cannot be read. */
export function groupResidentMb(pgid: number): number | undefined {
  if (process.platform === 'linux') {
    let kb = 0;
    let dirs: string[];
    try {
      dirs = fs.readdirSync('/proc');
    } catch {
      return undefined;
    }
    for (const dir of dirs) {
      if (!/^\d+$/.test(dir)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${dir}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // Fields after "(comm)": state ppid pgrp … rss is field 24 overall, 22nd after the comm.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) kb += Number(fields[21]) * PAGE_KB;
    }
    return kb / 1024;
  }
  if (process.platform === 'darwin') {
    try {
      const out = execFileSync('ps', ['-A', '-o', 'pgid=,rss='], { encoding: 'utf8', timeout: 2000 });
      let kb = 0;
      for (const line of out.split('\n')) {
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

/** Calls `onExceeded(mb)` once when the group's resident memory passes `limitMb`; returns a stop function. */
export function watchGroupMemory(pgid: number | undefined, limitMb: number, onExceeded: (mb: number) => void): () => void {
  if (pgid === undefined) return () => undefined;
  const timer = setInterval(() => {
    const mb = groupResidentMb(pgid);
    if (mb !== undefined && mb > limitMb) {
      clearInterval(timer);
      onExceeded(mb);
    }
  }, MEMORY_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Node's timers hold at most 2^31-1 ms (~24.8 days); a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A usable timeout: whole milliseconds between 1 s and Node's timer limit; not a number → the default. */
export function clampTimeoutMs(ms: number | undefined, defaultMs: number): number {
  if (ms === undefined || !Number.isFinite(ms)) return ms === Infinity ? MAX_TIMER_MS : defaultMs;
  return Math.min(MAX_TIMER_MS, Math.max(1000, Math.round(ms)));
}
