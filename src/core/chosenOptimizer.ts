// Findings that judge the step size, on a model the file never compiled. The profiler then compiles it itself with
// Adam(1e-3) (runner/loadTarget.ensureCompiled): the rate those findings call too high or too low is the profiler's,
// not a line of the user's code, and the user's own training (another file, a later compile()) sets its own.
// A finding is about the program it reads; one about our stand-in rate is information, saying how the profiler's
// default fared and where the real rate would be judged. docs/rules/learning-rate-high.md ("A rate the file never set").
import type { Finding } from './protocol';

/** The findings whose remedy is a different learning rate. */
const RATE_REMEDIES = new Set<Finding['code']>(['learning-rate-high', 'learning-rate-low', 'loss-oscillating']);

export const CHOSEN_RATE_NOTE =
  ' But the model was not compiled in this file, so these steps used the profiler\'s own Adam(1e-3), not a rate of yours: ' +
  'this says how that default fares here, not that your training\'s rate is wrong. Profile the file that compiles and trains the model ' +
  '(or run `gradient-lens lr` on it) to judge your own rate.';

/** Rate findings on a profiler-compiled model become information with the note; every other finding is unchanged. */
export function onChosenOptimizer(findings: readonly Finding[], optimizerChosen: boolean | undefined): Finding[] {
  if (!optimizerChosen) return [...findings];
  return findings.map((f) => (RATE_REMEDIES.has(f.code) && f.severity !== 'info' ? { ...f, severity: 'info', message: f.message + CHOSEN_RATE_NOTE } : f));
}
