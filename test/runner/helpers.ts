// Shared helpers for the runner test suite: run the real engine through the host client (dist/runner.js)
// or the CLI (dist/cli.js), locate marker comments in fixtures, and check that no runner outlives a run.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLrSweep, startProfile, type ClientOptions, type RunLimit } from '../../src/host/client';
import type { LrRequest, ProfileRequest, RunnerMessage } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RUNNER = path.join(ROOT, 'dist', 'runner.js');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'runner');

if (!fs.existsSync(RUNNER) || !fs.existsSync(CLI)) {
  throw new Error('dist/runner.js or dist/cli.js is missing: run `npm run build` before the runner tests.');
}

export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

/** 1-based line of the (single) line of `file` that contains `marker`. */
export function lineOf(file: string, marker: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  assert.equal(hits.length, 1, `marker "${marker}" must occur exactly once in ${file} (found ${hits.length})`);
  return hits[0];
}

export interface RunOutcome {
  report: ProfileReport;
  messages: RunnerMessage[];
  pid: number | undefined;
  ms: number;
}

/**
 * process.kill(pid, 0) throws ESRCH once the process is gone. A killed grandchild whose parent died is
 * re-parented to PID 1, which in some sandboxes never reaps it: a zombie (state Z) counts as gone.
 */
export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ESRCH');
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Waits briefly for the kernel to reap the process; the client kills the group and waits for exit. */
export async function assertGone(pid: number | undefined): Promise<void> {
  assert.ok(pid !== undefined, 'the runner had a pid');
  for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(isAlive(pid), false, `runner process ${pid} is still alive`);
}

/**
 * Client options for a test, plus `expireWhen`: the run's time limit expires at the first message it accepts (after step
 * 0, once the program printed its error) rather than after `timeoutMs` of wall-clock time, so how busy the machine is
 * cannot move where the run stops. The timeout's message still names `timeoutMs`.
 */
export type TestOptions = ClientOptions & { expireWhen?: (message: RunnerMessage) => boolean };

/** The host's run limit as `expireWhen` sets it, and the observer every message of the run goes through. */
export function limitAt({ expireWhen, ...options }: TestOptions): { options: ClientOptions; observe(message: RunnerMessage): void } {
  if (!expireWhen) return { options, observe: () => undefined };
  let expire: (() => void) | undefined;
  const runLimit: RunLimit = (fire) => {
    expire = fire;
    return () => (expire = undefined);
  };
  return {
    options: { ...options, runLimit },
    observe(message) {
      if (expire && expireWhen(message)) {
        const fire = expire;
        expire = undefined;
        fire();
      }
    },
  };
}

export async function profile(
  file: string,
  request: Partial<ProfileRequest> = {},
  testOptions: TestOptions = {},
): Promise<RunOutcome> {
  const messages: RunnerMessage[] = [];
  const started = Date.now();
  const { options, observe } = limitAt(testOptions);
  const run = startProfile(
    { file, steps: 0, backend: 'auto', ...request },
    { runnerPath: RUNNER, timeoutMs: 60_000, ...options },
    (m) => {
      messages.push(m);
      observe(m);
    },
  );
  const report = await run.result;
  await assertGone(run.pid);
  return { report, messages, pid: run.pid, ms: Date.now() - started };
}

const LR_TEST_DEFAULTS = { backend: 'auto', startLr: 1e-7, endLr: 10, steps: 100, mode: 'exp', repeats: 1 } as const;

/** Runs an LR range test (one repeat of 100 steps unless `request` says otherwise) and checks its process is gone. */
export async function sweep(file: string, request: Partial<LrRequest> = {}, testOptions: TestOptions = {}) {
  const messages: RunnerMessage[] = [];
  const { options, observe } = limitAt(testOptions);
  const run = startLrSweep({ file, ...LR_TEST_DEFAULTS, ...request }, { runnerPath: RUNNER, timeoutMs: 60_000, ...options }, (m) => {
    messages.push(m);
    observe(m);
  });
  const report = await run.result;
  await assertGone(run.pid);
  return { report, messages };
}

/** Runs a profile and asserts it succeeded, with the runner's error in the failure message. */
export async function profileOk(file: string, request: Partial<ProfileRequest> = {}, options: TestOptions = {}): Promise<RunOutcome> {
  const outcome = await profile(file, request, options);
  assert.equal(outcome.report.status, 'done', `profile of ${path.basename(file)} failed: ${JSON.stringify(outcome.report.error)}`);
  return outcome;
}

export async function profileFails(file: string, request: Partial<ProfileRequest> = {}, options: TestOptions = {}) {
  const outcome = await profile(file, request, options);
  assert.equal(outcome.report.status, 'failed', `expected ${path.basename(file)} to fail`);
  assert.ok(outcome.report.error, 'a failed report carries the error');
  return { ...outcome, error: outcome.report.error! };
}

export function layer(report: ProfileReport, name: string) {
  const found = report.layers.find((l) => l.name === name);
  assert.ok(found, `layer ${name} in ${report.layers.map((l) => l.name).join(', ')}`);
  return found;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessResult extends CliResult {
  signal: NodeJS.Signals | null;
}

/** Runs a command to its end, collecting its output; `input` goes to stdin; SIGKILL after `timeoutMs`. */
export function runProcess(
  cmd: string,
  args: string[],
  { cwd = ROOT, env, input, timeoutMs }: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (child.stdin) {
      child.stdin.on('error', () => {}); // the child may exit before reading everything; 'close' reports it
      child.stdin.end(input);
    }
  });
}

export function cli(args: string[], cwd = ROOT): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], { cwd });
}

/** Runs async jobs with at most `limit` at a time (2 cores: two runners in parallel). */
/**
 * Profiles each of `files` (fixture names; `at` makes them paths) two runners at a time, starting at once, so a
 * test file's profiles overlap its first tests; the returned function awaits one file's outcome.
 */
export function profileEach(
  files: readonly string[],
  at: (f: string) => string,
  request: Partial<ProfileRequest> | ((f: string) => Partial<ProfileRequest>),
): (f: string) => Promise<RunOutcome> {
  const runs = pool(files, 2, (f) => profileOk(at(f), typeof request === 'function' ? request(f) : request));
  return async (f) => (await runs)[files.indexOf(f)];
}

/** A report's findings as `code:severity:line`, for assertion messages. */
export const findingSummary = (r: ProfileReport): string => r.findings.map((f) => `${f.code}:${f.severity}:${f.line ?? '-'}`).join(', ');

export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}
