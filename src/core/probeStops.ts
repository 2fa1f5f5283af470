// What a user reads when a check after the profiled steps stopped before it decided (protocol ProbeStop, sent by
// runner/probePace.ts's callers; the host adds one when its --timeout ends the run during those checks). Without it a
// stopped check looked exactly like a passed one: no finding, "gradients look healthy". One text for the CLI, SARIF,
// the Markdown report, the hover on the model line and the panel's "Not checked" section.
import type { ProbeStop } from './protocol';

const NAME: Record<ProbeStop['probe'], string> = {
  horizon: 'The learning-rate probe on fresh batches',
  init: 'The initialisation probe',
  labels: 'The label probe on fresh batches',
  plan: 'The plan preview',
  run: 'The checks after the profiled steps',
};

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

/** Backends that compute a probe's steps on one thread of this process (tfjs's wasm build in Node runs no workers). */
const ONE_THREAD = new Set(['wasm', 'cpu']);

/**
 * Which clock a budget was charged, and so what the user can do about it. A probe is charged min(CPU, wall-clock) time
 * (runner/probePace.ts). On a one-thread backend CPU time is never above the wall clock: the CPU time is charged and
 * other work on the machine does not shorten the budget. tfjs-node (`tensorflow`) computes on several threads, so on a
 * free machine its CPU time runs ahead of the wall clock and the wall clock is charged: other work can then shorten it.
 */
function budgetSentence(backend: string | undefined): string {
  if (backend !== undefined && ONE_THREAD.has(backend)) {
    return `The budget is CPU time (the ${backend} backend computes on one thread), so a busy machine does not shorten it: this model is costly at this batch size on this backend — profile fewer rows (--batch) or use a faster backend (--backend tensorflow).`;
  }
  if (backend === 'tensorflow') {
    return 'The budget is the smaller of CPU and wall-clock time, and the tensorflow backend computes on several threads, so on a free machine the wall clock is charged and other work on the machine shortens it: profile fewer rows (--batch), or profile again when the machine is less busy.';
  }
  return 'The budget is the smaller of CPU and wall-clock time: this model is costly at this batch size on this backend — profile fewer rows (--batch).';
}

/**
 * "The initialisation probe stopped at its 15 s compute budget after 12 of 40 steps: whether N(0, 1) weights cost
 * training was not checked. …" — which check, how far it got, what is therefore not judged, and the next step, true for
 * the `backend` that ran it (the report's; undefined when not known).
 */
export function probeStopText(stop: ProbeStop, backend: string | undefined): string {
  const progress = stop.steps !== undefined && stop.plannedSteps !== undefined ? ` after ${stop.steps} of ${stop.plannedSteps} steps` : '';
  if (stop.reason === 'run limit') {
    return `${NAME.run} did not finish within the run's ${seconds(stop.limitMs)} limit (running: ${stop.check}): what that check would have found is not judged. Raise the timeout (--timeout / gradientLens.timeoutSeconds), or profile fewer rows (--batch).`;
  }
  if (stop.reason === 'shortened') {
    const ran = stop.steps !== undefined && stop.plannedSteps !== undefined ? `${stop.steps} of the ${stop.plannedSteps} steps it wanted` : 'fewer steps than it wanted';
    // Only the plan preview shortens, and by its work cap (core/plateau.ts previewStepCap: a fixed count for the model's
    // size, so the verdict does not follow the machine's pace) — its time budget stops it instead ('budget').
    return `${NAME[stop.probe]} ran ${ran}, its cap for a model of this size (a fixed amount of computation, so that the verdict does not depend on how busy the machine is): ${stop.check} was judged more coarsely (each step stands for more of the plan).`;
  }
  const how =
    stop.reason === 'not started'
      ? `did not run: it would need ~${seconds(stop.spentMs)} of computation, over its ${seconds(stop.limitMs)} budget`
      : `stopped at its ${seconds(stop.limitMs)} compute budget${progress}`;
  return `${NAME[stop.probe]} ${how}: ${stop.check} was not checked. ${budgetSentence(backend)}`;
}

/** The stops whose check was not made (a `shortened` check was made, on fewer steps). */
export const notChecked = (stops: readonly ProbeStop[]): ProbeStop[] => stops.filter((s) => s.reason !== 'shortened');

/** One line for a summary: "1 check not made (the initialisation probe)"; undefined when every check was made. */
export function probeStopsSummary(stops: readonly ProbeStop[]): string | undefined {
  const missed = notChecked(stops);
  if (!missed.length) return undefined;
  const names = [...new Set(missed.map((s) => NAME[s.probe].replace(/^The /, 'the ')))];
  return `${missed.length} check${missed.length === 1 ? '' : 's'} not made (${names.join(', ')})`;
}

/**
 * The stops as the views list them — "Not checked" (no finding there means nothing), then "Checked on fewer steps" (a
 * verdict that may be the coarseness's) — each a title and its texts; sections with no stop left out. One grouping for
 * the CLI, the Markdown report, the hover and the panel.
 */
export function probeStopSections(stops: readonly ProbeStop[], backend: string | undefined): { title: string; texts: string[] }[] {
  const missed = notChecked(stops);
  const shortened = stops.filter((s) => s.reason === 'shortened');
  return [
    { title: 'Not checked', texts: missed.map((s) => probeStopText(s, backend)) },
    { title: 'Checked on fewer steps', texts: shortened.map((s) => probeStopText(s, backend)) },
  ].filter((section) => section.texts.length > 0);
}
