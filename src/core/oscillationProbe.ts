// Whether a fixed batch's oscillating loss costs progress, judged by the ÷10 rate probe the profile already runs after a
// rise (rateRules.probesToRun). loss-oscillating tells the user the steps overshoot and to lower the rate; that is a
// claim a measurement can check: Smith (2017) and Bengio (2012, §3.1) call a rate too high when a smaller one gets
// further, and the learning-rate rules judge it so. On a curve that swings, one point — the lowest, or the last — is the
// phase of the swing, so the two runs are compared by their level over the same steps: the mean loss after the start.
// Where a tenth of the rate gets no clearly lower level (HIGH_MARGIN, the rate rules' "clearly"), the swings are not
// what limits training — with heavy momentum a stable run rings on one batch (the heavy ball is underdamped above
// lr·λ > (1 − √β)²: Polyak 1964; Goh, "Why Momentum Really Works", Distill 2017) — and the finding is information.
// docs/rules/loss-oscillating.md.
import type { Finding } from './protocol';
import { formatNumber as fmt } from './format';
import type { HealthContext } from './healthModel';
import { HIGH_MARGIN, PROBE_FACTOR } from './rateRules';

export interface OscillationJudged {
  finding: Finding;
  /** The probe measured that a smaller rate gets no further: the finding is information. */
  harmless: boolean;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Optimizers with a momentum term (tfjs class names): their stable runs ring on one batch. */
const WITH_MOMENTUM = new Set(['Momentum', 'Adam', 'Adamax', 'RMSProp']);

export function judgeOscillation(oscillation: Finding, losses: readonly number[], probes: HealthContext['rateProbes'], optimizer?: string): OscillationJudged {
  const probe = probes?.find((p) => p.factor === 1 / PROBE_FACTOR);
  const k = probe ? Math.min(probe.losses.length, losses.length) - 1 : 0;
  if (!probe || k < 2 || !probe.losses.slice(0, k + 1).every(Number.isFinite)) return { finding: oscillation, harmless: false };
  const own = mean(losses.slice(1, k + 1));
  const smaller = mean(probe.losses.slice(1, k + 1));
  if (!(own > 0) || smaller <= HIGH_MARGIN * own) return { finding: oscillation, harmless: false };
  const message = oscillation.message.replace(/ [^.]*: lower the learning rate \(run the LR finder\) or add gradient clipping\.$/, '');
  return {
    harmless: true,
    finding: {
      ...oscillation,
      severity: 'info',
      message:
        `${message} But it does not cost progress: from the same initial weights a tenth of the rate got no lower over the first ${k} steps ` +
        `(mean loss ${fmt(smaller)} against ${fmt(own)} at the model's rate), so the steps are not too large for this loss${optimizer && WITH_MOMENTUM.has(optimizer) ? ` — on one batch a stable run with momentum (${optimizer}) swings as it settles` : ''}. ` +
        `No action needed; if the training curve swings over whole epochs too, lower the ${optimizer === 'Momentum' ? 'momentum or the ' : ''}rate.`,
    },
  };
}
