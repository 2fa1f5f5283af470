// A linear classifier on classes whose inputs' neighbourhoods separate them: the second reading of capacity-linear.
// The R² reading (linearFitRule.ts) fires only when the best linear fit is hardly better than the constant (XOR). A
// linear model can also beat the constant and still fall far short of what the rows allow — CS231n's three-arm spiral
// (49 % training accuracy where a one-hidden-layer ReLU net reaches 98 %), Made With ML's linear spiral (54 %). What the
// rows allow is measured without a model: the k-nearest-neighbour rule's leave-one-out error, k = ⌈√n⌉ (Loftsgaarden &
// Quesenberry 1965; Duda, Hart & Stork, Pattern Classification §4.5), a consistent estimate bounded below by the Bayes
// error (Cover & Hart 1967; Stone 1977). What a linear model can reach is measured on the model's own family: a softmax
// (logistic) regression fitted to convergence on the same rows (the loss is convex, so its optimum is the one every run
// of the user's model heads for, whatever the plan). Goodfellow, Bengio & Courville (2016) §6.1 and Minsky & Papert
// (1969): no linear boundary separates classes that are not linearly separable. Sources and thresholds:
// docs/rules/capacity-linear.md, "The neighbours' reading".
import type { Finding, LayerInfo, OutputInfo } from './protocol';
import { MIN_GAP_SHARE } from './scaleRules';
import { hiddenActivationAdvice, linearModelFinding, linearOutputLayer, type LinearFit } from './linearFitRule';

/** Training error rates on the same rows: a constant (the most frequent class), the best linear classifier, the k-NN rule. */
export interface ClassErrors {
  chance: number;
  linear: number;
  neighbours: number;
}

/** Regression targets: mean squared errors on the same rows of a constant (the targets' mean), the least-squares affine
 *  fit and the k-NN regression (leave-one-out), with the standard error of the per-row gap linear − neighbours. */
export interface SquaredErrors {
  constant: number;
  linear: number;
  neighbours: number;
  gapError: number;
}

export const LINEAR_REACH = {
  /** The neighbours: k = ⌈√n⌉ (consistent: k → ∞ and k/n → 0 as n grows; Loftsgaarden & Quesenberry 1965). */
  neighbours: (rows: number) => Math.ceil(Math.sqrt(rows)),
  /** The linear model must reach less than this share of the neighbours' gain over the constant: the linear map
   *  misses most (more than half) of what the inputs say about the classes. */
  reachedShare: 0.5,
  /** The gap must exceed this many standard errors of the difference of two error rates over n rows (≈ 95 %, one-sided
   *  97.5 %): a gap that the rows' sampling alone could make is no evidence. */
  standardErrors: 2,
  /** Softmax regression: full-batch Adam steps and rate on standardised inputs from zero weights. The loss is convex;
   *  on the benchmark's rows 300 steps at 0.1 give the same errors as 2,000 at 0.05 (docs/rules/capacity-linear.md). */
  steps: 300,
  rate: 0.1,
  /** Regression: the neighbours' squared error must be below this share of the linear fit's — more than half of what
   *  the linear model cannot remove is structure a function of the inputs removes, not noise. */
  structureShare: 0.5,
};

/** The gap between the linear and the neighbours' error, when it says the linear model misses most of the classes' structure. */
export function linearShortfall(errors: ClassErrors, rows: number): { reached: number } | undefined {
  const { chance, linear, neighbours } = errors;
  const gain = chance - neighbours;
  if (!(gain > 0) || !(rows > 0)) return undefined;
  const reached = (chance - linear) / gain;
  const standardError = Math.sqrt((linear * (1 - linear) + neighbours * (1 - neighbours)) / rows);
  const clear = linear - neighbours > LINEAR_REACH.standardErrors * standardError;
  return reached < LINEAR_REACH.reachedShare && clear ? { reached } : undefined;
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function linearReach(layers: readonly LayerInfo[], outputs: readonly OutputInfo[], fit: LinearFit | undefined): Finding | undefined {
  const errors = fit?.errors;
  const dense = errors && linearOutputLayer(layers, outputs);
  if (!fit || !errors || !dense) return undefined;
  const shortfall = linearShortfall(errors, fit.rows);
  if (!shortfall) return undefined;
  const k = LINEAR_REACH.neighbours(fit.rows);
  return linearModelFinding(layers, dense, (at) =>
      `A linear model cannot separate these classes: the best linear classifier misclassifies ${percent(errors.linear)} of the ${fit.rows.toLocaleString('en-US')} training rows, ` +
      `while the ${k} nearest neighbours of each row (leave-one-out) misclassify ${percent(errors.neighbours)} (a constant guess: ${percent(errors.chance)}). ` +
      `${hiddenActivationAdvice(at, dense)} ` +
      `However long it trains, a linear model reaches only ${percent(Math.max(0, shortfall.reached))} of the neighbours' gain over the constant guess: ` +
      `the classes' boundary in these inputs is not a hyperplane (Goodfellow et al. 2016 §6.1; Minsky & Papert 1969).`,
  );
}

/** Regression: the linear fit's squared error, when most of it is structure the neighbours find, that structure is at
 *  least 5 % of the targets' variance, and the gap is clear of the rows' sampling (two standard errors, paired rows). */
export function curveShortfall(errors: SquaredErrors): { structure: number } | undefined {
  const { constant, linear, neighbours, gapError } = errors;
  if (!(linear > 0) || !(constant > 0) || !Number.isFinite(neighbours) || !Number.isFinite(gapError)) return undefined;
  const gap = linear - neighbours;
  const structure = gap / linear;
  // The gap must also be a material share of the targets' spread (the bar "learns from the inputs" uses across the
  // rules): a noise-free line leaves the fit 1e-10 and the neighbours 0, a gap of nothing.
  const material = gap / constant >= MIN_GAP_SHARE;
  return structure > LINEAR_REACH.structureShare && material && gap > LINEAR_REACH.standardErrors * gapError ? { structure } : undefined;
}

const digits = (x: number) => (x >= 0.01 && x < 1e4 ? x.toPrecision(3) : x.toExponential(2));

/**
 * The regression form of the neighbours' reading. A model with no hidden non-linearity computes an affine map of its
 * inputs (a stack of them is one: W₂(W₁x + b₁) + b₂), so its squared error on the training rows can never go below
 * the least-squares affine fit's — the normal equations' optimum, a closed form. When the k-NN regression's
 * leave-one-out error (a consistent estimate of the best any function of the inputs does: Stone 1977; Györfi et al.,
 * A Distribution-Free Theory of Nonparametric Regression, 2002, ch. 6) is below half of it, most of the linear model's
 * floor is structure a curve would fit (y = x³ under a line), not the targets' noise: a non-linearity would at least
 * halve it. A linear target with noise leaves the two errors equal (the neighbours' a little higher): quiet.
 */
export function linearCurve(layers: readonly LayerInfo[], outputs: readonly OutputInfo[], fit: LinearFit | undefined): Finding | undefined {
  const errors = fit?.squaredErrors;
  // An identity output only: under a sigmoid or softmax the model is g(W·x + b), whose floor is not the affine fit's.
  const dense = errors && (outputs[0]?.activation ?? 'linear') === 'linear' && linearOutputLayer(layers, outputs);
  if (!fit || !errors || !dense) return undefined;
  const shortfall = curveShortfall(errors);
  if (!shortfall) return undefined;
  const k = LINEAR_REACH.neighbours(fit.rows);
  return linearModelFinding(layers, dense, (at) =>
      `A linear model cannot follow these targets: the best affine fit of the inputs (least squares) leaves a mean squared error of ${digits(errors.linear)} on the ${fit.rows.toLocaleString('en-US')} training rows, ` +
      `while the mean of each row's ${k} nearest neighbours' targets (leave-one-out) leaves ${digits(errors.neighbours)} (the targets' mean: ${digits(errors.constant)}). ` +
      `${hiddenActivationAdvice(at, dense)} ` +
      `However long it trains, this model's squared error cannot go below the affine fit's, and ${percent(shortfall.structure)} of that floor is structure a function of the inputs fits, not noise: ` +
      `the targets follow a curve in these inputs, not a plane (Goodfellow et al. 2016 §6.1: a composition of linear maps is linear).`,
  );
}
