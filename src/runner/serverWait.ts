// A script that starts a server and then only waits for requests (bench/realworld batches 11 and 12: Express
// servers that build no model) never lets the event loop go idle, so the idle check of waitForTrainingCall
// never fires and the run waited out the whole timeout. Node keeps a process alive only for its active handles
// and requests (libuv: a loop is alive while it has active, referenced handles or requests); when every one the
// user's code added is a listening server's, nothing can happen until a client connects — no timer, file read,
// download or child process is pending that could go on to build or train a model. That state, held for a
// moment, is named at once instead of after the timeout. A server that also polls (a timer) or holds a
// database connection (a socket) is not "only waiting": it keeps the plain timeout.
import * as net from 'node:net';
import type { SourceLocation } from '../core/protocol';
import { userCallSite } from './callSites';

/** What libuv reports for a listening TCP or pipe (Unix socket, Windows named pipe) server. */
const SERVER_RESOURCES = new Set(['TCPServerWrap', 'PipeServerWrap']);
/** How long the "only serving" state must hold before it is named (a server's own start-up settles in far less). */
export const SERVING_QUIET_MS = 2000;
const POLL_MS = 250;

interface Listen {
  server: net.Server;
  site?: SourceLocation;
}

/** process.getActiveResourcesInfo() (Node ≥ 17.3), absent on older runtimes: then nothing is ever named early. */
const activeResources = (process as unknown as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo;

function counts(resources: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) out.set(r, (out.get(r) ?? 0) + 1);
  return out;
}

export interface ServerWatch {
  /** The user's servers that are listening now, each with the line that started it. */
  listening(): Listen[];
  /** True when everything keeping the process alive beyond what the runner had before user code is a listening server. */
  onlyServing(): boolean;
}

/**
 * Records the user's listen() calls (with their line) and the active resources before user code runs.
 * Call it just before the user's module loads.
 */
export function watchServers(): ServerWatch {
  const listens: Listen[] = [];
  const baseline = counts(activeResources?.call(process) ?? []);
  const original = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    listens.push({ server: this, site: userCallSite() });
    return (original as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof original;

  const listening = () => listens.filter((l) => l.server.listening);
  return {
    listening,
    onlyServing() {
      if (!activeResources || listening().length === 0) return false;
      const extra = counts(activeResources.call(process));
      for (const [name, n] of baseline) extra.set(name, (extra.get(name) ?? 0) - n);
      let servers = 0;
      for (const [name, n] of extra) {
        if (n <= 0) continue;
        if (!SERVER_RESOURCES.has(name)) return false;
        servers += n;
      }
      return servers > 0;
    },
  };
}

/** "port 8000" / "/tmp/app.sock", from the server's own address. */
function addressOf(server: net.Server): string {
  const address = server.address();
  if (!address) return 'an address';
  return typeof address === 'string' ? address : `port ${address.port}`;
}

/** The sentence that names a script only waiting for requests, and the listen() line to show. */
export function servingMessage(watch: ServerWatch): { text: string; location?: SourceLocation } {
  const first = watch.listening()[0];
  const where = first?.site ? ` (${first.site.file.split(/[\\/]/).pop()}:${first.site.line})` : '';
  return {
    text:
      ` The program started a server listening on ${first ? addressOf(first.server) : 'a port'}${where} and now only waits for requests:` +
      ' nothing else is pending (no timer, file read, download or child process), so no model will be built or trained until a client asks.' +
      ' Profile the code that builds the model instead: export the model or a function that builds it (--export NAME), or a script that trains without starting the server.',
    location: first?.site,
  };
}

/**
 * Calls `onServing` once the program has only been serving for SERVING_QUIET_MS; returns a stop function.
 * The poll's timer is unreferenced, so it neither keeps the process alive nor counts among its resources.
 */
export function whenOnlyServing(watch: ServerWatch, onServing: () => void): () => void {
  let since: number | undefined;
  const timer = setInterval(() => {
    if (!watch.onlyServing()) {
      since = undefined;
      return;
    }
    since ??= Date.now();
    if (Date.now() - since >= SERVING_QUIET_MS) {
      clearInterval(timer);
      onServing();
    }
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
