// A watched run's verdict from what the host received: the runner judges the whole loss curve when the run
// ends (its end, Stop, maxSteps, the time limit), but a runner killed without its grace period (SIGKILL, out of
// memory, the memory limit, a crash) judges nothing. The host then has the steps it was sent: WatchEvidence
// replays them through the same WatchRules, built from the same model message, in the order the runner saw them
// (steps and samples arrive in that order; a non-finite finding stops the rules, as it did the runner's) — so the
// end-of-run verdict does not depend on how the run ended, only on the steps recorded.
import type { Finding, RunnerMessage, RunnerMessageOf, Thresholds } from './protocol';
import { WatchRules } from './watchRules';
import { withOriginSites } from './originSites';

/** The rules of a watched run, as the runner builds them from its model message (where findings point). */
export function watchRulesFor(model: RunnerMessageOf<'model'>, thresholds: Partial<Thresholds> | undefined): WatchRules {
  const loss = model.compileLocation;
  return new WatchRules(model.layers, thresholds, { loss, inputs: model.dataLocations?.inputs?.[0], rate: model.optimizerLocation ?? loss });
}

/** What the loss-curve rules read at the end: the script's planned steps, whether every step saw the same batch, and whether every epoch repeats the same batch order. */
export interface WatchPlan { steps?: number; sameBatch: boolean; orderRepeats?: boolean }
export const watchPlan = (model: RunnerMessageOf<'model'>): WatchPlan => ({ steps: model.plannedSteps, sameBatch: model.sameBatch ?? false, orderRepeats: model.orderRepeats ?? false });

export class WatchEvidence {
  private rules: WatchRules | undefined;
  private model: RunnerMessageOf<'model'> | undefined;
  private plan: WatchPlan = { sameBatch: false };

  constructor(private readonly thresholds: Partial<Thresholds> | undefined) {}

  observe(message: RunnerMessage): void {
    if (message.type === 'model') {
      this.rules = watchRulesFor(message, this.thresholds);
      this.model = message;
      this.plan = watchPlan(message);
    } else if (message.type === 'watchSteps') {
      for (const step of message.steps) this.rules?.observe(step);
    } else if (message.type === 'watchEpoch') {
      this.rules?.observeEpoch(message);
    } else if (message.type === 'watchValidation') {
      this.rules?.observeValidation(message);
    } else if (message.type === 'watchSample') {
      this.rules?.observeSample(message);
    } else if (message.type === 'finding' && message.finding.code === 'non-finite' && message.finding.step !== undefined && message.finding.phase) {
      this.rules?.nonFinite(message.finding.step, message.finding.layer, message.finding.phase, '');
    }
  }

  /** The end-of-run findings on the steps received (the runner's, had it ended the run itself, definitions related as it does). */
  atEnd(): Finding[] {
    return withOriginSites(this.rules?.atEnd(this.plan.steps, this.plan.sameBatch, this.plan.orderRepeats) ?? [], this.model ?? {});
  }
}
