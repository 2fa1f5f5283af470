// A profile whose batch does not fit the memory limit is run again with half the rows, until it fits (bench/realworld
// batches 7 and 11: a 224×224 CNN, a 500×500 GAN discriminator and a BiLSTM stopped at the 4,096 MB limit with 32
// rows, where 8 or fewer profiled). A step's activations kept for the backward pass are linear in its rows (every
// layer computes each row alike), so halving the rows halves them, while the gradient statistics stay the same
// statistic on fewer examples. Only a run stopped for memory before any step was measured is retried (a run with
// steps keeps them as partial results), only while rows remain and within the run's one timeout; the report says
// which rows were used and why.
import type { ProfileRequest, RunnerMessage } from '../core/protocol';
import type { ProfileReport } from '../core/report';
import { PROFILE_DEFAULTS } from '../core/defaults';
import { clampTimeoutMs } from './processGroup';
import { startProfile, type ClientOptions, type ProfileRun } from './client';

/** A retry needs time to load the program again and take a step: below this, the first failure stands. */
const MIN_RETRY_MS = 10_000;

type Start = (request: ProfileRequest, options: ClientOptions, onMessage: (message: RunnerMessage) => void) => ProfileRun;

/** "Profiled with 8 rows a step: 32 and 16 rows passed the 4096 MB memory limit (each retry halves the rows)." */
export function rowsNote(rowsUsed: number, tooMany: number[], limitMb: number | undefined): string {
  const tried = tooMany.length === 1 ? `${tooMany[0]} rows` : `${tooMany.slice(0, -1).join(', ')} and ${tooMany[tooMany.length - 1]} rows`;
  return `Profiled with ${rowsUsed} rows a step: ${tried} passed the ${limitMb ?? 'runner’s'}${limitMb ? ' MB' : ''} memory limit (each retry halves the rows; --batch sets them, --memory the limit).`;
}

const outOfMemoryBeforeSteps = (report: ProfileReport) =>
  report.status === 'failed' && report.error?.kind === 'out-of-memory' && !report.partial && report.steps.length === 0;

/**
 * startProfile, retried with half the rows while the runner is stopped for memory before its first step. The
 * out-of-memory error of a run that is retried is not passed on (the retry's messages follow instead).
 */
export function startProfileFittingMemory(
  request: ProfileRequest,
  options: ClientOptions = {},
  onMessage: (message: RunnerMessage) => void = () => undefined,
  start: Start = startProfile,
): ProfileRun {
  const deadline = Date.now() + clampTimeoutMs(options.timeoutMs, PROFILE_DEFAULTS.timeoutSeconds * 1000);
  let held: RunnerMessage | undefined;
  const forward = (message: RunnerMessage) => {
    if (message.type === 'error' && message.kind === 'out-of-memory') held = message;
    else onMessage(message);
  };
  let current = start(request, options, forward);
  let cancelled = false;
  const tooMany: number[] = [];

  const result = (async () => {
    let report = await current.result;
    for (;;) {
      const rows = report.batchSize;
      const left = deadline - Date.now();
      if (cancelled || !outOfMemoryBeforeSteps(report) || !rows || rows < 2 || left < MIN_RETRY_MS) break;
      tooMany.push(rows);
      held = undefined;
      const half = Math.floor(rows / 2);
      onMessage({ type: 'phase', phase: 'loading', message: `${rows} rows a step passed the memory limit: profiling again with ${half}` });
      current = start({ ...request, batchSize: half }, { ...options, timeoutMs: left }, forward);
      report = await current.result;
    }
    if (held) onMessage(held);
    if (tooMany.length && report.status === 'done') report.rowsNote = rowsNote(report.batchSize ?? 0, tooMany, options.memoryLimitMb);
    if (tooMany.length && report.status === 'failed' && report.error) {
      report.error = { ...report.error, message: `${report.error.message} (Retried with fewer rows after ${tooMany.join(', ')} rows passed the memory limit.)` };
    }
    return report;
  })();

  return {
    get pid() {
      return current.pid;
    },
    get report() {
      return current.report;
    },
    result,
    cancel() {
      cancelled = true;
      return current.cancel().then(() => result);
    },
  };
}
