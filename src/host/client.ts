// The typed host client shared by the extension and the CLI: starts a runner child process (a profile or
// an LR range test), streams its validated events, and guarantees the process is gone on done, error,
// cancel, timeout or host exit.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { decodeRunnerMessage, encodeMessage, type ErrorKind, type GradcheckRequest, type HostMessage, type LrRequest, type ProfileRequest, type RunnerMessage, type WatchRequest } from '../core/protocol';
import { applyWatchMessage, emptyWatchState, type WatchReport } from '../core/watchReport';
import { RunFileWriter } from './runFileWriter';
import { applyMessage, emptyReport, type ProfileReport } from '../core/report';
import { applyLrMessage, emptyLrReport, type LrReport } from '../core/lrReport';
import { applyGradcheckMessage, emptyGradcheckReport, type GradcheckReport } from '../core/gradcheckReport';
import { LR_DEFAULTS, PROFILE_DEFAULTS, RUN_DEFAULTS, WATCH_DEFAULTS } from '../core/defaults';
import { emptyProgress, outOfMemoryMessage, ProfileEvidence, observeProgress, timeoutMessage, type RunWork } from '../core/runEnd';
import { errorHeadlineIn } from '../core/errorHeadline';
import { WatchEvidence } from '../core/watchEnd';
import { clampTimeoutMs, killProcessGroup, watchGroupMemory } from './processGroup';
import { runnerEnvironment } from './runnerEnv';

export interface ClientOptions {
  /** The bundled runner script (dist/runner.js). */
  runnerPath?: string;
  /** Node executable; defaults to the current one (Electron runs as Node via ELECTRON_RUN_AS_NODE). */
  nodePath?: string;
  timeoutMs?: number;
  memoryLimitMb?: number;
  cwd?: string;
  /** User program output forwarded as log events is capped at this many bytes. */
  maxLogBytes?: number;
  /** Environment variables for the model file beyond the allow-list of runnerEnv.ts (given on purpose). */
  env?: Record<string, string>;
  /**
   * Starts the run's time limit: `expire` ends the run as its timeout (the message names `timeoutMs`); returns what
   * clears it. Default: `expire` after `ms` of wall-clock time. A test injects its own to end a run at a chosen event
   * (after step 0, once the program printed its error) instead of betting on how far a busy machine gets in a few seconds.
   */
  runLimit?: RunLimit;
}

export type RunLimit = (expire: () => void, ms: number) => () => void;

const wallClockLimit: RunLimit = (expire, ms) => {
  const timer = setTimeout(expire, ms);
  return () => clearTimeout(timer);
};

const DEFAULT_MAX_LOG_BYTES = 256 * 1024;

export interface ProfileRun {
  readonly pid: number | undefined;
  /** The report as the events arrive (step 0 is in it as soon as the runner sends it). */
  readonly report: ProfileReport;
  /** Settles with the final report (status "done" or "failed"); never rejects. */
  readonly result: Promise<ProfileReport>;
  cancel(): Promise<ProfileReport>;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Ends the runner's process group, also after the runner itself has exited (its grandchildren). */
function killTree(child: ChildProcess): void {
  killProcessGroup(child.pid, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => liveChildren.forEach(killTree));
}

export function defaultRunnerPath(): string {
  return path.join(__dirname, 'runner.js');
}

/** Starts a runner process that waits for its request (used directly, or kept warm by RunnerPool). */
export function spawnRunner(options: ClientOptions = {}): ChildProcess {
  installExitHook();
  const memory = options.memoryLimitMb ?? RUN_DEFAULTS.memoryLimitMb;
  const child = spawn(options.nodePath ?? process.execPath, [`--max-old-space-size=${memory}`, path.resolve(options.runnerPath ?? defaultRunnerPath())], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group, so cancel/timeout also end anything the user's code spawned.
    detached: process.platform !== 'win32',
    env: runnerEnvironment(process.env, options.env),
    windowsHide: true,
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  // An idle warm runner must not keep a CLI or test process alive.
  setReferenced(child, false);
  return child;
}

function setReferenced(child: ChildProcess, referenced: boolean): void {
  type Handle = { ref?(): void; unref?(): void } | null | undefined;
  const handles: Handle[] = [child, child.channel as Handle, child.stdout as Handle, child.stderr as Handle];
  for (const handle of handles) (referenced ? handle?.ref : handle?.unref)?.call(handle);
}

export function disposeRunner(child: ChildProcess): void {
  liveChildren.delete(child);
  killTree(child);
}

/**
 * Profiles request.file in a runner: `warmChild` when given (a spawnRunner() child, possibly prepared),
 * else a fresh one. The user's code runs in options.cwd, default the file's folder.
 */
export function startProfile(
  request: ProfileRequest,
  options: ClientOptions = {},
  onMessage: (message: RunnerMessage) => void = () => undefined,
  warmChild?: ChildProcess,
): ProfileRun {
  request = withPaths(request, options);
  const measured = new ProfileEvidence();
  const timeoutMs = clampTimeoutMs(options.timeoutMs, PROFILE_DEFAULTS.timeoutSeconds * 1000);
  let running: string | undefined;
  const apply = (report: ProfileReport, message: RunnerMessage) => {
    if (message.type === 'phase') running = message.message;
    // A run that ends early after measuring steps keeps them (partial), with verdicts on what was measured.
    if (message.type === 'error' && report.status === 'running' && measured.count > 0) {
      report.partial = true;
      if (!report.findings.length) for (const finding of measured.findings(request.thresholds)) applyMessage(report, { type: 'finding', finding });
      // Stopped by --timeout during the checks after the steps: the check that was running is named, not silently lost.
      if (message.kind === 'timeout' && report.totalSteps !== undefined && measured.count > report.totalSteps && running) {
        applyMessage(report, { type: 'probeStop', probe: 'run', reason: 'run limit', limitMs: timeoutMs, spentMs: timeoutMs, check: running });
      }
    }
    measured.observe(message);
    applyMessage(report, message);
  };
  return startRun({ type: 'profileStart', request }, emptyReport(request.file), apply, 'profile', { ...options, timeoutMs }, onMessage, warmChild);
}

export interface LrRun {
  readonly pid: number | undefined;
  /** Settles with the final report (status "done" or "failed"); never rejects. */
  readonly result: Promise<LrReport>;
  /**
   * Asks the runner to stop after the current batch and report what it had (its `result` is kept), then
   * ends it; a timeout does the same (error kind "timeout", result reason "timeout").
   */
  cancel(): Promise<LrReport>;
}

/** How long a cancelled LR sweep may take to send its partial result before its process is killed. */
const CANCEL_GRACE_MS = 3000;

/** Runs the LR range test of request.file in a fresh runner (same limits and clean-up as profiling). */
export function startLrSweep(request: LrRequest, options: ClientOptions = {}, onMessage: (message: RunnerMessage) => void = () => undefined): LrRun {
  request = withPaths(request, options);
  return startRun({ type: 'lrStart', request }, emptyLrReport(request.file), applyLrMessage, 'learning-rate sweep', { ...options, timeoutMs: options.timeoutMs ?? LR_DEFAULTS.timeoutSeconds * 1000 }, onMessage, undefined, CANCEL_GRACE_MS);
}

export interface GradcheckRun {
  readonly pid: number | undefined;
  /** Settles with the final report (status "done" or "failed"); never rejects. */
  readonly result: Promise<GradcheckReport>;
  cancel(): Promise<GradcheckReport>;
}

/** Checks the gradients of request.file's user-defined layers in a fresh runner (same limits and clean-up as profiling). */
export function startGradcheck(request: GradcheckRequest, options: ClientOptions = {}, onMessage: (message: RunnerMessage) => void = () => undefined): GradcheckRun {
  request = withPaths(request, options);
  return startRun({ type: 'gradcheckStart', request }, emptyGradcheckReport(request.file), applyGradcheckMessage, 'gradient check', { ...options, timeoutMs: options.timeoutMs ?? PROFILE_DEFAULTS.timeoutSeconds * 1000 }, onMessage);
}

export interface WatchRun {
  readonly pid: number | undefined;
  /** The report as the events arrive (bounded timeline: core/timeline.ts). */
  readonly report: WatchReport;
  /** Settles with the final report (status "done", or "failed" with partial: true after a Stop); never rejects. */
  readonly result: Promise<WatchReport>;
  /** Stop: training ends after the current step, the runner sends what it has, the run file gets its end line. */
  cancel(): Promise<WatchReport>;
}

/**
 * Watches request.file train to its end in a fresh runner (core/watchProtocol.ts). With `runFile` the run
 * is written there as it goes (core/runFile.ts); the report's runFile names it once the model was found.
 */
export function startWatch(request: WatchRequest, options: ClientOptions & { runFile?: string; maxTimelinePoints?: number } = {}, onMessage: (message: RunnerMessage) => void = () => undefined): WatchRun {
  request = withPaths(request, options);
  const state = emptyWatchState(request.file, options.maxTimelinePoints);
  const writer = options.runFile ? new RunFileWriter(path.resolve(options.runFile), { mode: 'watch', file: request.file, every: request.every }) : undefined;
  const evidence = new WatchEvidence(request.thresholds);
  const apply = (_report: WatchReport, message: RunnerMessage) => {
    evidence.observe(message);
    applyWatchMessage(state, message);
    writer?.write(message);
    if (writer?.opened) state.report.runFile = writer.filePath;
  };
  const timeoutMs = options.timeoutMs ?? WATCH_DEFAULTS.timeoutSeconds * 1000;
  // A runner killed without its grace (SIGKILL, out of memory, a crash) did not judge the run's end: the host does,
  // on the steps it received, with the runner's rules (core/watchEnd.ts); the report is partial.
  const judgeEnd = (): RunnerMessage[] => {
    const known = new Set(state.report.findings.map((f) => `${f.code}:${f.layer ?? ''}`));
    return evidence.atEnd().flatMap((finding) => (known.has(`${finding.code}:${finding.layer ?? ''}`) ? [] : [{ type: 'finding' as const, finding }]));
  };
  const run = startRun({ type: 'watchStart', request }, state.report, apply, 'training watch', { ...options, timeoutMs }, onMessage, undefined, CANCEL_GRACE_MS, judgeEnd);
  const result = run.result.then((report) => {
    writer?.close();
    return report;
  });
  return { pid: run.pid, report: state.report, result, cancel: () => run.cancel().then(() => result) };
}

function withPaths<R extends { file: string; cwd?: string }>(request: R, options: ClientOptions): R {
  const file = path.resolve(request.file);
  return { ...request, file, cwd: request.cwd ?? options.cwd ?? path.dirname(file) };
}

/**
 * Starts `start` in a runner and folds its events into `report`. A cancel or timeout kills the process
 * group at once, or — with `cancelGraceMs` — first asks the runner to stop and report, killing it after
 * the grace.
 */
function startRun<R extends { file: string; status: 'running' | 'done' | 'failed' }>(
  start: HostMessage,
  report: R,
  apply: (report: R, message: RunnerMessage) => unknown,
  work: RunWork,
  options: ClientOptions,
  onMessage: (message: RunnerMessage) => void,
  warmChild?: ChildProcess,
  cancelGraceMs?: number,
  /** Messages the host adds when the runner ended without its own last message (killed, crashed). */
  judgeAbruptEnd?: () => RunnerMessage[],
): { pid: number | undefined; report: R; result: Promise<R>; cancel(): Promise<R> } {
  const nodePath = options.nodePath ?? process.execPath;
  const memory = options.memoryLimitMb ?? RUN_DEFAULTS.memoryLimitMb;
  const timeoutMs = clampTimeoutMs(options.timeoutMs, PROFILE_DEFAULTS.timeoutSeconds * 1000);
  const maxLogBytes = options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const child = warmChild && warmChild.exitCode === null && warmChild.signalCode === null && warmChild.connected ? warmChild : spawnRunner(options);
  setReferenced(child, true);

  let ending: { kind: ErrorKind; message: string } | undefined;
  let stderrTail = '';
  /** The last error the program printed (either stream), however much output followed it. */
  let lastError: string | undefined;
  /** The program's last non-empty line (either stream) and when it came: a timeout says what it was still doing. */
  let lastOutput: { text: string; at: number } | undefined;
  let logBytes = 0;
  let truncated = false;

  const progress = emptyProgress();
  const deliver = (message: RunnerMessage) => {
    observeProgress(progress, message);
    apply(report, message);
    onMessage(message);
  };
  const fail = (kind: ErrorKind, message: string) => {
    if (!ending) ending = { kind, message };
    killTree(child);
  };

  const forward = (stream: NodeJS.ReadableStream, level: 'stdout' | 'stderr') => {
    let pending = '';
    let unscanned = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (level === 'stderr') stderrTail = (stderrTail + chunk).slice(-8192);
      const complete = (unscanned + chunk).split('\n');
      unscanned = (complete.pop() ?? '').slice(-4096);
      for (const line of complete) {
        lastError = errorHeadlineIn(line) ?? lastError;
        if (line.trim()) lastOutput = { text: line.trim(), at: Date.now() };
      }
      if (truncated) return;
      const bytes = Buffer.byteLength(chunk);
      // Deliver up to the cap: dropping the whole chunk that crosses it forwarded anything from 1 KiB
      // to the cap, depending on how the pipe happened to split the output.
      const over = logBytes + bytes > maxLogBytes;
      if (over) chunk = Buffer.from(chunk).subarray(0, maxLogBytes - logBytes).toString('utf8').replace(/\uFFFD$/, '');
      logBytes += over ? maxLogBytes - logBytes : bytes;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) deliver({ type: 'log', level, text });
      if (over) {
        truncated = true;
        if (pending) deliver({ type: 'log', level, text: pending });
        pending = '';
        deliver({ type: 'log', level: 'warn', text: `… program output truncated after ${Math.round(maxLogBytes / 1024)} KiB` });
      }
    });
    stream.on('end', () => {
      if (pending && !truncated) deliver({ type: 'log', level, text: pending });
    });
  };
  forward(child.stdout!, 'stdout');
  forward(child.stderr!, 'stderr');

  child.on('message', (raw) => {
    let message: RunnerMessage;
    try {
      message = decodeRunnerMessage(raw);
    } catch (error) {
      fail('internal', `The runner sent an invalid message: ${(error as Error).message}`);
      return;
    }
    // The runner's answer to our stop request reports the host's reason for it (e.g. the timeout).
    deliver(message.type === 'error' && message.kind === 'cancelled' && ending ? { type: 'error', ...ending } : message);
  });

  /** With a grace period the runner is asked to stop and report what it has (its error then carries this reason); else it is killed. */
  const stop = (kind: 'cancelled' | 'timeout', message: string) => {
    if (cancelGraceMs === undefined || !child.connected) return fail(kind, message);
    if (ending) return;
    ending = { kind, message };
    child.send(encodeMessage({ type: 'cancel', reason: kind === 'timeout' ? 'timeout' : 'cancelled' }));
    const grace = setTimeout(() => killTree(child), cancelGraceMs);
    void result.then(() => clearTimeout(grace));
  };

  const clearLimit = (options.runLimit ?? wallClockLimit)(
    () => stop('timeout', timeoutMessage(work, progress, Math.round(timeoutMs / 1000), report.file, lastError, lastOutput && { text: lastOutput.text, secondsBefore: (Date.now() - lastOutput.at) / 1000 })),
    timeoutMs,
  );

  // Tensors live outside the V8 heap: the host measures the resident memory of the whole process group.
  const stopMemoryWatch = watchGroupMemory(child.pid, memory, (mb) => fail('out-of-memory', outOfMemoryMessage(memory, progress, mb)));

  const result = new Promise<R>((resolve) => {
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      clearLimit();
      stopMemoryWatch();
      disposeRunner(child);
      if (report.status === 'running') {
        const oom = /heap out of memory|Reached heap limit|Allocation failed/i.test(stderrTail);
        const error = ending
          ? ending
          : oom
            ? { kind: 'out-of-memory' as const, message: outOfMemoryMessage(memory, progress) }
            : {
                kind: 'crashed' as const,
                message: `The runner stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).${stderrTail.trim() ? ` Last output: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
              };
        for (const message of judgeAbruptEnd?.() ?? []) deliver(message);
        deliver({ type: 'error', ...error });
      }
      resolve(report);
    };
    child.once('error', (error) => {
      fail('crashed', `Could not start the runner with ${nodePath}: ${error.message}`);
      settle(null, null);
    });
    child.once('exit', (code, signal) => {
      // Give the stdio streams a moment to drain, but never wait on a grandchild holding them open.
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          clearTimeout(fallback);
          settle(code, signal);
        }
      };
      const fallback = setTimeout(finish, 200);
      child.once('close', finish);
    });
  });

  // The runner learns its time limit: a script that would spend it all predicting before its first fit() is stopped at half.
  child.send(encodeMessage('request' in start ? ({ ...start, request: { ...start.request, timeoutSeconds: timeoutMs / 1000 } } as HostMessage) : start));

  return {
    pid: child.pid,
    report,
    result,
    cancel() {
      stop('cancelled', 'Cancelled.');
      return result;
    },
  };
}
