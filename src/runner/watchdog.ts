// Ends the runner and everything it started when its host is gone. The IPC 'disconnect' event needs a free
// event loop, which user code spinning in a synchronous loop never gives back; a worker thread has a loop of
// its own and can still kill the process group. The host is gone when our parent pid changes (we were
// re-parented to init or a subreaper) or no longer exists.
import { Worker } from 'node:worker_threads';

const WATCH_MS = 300;

// Plain JavaScript evaluated in the worker (the runner is one bundled file; a worker file would need its own).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { host, interval, group } = workerData;
function hostGone() {
  if (process.ppid !== host) return true;
  try { process.kill(host, 0); return false; } catch (error) { return error.code === 'ESRCH'; }
}
setInterval(() => {
  if (!hostGone()) return;
  if (group) { try { process.kill(-process.pid, 'SIGKILL'); } catch {} } // see endProcessGroup
  process.kill(process.pid, 'SIGKILL');
}, interval);
`;

/**
 * Kills our process group, then us. The host spawns us detached, so we lead a group whose id is our pid;
 * started any other way no group has our pid as its id (pids are unique) and the group kill finds nothing.
 */
export function endProcessGroup(): never {
  if (process.platform !== 'win32') {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      // ESRCH: no group of ours
    }
  }
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

let started = false;

/** Starts the watchdog (once); it never keeps the runner alive by itself. */
export function startWatchdog(): void {
  if (started) return;
  started = true;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { host: process.ppid, interval: WATCH_MS, group: process.platform !== 'win32' },
    // The runner's own flags (--max-old-space-size) are not needed in a 20-line worker.
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  });
  worker.unref();
}

