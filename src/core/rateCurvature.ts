// learning-rate-high in closed form, for a model linear in its weights under the mean squared error: the loss is a
// quadratic whose Hessian H = 2/(R·U)·X̃ᵀX̃ is the same at every weight, so gradient descent moves the error along H's
// top eigenvector by ×(1 − ηλmax) per step and diverges iff η > 2/λmax (LeCun, Bottou, Orr & Müller, "Efficient
// BackProp", 1998, §5.1: η_opt = 1/λmax, divergence above 2·η_opt; Goodfellow et al. 2016, §4.3.1). With heavy-ball
// momentum β the bound is 2(1 + β)/λmax (Polyak 1964; Goh, "Why momentum really works", Distill 2017); with tfjs's
// Nesterov momentum (v ← βv + g, w ← w − η(g + βv)) the error along curvature λ obeys z² − (1 + β)(1 − ηλ)z + β(1 − ηλ)
// (Sutskever, Martens, Dahl & Hinton, ICML 2013, §2), whose root at z = −1 puts the bound at 2(1 + β)/((1 + 2β)λmax). Mini-batch SGD
// follows the full-batch step in expectation (each batch's Hessian averages to H), so a rate past the full-data bound
// diverges on any batch size (a smaller batch only lowers the bound). λmax is measured over every row fit() trains on
// (runner/curvatureProbe.ts): the profiled batch may hold only the small inputs. Thresholds and evidence:
// docs/rules/learning-rate-high.md.
import type { Finding, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { dataLoss, type Curvature, type StepRecord } from './healthModel';
import type { LinearFit } from './linearFitRule';
import { rateTooHigh } from './rateHorizon';

/** The largest stable rate of gradient descent (heavy-ball or Nesterov momentum β) on a quadratic whose top curvature is λmax. */
export function stableRateLimit(curvature: Pick<Curvature, 'lambdaMax' | 'momentum' | 'nesterov'>): number {
  const beta = curvature.momentum;
  return (2 * (1 + beta)) / ((curvature.nesterov ? 1 + 2 * beta : 1) * curvature.lambdaMax);
}

/**
 * The spectral radius of the step along the top curvature direction: |1 − ηλ| for SGD; for heavy ball the larger root
 * modulus of z² − (1 + β − ηλ)z + β = 0, for Nesterov of z² − (1 + β)(1 − ηλ)z + β(1 − ηλ) = 0. Above 1 that
 * direction's error grows every step.
 */
export function growthPerStep(curvature: Pick<Curvature, 'lambdaMax' | 'momentum' | 'learningRate' | 'nesterov'>): number {
  const beta = curvature.momentum;
  const shrink = 1 - curvature.learningRate * curvature.lambdaMax;
  const [a, c] = curvature.nesterov ? [(1 + beta) * shrink, beta * shrink] : [1 + beta - curvature.learningRate * curvature.lambdaMax, beta];
  const discriminant = a * a - 4 * c;
  if (discriminant < 0) return Math.sqrt(c);
  const root = Math.sqrt(discriminant);
  return Math.max(Math.abs((a + root) / 2), Math.abs((a - root) / 2));
}

/** float32's unit roundoff, 2⁻²⁴: a sum of n float32 terms is exact to within n·u of its size (Higham 2002, §4.2). */
const FLOAT32_ROUNDOFF = 2 ** -24;

/**
 * Whether the rows leave the steps no level to bounce around: a quadratic loss (a model linear in its weights under the
 * mean squared error) at a rate inside the stable range of every batch the rows can form (the bound at the largest
 * row's curvature, which no batch's λmax exceeds: a fixed batch order can diverge below the full-data bound, measured on
 * test/fixtures/runner/rates/curvature-model.js), whose rows a linear function fits exactly — one target column
 * with R² = 1 to within float32's rounding over the rows the fit read. At the least-squares solution every row's
 * residual, and so every row's gradient, is then 0: a stochastic step adds no noise there, and SGD converges to the
 * solution itself rather than to a noise level that grows with the rate (Needell, Srebro & Ward 2014, "Stochastic
 * gradient descent, weighted sampling, and the randomized Kaczmarz algorithm": the level is proportional to the
 * gradients' variance at the optimum, σ² = 0 here; Ma, Bassily & Belkin, ICML 2018, "The power of interpolation").
 * learning-rate-high's horizon reading ("the larger steps bounce around a higher level") cannot hold of such a model:
 * its error contracts every step along every direction, and a third of the rate ahead after 40 steps is the phase of
 * a transient, not a level (docs/rules/learning-rate-high.md, "No level to bounce around").
 */
export function settlesExactly(curvature: Curvature | undefined, fit: LinearFit | undefined): boolean {
  if (!curvature || !(curvature.lambdaMax > 0) || !(curvature.learningRate > 0) || !fit) return false;
  if (!(curvature.rowLambdaMax !== undefined && curvature.learningRate < stableRateLimit({ ...curvature, lambdaMax: Math.max(curvature.rowLambdaMax, curvature.lambdaMax) }))) return false;
  return fit.explained.length === 1 && 1 - fit.explained[0] <= fit.rows * FLOAT32_ROUNDOFF;
}

/**
 * Whether the rate already runs heavy ball at the fastest pace its momentum allows on this quadratic, on every batch the
 * rows can form. Along a curvature λ the error obeys z² − (1 + β − ηλ)z + β = 0, whose two roots multiply to β: no
 * rate converges faster than √β a step along any direction (Polyak 1964; Goh, "Why momentum really works", Distill
 * 2017, the "critical damping" figure). For ηλ in [(1 − √β)², (1 + √β)²] the roots are complex with modulus exactly
 * √β; below the band the larger root grows towards 1 as η falls, above it the root passes −1 at 2(1 + β). So with
 * ηλmax ≤ (1 + √β)² (λmax of any batch: the largest row's curvature bounds it) every direction contracts at √β or
 * slower, and every smaller rate contracts no direction faster: the spectral radius cannot fall as the rate falls. A
 * rise of the fixed batch's loss is then the ringing of the underdamped directions (their error turns every
 * π/θ steps, cos θ = (1 + β − ηλ)/(2√β)), and a tenth of the rate that reaches a lower loss within the profiled steps
 * reached it at another phase of the same decay — not a rate that is too high (docs/rules/learning-rate-high.md,
 * "Momentum rings"). Heavy ball only: tfjs's Nesterov step has its own roots (the bound above).
 */
export function atMomentumPace(curvature: Curvature | undefined): boolean {
  if (!curvature || curvature.nesterov || !(curvature.momentum > 0) || !(curvature.momentum < 1) || !(curvature.learningRate > 0)) return false;
  if (!(curvature.lambdaMax > 0) || curvature.rowLambdaMax === undefined || !(curvature.rowLambdaMax > 0)) return false;
  const steepest = Math.max(curvature.lambdaMax, curvature.rowLambdaMax);
  return curvature.learningRate * steepest <= (1 + Math.sqrt(curvature.momentum)) ** 2;
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
  const method = curvature.momentum ? `gradient descent with ${curvature.nesterov ? "Nesterov's " : ''}momentum ${fmt(curvature.momentum)}` : 'gradient descent';
  const bound = curvature.momentum ? (curvature.nesterov ? `2(1 + β)/((1 + 2β)λmax)` : `2(1 + β)/λmax`) : `2/λmax`;
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
    `The learning rate is too high: training will diverge. The model is linear in its weights and the loss is a mean squared error, so the loss is a quadratic whose curvature is set by the inputs alone: ` +
      `over the ${curvature.rows.toLocaleString('en-US')} rows the script trains on its largest curvature is λmax = ${fmt(curvature.lambdaMax)}, and ${method} is stable only below a rate of ${bound} = ${fmt(limit)}. ` +
      `The rate is ${fmt(curvature.learningRate)} (${fmt(curvature.learningRate / limit)}× that), so the error along the steepest direction grows ×${fmt(growth)} every step${plan}. ${batchText}` +
      `Lower the learning rate below ${fmt(limit)} (LeCun et al. 1998: 1/λmax = ${fmt(1 / curvature.lambdaMax)} is the fastest), or scale the inputs: λmax grows with their square, so standardised inputs allow a far larger rate.`,
  );
}
