// unscaled-input judged over the script's whole plan, in closed form, for a model linear in its weights under the mean
// squared error (core/quadraticPlan.ts computes the plan's end; runner/curvatureProbe.ts reads the quadratic). Inputs with a
// large mean or unequal scales make the loss's Hessian ill-conditioned (LeCun, Bottou, Orr & Müller, "Efficient BackProp"
// 1998, §4.3 and §5.1): a stable rate is capped by the steepest direction and the flattest one then barely moves, so no
// learning rate reaches the least-squares fit within the plan, while the same plan on standardised inputs does. The finding
// is the inputs' scale, not the rate: ten times the rate diverges, a tenth of it goes slower still.
// Thresholds (the bars the other probes use): docs/rules/unscaled-input-plan.md.
import type { Finding, LayerInfo } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY, type HealthContext } from './healthModel';
import { UNSCALED_INPUT_RMS, unscaledInputsSite } from './lossRules';
import type { PlanConditioning } from './quadraticPlan';
import { stableRateLimit } from './rateCurvature';
import { LOW_REMAINING } from './rateRules';
import { MIN_GAP_SHARE } from './scaleRules';

/**
 * The plan falls short of the least-squares fit when its end is at least twice the optimum's loss (LOW_REMAINING: the
 * bar learning-rate-low's probes clear) by a gap of at least MIN_GAP_SHARE of the no-input loss (what "learns" means
 * in every probe: 5 % of what a prediction that reads no input scores).
 */
export function fallsShort(end: number, plan: Pick<PlanConditioning, 'optimum' | 'noInput'>): boolean {
  return end - plan.optimum >= MIN_GAP_SHARE * plan.noInput && plan.optimum <= LOW_REMAINING * end;
}

/** The reading the finding rests on: the model's rate is stable, no stable rate reaches the fit within the plan, standardised inputs do. */
export function conditioningHolds(plan: PlanConditioning, rate: number, limit: number): boolean {
  return rate < limit && fallsShort(plan.given, plan) && fallsShort(plan.best, plan) && !fallsShort(plan.standardizedBest, plan);
}

export function inputConditioning(layers: readonly LayerInfo[], context: HealthContext): Finding | undefined {
  const curvature = context.curvature;
  const plan = curvature?.plan;
  const scale = context.inputScale;
  if (!curvature || !plan || !scale || !(scale.rms >= UNSCALED_INPUT_RMS)) return undefined;
  if (!conditioningHolds(plan, curvature.learningRate, stableRateLimit(curvature))) return undefined;
  const entry = layers.find((l) => l.weights.length > 0);
  if (!entry) return undefined;
  const related = unscaledInputsSite(context);
  const steps = plan.steps.toLocaleString('en-US');
  return {
    code: 'unscaled-input',
    severity: RULE_SEVERITY['unscaled-input'],
    layer: entry.name,
    location: entry.location,
    ...(related.length ? { related } : {}),
    message:
      `Unscaled inputs: input feature ${scale.feature} has RMS ${fmt(scale.rms)} (largest |x| ${fmt(scale.maxAbs)}), and for this model that decides how far training gets. ` +
      `The model is linear in its weights under a squared error, so its loss is a quadratic whose curvature the inputs set: the steepest direction is ${fmt(plan.kappa)}× the flattest (condition number κ), ` +
      `a stable rate is capped by the steepest and the flattest then barely moves (LeCun et al. 1998, "Efficient BackProp" §4.3, §5.1). ` +
      `Over the ${steps} steps the script plans (full-batch gradient descent, computed exactly) the loss goes ${fmt(plan.start)} → ${fmt(plan.given)} at the rate ${fmt(curvature.learningRate)}, ` +
      `and no stable rate does much better (${fmt(plan.best)} at ${fmt(plan.bestRate)}), against ${fmt(plan.optimum)} for the least-squares fit (${fmt(plan.noInput)} for predicting the targets' mean). ` +
      `With the inputs standardised κ is ${fmt(plan.standardizedKappa)} and the same plan reaches ${fmt(plan.standardizedBest)} (at a rate of ${fmt(plan.standardizedRate)}). ` +
      `Standardise each feature before fit() (subtract its mean and divide by its standard deviation, computed on the training data), then pick the rate for the new scale.`,
  };
}
