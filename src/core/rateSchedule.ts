// The script's own learning-rate schedule (runner/rateSchedule.ts reads it from its fit() callbacks) as the rules read it.
// Gradient descent's path depends on the time η·t its steps cover, not their count (the gradient flow: Bottou 2012,
// "Stochastic Gradient Descent Tricks"; the plan preview's compression, core/plateau.ts): a plan whose rate decays covers
// Σ η_t, and a pace measured over the profiled steps — which followed the schedule's first rates — carries over the plan in
// proportion to the time each covers, not to their step counts. docs/rules/learning-rate-low.md ("A schedule in callbacks").
import { formatNumber as fmt } from './format';
import type { RateScheduleSummary, RelatedLayer, SourceLocation } from './protocol';

/**
 * The plan's length in profiled steps: n × (Σ of the plan's rates) ÷ (Σ of the rates the first n profiled steps took; past
 * the early rates carried, the last of them). For a constant rate this is the planned steps themselves.
 */
export function planInProfiledSteps(schedule: RateScheduleSummary, profiledSteps: number): number | undefined {
  const { early, planTime } = schedule;
  if (!(profiledSteps > 0) || early.length === 0) return undefined;
  let profiled = 0;
  for (let t = 0; t < profiledSteps; t++) profiled += early[Math.min(t, early.length - 1)];
  return profiled > 0 && Number.isFinite(planTime) ? (profiledSteps * planTime) / profiled : undefined;
}

/** The share of the planned steps' time at the starting rate that the schedule keeps (Σ rates ÷ (starting rate × steps)). */
export const keptShare = (schedule: RateScheduleSummary, plannedSteps: number): number => schedule.planTime / plannedSteps;

/**
 * A learning-rate-low finding under a schedule: on the line that sets the rate (the callback's setLearningRate call), the
 * optimizer's rate related as where the schedule starts; `lead` opens the sentence that says the schedule was followed.
 * Without a schedule: the rate's own line and the usual advice.
 */
export function scheduled(
  schedule: RateScheduleSummary | undefined,
  rateSite: SourceLocation | undefined,
  lead: string,
  plannedSteps?: number,
): { location?: SourceLocation; related: RelatedLayer[]; words: string; advice: string } {
  if (!schedule) return { location: rateSite, related: [], words: '', advice: 'Raise the learning rate (run the LR finder: Gradient Lens: Find learning rate) or train for more steps.' };
  const line = schedule.site ? ` at line ${schedule.site.line}` : '';
  const sameLine = (a: SourceLocation, b: SourceLocation) => a.file === b.file && a.line === b.line;
  const related: RelatedLayer[] =
    schedule.site && rateSite && !sameLine(schedule.site, rateSite) ? [{ layer: 'the starting rate', location: rateSite, message: `the rate the schedule starts from (${fmt(schedule.first)})`, kind: 'plan' }] : [];
  const kept = plannedSteps ? `, which keeps ${fmt(100 * keptShare(schedule, plannedSteps))} % of the time the planned steps would cover at the starting rate (Σ rates ÷ (starting rate × steps))` : '';
  return {
    location: schedule.site ?? rateSite,
    related,
    words: `${lead} the script's own schedule: the rate ${fmt(schedule.first)} → ${fmt(schedule.last)}, set by ${schedule.hook}${line}${kept}. `,
    advice: 'The schedule decays the rate too fast for the plan: decay it more slowly (or keep it constant), start it higher, or train for more steps.',
  };
}
