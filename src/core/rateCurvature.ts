// learning-rate-high in closed form, for a model linear in its weights under the mean squared error: the loss is a
// quadratic whose Hessian H = 2/(R·U)·X̃ᵀX̃ is the same at every weight, so gradient descent moves the error along H's
// top eigenvector by ×(1 − ηλmax) per step and diverges iff η > 2/λmax (LeCun, Bottou, Orr & Müller, "Efficient
// BackProp", 1998, §5.1: η_opt = 1/λmax, divergence above 2·η_opt; Goodfellow et al. 2016, §4.3.1). With heavy-ball
// momentum β the bound is 2(1 + β)/λmax (Polyak 1964; Goh, "Why momentum really works", Distill 2017). Mini-batch SGD
// follows the full-batch step in expectation (each batch's Hessian averages to H), so a rate past the full-data bound
// diverges on any batch size (a smaller batch only lowers the bound). λmax is measured over every row fit() trains on
// (runner/curvatureProbe.ts): the profiled batch may hold only the small inputs. Thresholds and evidence:
// docs/rules/learning-rate-high.md.
import type { Finding, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { dataLoss, type Curvature, type StepRecord } from './healthModel';
import { rateTooHigh } from './rateHorizon';

/** The largest stable rate of gradient descent (heavy-ball momentum β) on a quadratic whose top curvature is λmax. */
export function stableRateLimit(curvature: Pick<Curvature, 'lambdaMax' | 'momentum'>): number {
  return (2 * (1 + curvature.momentum)) / curvature.lambdaMax;
}

/**
 * The spectral radius of the step along the top curvature direction: |1 − ηλ| for SGD; for heavy ball the larger root
 * modulus of z² − (1 + β − ηλ)z + β = 0. Above 1 that direction's error grows every step.
 */
export function growthPerStep(curvature: Pick<Curvature, 'lambdaMax' | 'momentum' | 'learningRate'>): number {
  const a = 1 + curvature.momentum - curvature.learningRate * curvature.lambdaMax;
  const discriminant = a * a - 4 * curvature.momentum;
  if (discriminant < 0) return Math.sqrt(curvature.momentum);
  const root = Math.sqrt(discriminant);
  return Math.max(Math.abs((a + root) / 2), Math.abs((a - root) / 2));
}

/** learning-rate-high when the rate is past gradient descent's stable range on this quadratic loss. */
export function rateBeyondCurvature(steps: readonly StepRecord[], curvature: Curvature | undefined, rateSite: SourceLocation | undefined, plannedSteps: number | undefined): Finding | undefined {
  if (!curvature || !(curvature.lambdaMax > 0) || !(curvature.learningRate > 0)) return undefined;
  const limit = stableRateLimit(curvature);
  if (!(curvature.learningRate > limit)) return undefined;
  const growth = growthPerStep(curvature);
  const profiled = steps.map((s) => s.evalLoss ?? dataLoss(s));
  const first = profiled[0];
  const last = profiled[profiled.length - 1];
  const batchText =
    profiled.length > 1 && Number.isFinite(last) && last < first
      ? `On the profiled batch the loss falls (${fmt(first)} → ${fmt(last)} in ${profiled.length - 1} steps), but that batch is not all the script trains on. `
      : '';
  const method = curvature.momentum ? `gradient descent with momentum ${fmt(curvature.momentum)}` : 'gradient descent';
  const bound = curvature.momentum ? `2(1 + β)/λmax` : `2/λmax`;
  // float32 overflows past 3.4e38: how many such steps until the error alone does (from an error of order 1).
  const overflowSteps = Math.ceil(38.5 / Math.log10(growth));
  const plan =
    plannedSteps && plannedSteps > 1
      ? overflowSteps <= plannedSteps
        ? ` — at that pace it passes float32's largest number (3.4e38) within about ${overflowSteps.toLocaleString('en-US')} of the ${plannedSteps.toLocaleString('en-US')} steps the script plans`
        : ` — ×${fmt(Math.pow(growth, plannedSteps))} over the ${plannedSteps.toLocaleString('en-US')} steps the script plans`
      : '';
  return rateTooHigh(
    rateSite,
    `The learning rate is too high: training will diverge. The model is linear in its weights and the loss is the mean squared error, so the loss is a quadratic whose curvature is set by the inputs alone: ` +
      `over the ${curvature.rows.toLocaleString('en-US')} rows the script trains on its largest curvature is λmax = ${fmt(curvature.lambdaMax)}, and ${method} is stable only below a rate of ${bound} = ${fmt(limit)}. ` +
      `The rate is ${fmt(curvature.learningRate)} (${fmt(curvature.learningRate / limit)}× that), so the error along the steepest direction grows ×${fmt(growth)} every step${plan}. ${batchText}` +
      `Lower the learning rate below ${fmt(limit)} (LeCun et al. 1998: 1/λmax = ${fmt(1 / curvature.lambdaMax)} is the fastest), or scale the inputs: λmax grows with their square, so standardised inputs allow a far larger rate.`,
  );
}
