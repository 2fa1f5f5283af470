// A model with no hidden non-linearity on labels no linear function of the inputs fits. When every layer between the
// inputs and the output's activation is linear (Dense without activation, Flatten, Reshape, Dropout, BatchNormalization),
// the output is g(W·x + b) with g the output's activation: a (generalised) linear model. Goodfellow, Bengio & Courville,
// Deep Learning (2016) §6.1 "Example: Learning XOR" solve the linear model on XOR by the normal equations and get w = 0,
// b = ½: the best linear fit predicts the mean, so it does no better than a prediction that reads no input (Minsky &
// Papert 1969). The general form, measured on the script's own rows (runner/linearFit.ts): the least-squares fit of the
// targets on [inputs, 1] and the share of the targets' variance it explains (R²). For the canonical links (identity under
// the squared error, sigmoid/softmax under cross-entropy) the loss is convex in (W, b) and its gradient at the best
// constant prediction is n·Cov(x, y); when the least-squares slope is zero, so is that gradient, and the constant is the
// model's best fit. R² below the same 5 % bar as "learns from the inputs" elsewhere (core/scaleRules.ts MIN_GAP_SHARE)
// says the best linear fit is hardly better than that constant. Sources and thresholds: docs/rules/capacity-linear.md.
import type { Finding, LayerInfo, OutputInfo } from './protocol';
import { RULE_SEVERITY } from './healthModel';
import { MIN_GAP_SHARE } from './scaleRules';
import type { ClassErrors, SquaredErrors } from './linearReachRule';

export const LINEAR_FIT = {
  /** The best linear fit must explain at least this share of the targets' variance: the bar "learns from the inputs"
   *  uses across the rules (the no-input loss 5 % lower). Below it the fit is the constant's, give or take 5 %. */
  explainedShare: MIN_GAP_SHARE,
  /** Rows the fit reads (a seeded sample beyond): Gram–Schmidt's cost grows with rows × features². */
  maxRows: 2000,
  /** Features past which no fit is made: an image's pixels (a softmax regression on MNIST explains most of the
   *  one-hot variance anyway) would cost minutes, and a linear model on them is a choice, not this fault. */
  maxFeatures: 64,
};

/** Layers that pass their input on as a linear (affine) function of it: reshaping, noise layers (the identity at
 *  inference, a rescaling in training) and BatchNormalization (an affine map per feature). */
const LINEAR_LAYERS = new Set(['InputLayer', 'Flatten', 'Reshape', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'BatchNormalization']);
/** Output activations that make the model a generalised linear model with a canonical (or monotone) link. */
const LINK_ACTIVATIONS = new Set(['linear', 'sigmoid', 'softmax']);

const isLinear = (activation: string | undefined) => activation === undefined || activation === 'linear';

/**
 * The Dense layer that makes a one-output model's W·x + b when nothing before its output activation is non-linear;
 * undefined for any other model (a hidden activation, a convolution, a nested model, several inputs or outputs).
 */
export function linearOutputLayer(layers: readonly LayerInfo[], outputs: readonly OutputInfo[]): LayerInfo | undefined {
  if (outputs.length !== 1 || !LINK_ACTIVATIONS.has(outputs[0].activation ?? 'linear')) return undefined;
  const top = layers.filter((l) => l.parent === undefined);
  // An Activation layer may be the output's (Dense(1) then Activation('sigmoid')): the link, not a hidden non-linearity.
  const last = top[top.length - 1];
  const body = last?.className === 'Activation' && last.name === outputs[0].layer ? top.slice(0, -1) : top;
  let dense: LayerInfo | undefined;
  for (const layer of body) {
    if (layer.className === 'Dense') {
      // Only the output's Dense may carry the link; a hidden Dense with an activation is the non-linearity.
      if (!isLinear(layer.activation) && layer !== body[body.length - 1]) return undefined;
      dense = layer;
    } else if (!(LINEAR_LAYERS.has(layer.className) || (layer.className === 'Activation' && isLinear(layer.activation)))) return undefined;
  }
  return dense;
}

/**
 * The Dense layer whose missing activation is the fix. A stack of Dense layers with nothing non-linear between them is
 * one affine map (W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂)), and what makes it a network is a non-linearity after its
 * first, hidden layer (Goodfellow et al. 2016 §6.1: XOR is solved by a ReLU on the hidden layer h = g(W·x + c)): the
 * line to edit is that first Dense. A model of one Dense (a logistic or softmax regression) has no hidden layer to
 * edit: the fix is one added before it, and its line is that Dense's.
 */
export function missingActivationLayer(layers: readonly LayerInfo[], output: LayerInfo): LayerInfo {
  return layers.find((l) => l.parent === undefined && l.className === 'Dense') ?? output;
}

/** The fix, worded for the layer `missingActivationLayer` names. */
export function hiddenActivationAdvice(at: LayerInfo, output: LayerInfo): string {
  return at !== output
    ? `${at.name} has no activation and nothing after it before the output is non-linear, so the layers collapse into one linear map; add an activation such as 'relu' to ${at.name}.`
    : `Nothing in this model before its output is non-linear; add a hidden layer with a non-linear activation, such as Dense(16, relu), before ${at.name}.`;
}

/** A capacity-linear finding on the layer `missingActivationLayer` names, its message worded for that layer. */
export function linearModelFinding(layers: readonly LayerInfo[], output: LayerInfo, message: (at: LayerInfo) => string): Finding {
  const at = missingActivationLayer(layers, output);
  return { code: 'capacity-linear', severity: RULE_SEVERITY['capacity-linear'], step: 0, layer: at.name, location: at.location, message: message(at) };
}

/** The least-squares fit of each target column on [inputs, 1] over `rows` rows (runner/linearFit.ts). */
export interface LinearFit {
  /** R² of each target column (one per class for one-hot or sparse class labels). */
  explained: readonly number[];
  /** For 0/1 columns (classes): each column's share of ones; absent for other targets. */
  shares?: readonly number[];
  rows: number;
  /** Input features the fit used (constant ones left out). */
  features: number;
  /** Class labels (one class per row): the training error rates of a constant, the best linear classifier and the
   *  k-nearest-neighbour rule on the same rows (core/linearReachRule.ts). */
  errors?: ClassErrors;
  /** Regression targets: the mean squared errors of a constant, the least-squares affine fit and the k-NN regression on
   *  the same rows (core/linearReachRule.ts linearCurve). */
  squaredErrors?: SquaredErrors;
}

/**
 * How much of a target column the linear fit explains, corrected for the two ways raw R² misleads. Chance: p features
 * fit n rows' noise by p/(n − 1) on average; the adjusted R² (Ezekiel 1930) takes that out. Class frequency: for a 0/1
 * column the least-squares direction is Fisher's discriminant (Hastie, Tibshirani & Friedman, ESL §4.3; Bishop, PRML
 * §4.1.5) and R² = π(1 − π)·D² / (1 + π(1 − π)·D²), D² the Mahalanobis distance between the class means; a rare class
 * far from the rest (a separable fraud class) has a small R² only because π is small. Its separation is read as the R²
 * the same D² gives two balanced classes, so one bar holds for every class frequency.
 */
export function explainedShare(r2: number, rows: number, features: number, share?: number): number | undefined {
  const freedom = rows - features - 1;
  if (!(freedom >= 1) || !Number.isFinite(r2)) return undefined;
  const adjusted = Math.max(0, 1 - ((1 - r2) * (rows - 1)) / freedom);
  if (share === undefined) return adjusted;
  if (!(share > 0 && share < 1)) return undefined;
  if (adjusted >= 1) return 1;
  const separation = adjusted / ((1 - adjusted) * share * (1 - share));
  return separation / 4 / (1 + separation / 4);
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function linearCapacity(layers: readonly LayerInfo[], outputs: readonly OutputInfo[], fit: LinearFit | undefined): Finding | undefined {
  const dense = fit && linearOutputLayer(layers, outputs);
  if (!fit || !dense) return undefined;
  const shares = fit.explained.map((r2, i) => explainedShare(r2, fit.rows, fit.features, fit.shares?.[i]));
  if (!shares.length || shares.some((s) => s === undefined)) return undefined;
  const best = Math.max(...(shares as number[]));
  if (best >= LINEAR_FIT.explainedShare) return undefined;
  const classes = fit.shares !== undefined;
  const r2 = Math.max(...fit.explained);
  const rounded = (x: number) => (x < 0.005 ? '0.00' : x.toFixed(2));
  return linearModelFinding(layers, dense, (at) =>
      `No linear function of the inputs fits these labels (best linear fit R² = ${rounded(r2)} on ${fit.rows.toLocaleString('en-US')} rows of ${fit.features} feature${fit.features === 1 ? '' : 's'}). ` +
      `${hiddenActivationAdvice(at, dense)} ` +
      `Its output is then ${outputs[0].activation && outputs[0].activation !== 'linear' ? `${outputs[0].activation}(W·x + b)` : 'W·x + b'} — a linear model — ` +
      `and the least-squares fit of the ${classes ? 'class labels (one column per class)' : 'targets'} on the inputs and a constant explains ${percent(best)} of their variance` +
      `${classes ? ' (the best-separated class, read at balanced class frequencies)' : ''} beyond what chance explains, below ${Math.round(LINEAR_FIT.explainedShare * 100)} %: ` +
      `the best it can learn is little better than predicting the labels' mean for every row. Goodfellow et al. §6.1 (learning XOR): the normal equations give w = 0, b = ½ — ` +
      `no line separates the classes.`,
  );
}
