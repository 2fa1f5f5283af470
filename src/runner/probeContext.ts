// What every probe that runs after the profiled steps reads (./horizonProbe.ts, ./initProbe.ts, ./planPreview.ts,
// ./rateProbe.ts's inputScaleProbes, ./scaleProbe.ts): the model, its weights before profiling, the profiled batch and
// steps, and the two channels back to the host. One object, so a probe's signature says only what is its own.
import type { LayersModel } from '@tensorflow/tfjs';
import type { Batch } from './data';
import type { StepRecord } from '../core/healthModel';
import type { RunnerMessage, Thresholds } from '../core/protocol';
import type { WeightSnapshot } from './modelState';
import type { Tf } from './tfjsResolve';
import type { ProbeClock } from './probePace';

export interface ProbeContext {
  tf: Tf;
  model: LayersModel;
  /** Every weight as it was before the profiled steps moved it: each probe starts from here. */
  initial: WeightSnapshot;
  batch: Batch;
  /** The profiled steps, and the time they were charged (./probePace.ts chargedClock: their pace sizes the probes). */
  records: readonly StepRecord[];
  profilingMs: number;
  /** A fresh clock for a probe's budget (./probePace.ts chargedClock; tests inject theirs). */
  probeClock: () => ProbeClock;
  /** The model trains with dropout or noise (./gradientProfiler.ts). */
  stochastic: boolean;
  /** The request's thresholds over the defaults. */
  thresholds: Thresholds;
  /** Progress and logs: not evidence. */
  send: (message: RunnerMessage) => Promise<unknown>;
  /** Evidence: read by the verdict (core/runEnd.ts) as well as sent. */
  report: (message: RunnerMessage) => Promise<unknown>;
}
