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
import { RULE_SEVERITY } from './healthModel';
import { linearOutputLayer, type LinearFit } from './linearFitRule';

/** Training error rates on the same rows: a constant (the most frequent class), the best linear classifier, the k-NN rule. */
export interface ClassErrors {
  chance: number;
  linear: number;
  neighbours: number;
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

/** The Dense layer the missing activation belongs to: a stack's first Dense (its output feeds the next linearly), else the output's Dense. */
function missingActivationLayer(layers: readonly LayerInfo[], output: LayerInfo): LayerInfo {
  return layers.find((l) => l.parent === undefined && l.className === 'Dense') ?? output;
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function linearReach(layers: readonly LayerInfo[], outputs: readonly OutputInfo[], fit: LinearFit | undefined): Finding | undefined {
  const errors = fit?.errors;
  const dense = errors && linearOutputLayer(layers, outputs);
  if (!fit || !errors || !dense) return undefined;
  const shortfall = linearShortfall(errors, fit.rows);
  if (!shortfall) return undefined;
  const at = missingActivationLayer(layers, dense);
  const stack = at !== dense;
  const k = LINEAR_REACH.neighbours(fit.rows);
  return {
    code: 'capacity-linear',
    severity: RULE_SEVERITY['capacity-linear'],
    step: 0,
    layer: at.name,
    location: at.location,
    message:
      `A linear model cannot separate these classes: the best linear classifier misclassifies ${percent(errors.linear)} of the ${fit.rows.toLocaleString('en-US')} training rows, ` +
      `while the ${k} nearest neighbours of each row (leave-one-out) misclassify ${percent(errors.neighbours)} (a constant guess: ${percent(errors.chance)}). ` +
      (stack
        ? `${at.name} has no activation and nothing after it before the output is non-linear, so the layers collapse into one linear map; add an activation such as 'relu' to ${at.name}. `
        : `Nothing in this model before its output is non-linear; add a hidden layer with a non-linear activation, such as Dense(16, relu), before ${at.name}. `) +
      `However long it trains, a linear model reaches only ${percent(Math.max(0, shortfall.reached))} of the neighbours' gain over the constant guess: ` +
      `the classes' boundary in these inputs is not a hyperplane (Goodfellow et al. 2016 §6.1; Minsky & Papert 1969).`,
  };
}
