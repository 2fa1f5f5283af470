// The runner's side of the IPC channel and its one way out: messages to the host, and an exit that first
// lets the user's pending output and the last message through (user code owns stdout/stderr).
import { encodeMessage, type RunnerMessage } from '../core/protocol';
import { userCallSite } from './callSites';
import { UserExit } from './failures';

const realExit = process.exit.bind(process);
let finished = false;

/** Set once the run's end is under way: the user's code may then exit, and late failures are ignored. */
export const hasFinished = (): boolean => finished;

export function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(encodeMessage(message), undefined, undefined, () => resolve());
  });
}

/**
 * Output the user's code wrote but the pipe has not taken yet: process.exit() would drop it (10 MB
 * printed while loading arrived as an arbitrary ~100-200 KB, without the host's truncation notice).
 */
function flushed(stream: NodeJS.WriteStream, limitMs: number): Promise<void> {
  if (!stream.writableLength) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    stream.write('', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function finish(code: number, last?: RunnerMessage): Promise<never> {
  finished = true;
  await Promise.all([flushed(process.stdout, 2000), flushed(process.stderr, 2000)]);
  if (last) await send(last);
  return realExit(code);
}

/** The first process.exit() the user's code called (and whatever then caught its stop). */
let firstExit: UserExit | undefined;

/**
 * The user's exit that their own code caught: `main().catch((err) => console.error('Terrible error', err))`
 * around a process.exit(1) prints our stop and goes on to idle (bench/realworld batch 8: aevae). Under Node the
 * program would have ended at that exit, so the exit, not what the catch printed, is why no model was built.
 */
export const caughtExit = (): UserExit | undefined => firstExit;

/** The user's process.exit() while the runner works ends their code path, not the runner (reported as user-exit). */
export function trapProcessExit(): void {
  process.exit = ((code?: number) => {
    if (finished) return realExit(code);
    // Throwing stops the user's code path without ending the runner; the error is reported as user-exit.
    const exit = new UserExit(code, userCallSite());
    firstExit ??= exit;
    throw exit;
  }) as typeof process.exit;
}
