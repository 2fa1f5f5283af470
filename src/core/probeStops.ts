// What a user reads when a check after the profiled steps stopped before it decided (protocol ProbeStop, sent by
// runner/probePace.ts's callers; the host adds one when its --timeout ends the run during those checks). Without it a
// stopped check looked exactly like a passed one: no finding, "gradients look healthy".
import type { ProbeStop } from './protocol';

const NAME: Record<ProbeStop['probe'], string> = {
  horizon: 'The learning-rate probe on fresh batches',
  init: 'The initialisation probe',
  labels: 'The label probe on fresh batches',
  plan: 'The plan preview',
  run: 'The checks after the profiled steps',
};

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

/**
 * "The initialisation probe stopped at its 15 s compute budget after 12 of 40 steps: whether N(0, 1) weights cost
 * training was not checked. …" — which check, how far it got, what is therefore not judged, and the next step.
 */
export function probeStopText(stop: ProbeStop): string {
  const progress = stop.steps !== undefined && stop.plannedSteps !== undefined ? ` after ${stop.steps} of ${stop.plannedSteps} steps` : '';
  if (stop.reason === 'run limit') {
    return `${NAME.run} did not finish within the run's ${seconds(stop.limitMs)} limit (running: ${stop.check}): what that check would have found is not judged. Raise the timeout (--timeout / gradientLens.timeoutSeconds), or profile fewer rows (--batch).`;
  }
  const how =
    stop.reason === 'not started'
      ? `did not run: it would need ~${seconds(stop.spentMs)} of computation, over its ${seconds(stop.limitMs)} budget`
      : `stopped at its ${seconds(stop.limitMs)} compute budget${progress}`;
  return `${NAME[stop.probe]} ${how}: ${stop.check} was not checked. The budget is CPU time, so a busy machine does not shorten it: this model is costly at this batch size on this backend — profile fewer rows (--batch) or use a faster backend (--backend tensorflow).`;
}

/** One line for a summary: "1 check not made (the initialisation probe)". */
export function probeStopsSummary(stops: readonly ProbeStop[]): string | undefined {
  if (!stops.length) return undefined;
  const names = [...new Set(stops.map((s) => NAME[s.probe].replace(/^The /, 'the ')))];
  return `${stops.length} check${stops.length === 1 ? '' : 's'} not made (${names.join(', ')})`;
}
