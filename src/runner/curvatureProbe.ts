// The curvature of a quadratic loss, measured on every row the script trains on: for a model linear in its weights (one
// Dense layer without activation, nothing but Input/Flatten/Reshape around it) under the mean squared error (or a loss
// function that is c × it, read by value), the loss is a quadratic in the weights, its Hessian the same everywhere, and
// gradient descent's stable range has a closed form
// (core/rateCurvature.ts). The profiled batch can miss it: a batch of the first rows in file order (fit(…, {shuffle:
// false})) may hold only the small inputs, where the rate is stable, while the rows after it diverge.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { LayerVariable } from './modelState';
import { normalizeLoss, SQUARED_LOSSES } from '../core/lossRules';
import { planConditioning, type PlanConditioning, type Quadratic } from '../core/quadraticPlan';
import { innerModel } from './innerModel';
import type { Tf } from './tfjsResolve';

/** Layers that only reshape the input on its way to the Dense layer. */
const RESHAPING = new Set(['InputLayer', 'Flatten', 'Reshape']);
/** Power iteration: at most this many products, stopped once the estimate changes by less than TOLERANCE. */
const ITERATIONS = 300;
const TOLERANCE = 1e-6;

interface Layerish {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  trainableWeights: unknown[];
}

export interface CurvatureMeasure {
  /** The largest eigenvalue of the loss's Hessian in the weights (over the training rows). */
  lambdaMax: number;
  /** The largest single row's curvature, 2/U·max ‖x̃ᵢ‖²: no batch drawn from the rows has a larger λmax. */
  rowLambdaMax: number;
  learningRate: number;
  /** tfjs Momentum's momentum; 0 for SGD. */
  momentum: number;
  /** Momentum with useNesterov (core/rateCurvature.ts: its own stable range). */
  nesterov: boolean;
  rows: number;
  /** The script's plan on this quadratic in closed form (core/quadraticPlan.ts), when its steps, labels and initial weights are known. */
  conditioning?: PlanConditioning;
}

/** What the plan's closed form needs beyond the inputs: fit()'s labels (all its rows), the weights before profiling, the plan's steps. */
export interface PlanInputs {
  labels: Tensor | undefined;
  /** These weights' values as initialised (the profile has moved them since): the Dense layer's kernel and bias. */
  initialValues: (variables: readonly LayerVariable[]) => Tensor[];
  plannedSteps: number | undefined;
}

/** Features (with the bias column) up to which the quadratic is read in full: Jacobi's O(d³) rotations stay milliseconds. */
const MAX_PLAN_FEATURES = 64;

type DescentSettings = Pick<CurvatureMeasure, 'learningRate' | 'momentum' | 'nesterov'>;

/** The optimizer's rate and momentum when its step is plain, heavy-ball or Nesterov gradient descent; undefined otherwise. */
function descentSettings(model: LayersModel): DescentSettings | undefined {
  const optimizer = innerModel(model).optimizer as unknown as { getClassName(): string; getConfig(): Record<string, unknown> } | undefined;
  const name = optimizer?.getClassName();
  const config = optimizer?.getConfig() ?? {};
  const learningRate = config.learningRate;
  if (typeof learningRate !== 'number' || !(learningRate > 0)) return undefined;
  if (name === 'SGD') return { learningRate, momentum: 0, nesterov: false };
  if (name === 'Momentum' && typeof config.momentum === 'number') return { learningRate, momentum: config.momentum, nesterov: config.useNesterov === true };
  return undefined;
}

/** Agreement of a custom loss's ratio to the MSE at every point read: float32 rounding of the same sums is ~1e-6. */
const SCALE_TOLERANCE = 1e-3;

/**
 * The constant c for which the model's loss is c × the mean squared error, read by value: 1 for tfjs's MSE; for a
 * function (the Straight Dope's `square_loss` = mean((ŷ − y)²)/2 is c = ½) its value over the MSE at two predictions
 * and two batch sizes, all four equal — a loss summed over the batch scales with its rows and is not one quadratic
 * for every batch. Undefined for anything else (MAE, Huber, a penalty inside the loss).
 */
function squaredLossScale(tf: Tf, model: LayersModel, losses: readonly string[], units: number): number | undefined {
  if (losses.length !== 1) return undefined;
  if (SQUARED_LOSSES.has(normalizeLoss(losses[0]))) return 1;
  const fn = (innerModel(model) as unknown as { lossFunctions?: ((y: Tensor, p: Tensor) => Tensor)[] }).lossFunctions?.[0];
  if (typeof fn !== 'function' || !(units > 0)) return undefined;
  try {
    const ratios = tf.tidy(() =>
      [4, 9].flatMap((rows) => {
        const index = tf.reshape(tf.range(1, rows * units + 1), [rows, units]);
        const y = tf.sin(index);
        return [tf.cos(index), tf.add(tf.mul(tf.cos(tf.mul(index, 3)), 2), 0.5)].map((p) => tf.mean(fn(y, p)).dataSync()[0] / tf.mean(tf.square(tf.sub(p, y))).dataSync()[0]);
      }),
    );
    const c = ratios[0];
    return Number.isFinite(c) && c > 0 && ratios.every((r) => Math.abs(r - c) <= SCALE_TOLERANCE * c) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The one Dense layer of a model linear in its weights, with its bias and units; undefined for anything else. */
function linearDense(model: LayersModel): { units: number; useBias: boolean; weights: LayerVariable[] } | undefined {
  const inner = innerModel(model);
  if (inner.inputs.length !== 1 || inner.outputs.length !== 1) return undefined;
  const layers = inner.layers as unknown as Layerish[];
  const dense = layers.filter((l) => !RESHAPING.has(l.getClassName()));
  if (dense.length !== 1 || dense[0].getClassName() !== 'Dense') return undefined;
  const config = dense[0].getConfig();
  // A penalty adds its own curvature and a trainable reshaping layer would not be linear: leave those alone.
  if ((config.activation ?? 'linear') !== 'linear' || config.kernelRegularizer || config.biasRegularizer) return undefined;
  if (layers.some((l) => l !== dense[0] && l.trainableWeights.length)) return undefined;
  return { units: Number(config.units), useBias: config.useBias !== false, weights: dense[0].trainableWeights as LayerVariable[] };
}

/**
 * λmax of the MSE's Hessian (× c for a loss that is c × the MSE) over `inputs` (fit()'s x, the rows it trains on), for a model linear in its weights: with
 * X̃ the inputs flattened to rows (and a column of ones for the bias), mean over the R rows and U units of (y − X̃w)²
 * has the Hessian 2/(R·U)·X̃ᵀX̃ for each unit's weights. λmax by power iteration (from below: never an overestimate).
 */
export function curvatureOfLinearModel(tf: Tf, model: LayersModel, losses: readonly string[], trainingInputs: (() => Tensor[]) | undefined, plan?: PlanInputs): CurvatureMeasure | undefined {
  const settings = descentSettings(model);
  const dense = settings && trainingInputs ? linearDense(model) : undefined;
  const scale = dense ? squaredLossScale(tf, model, losses, dense.units) : undefined;
  if (!settings || !dense || !scale || !trainingInputs || !(dense.units > 0)) return undefined;
  const inputs = trainingInputs();
  try {
    if (inputs.length !== 1 || inputs[0].dtype !== 'float32') return undefined;
    const measure = largestCurvature(tf, model, inputs[0], dense, settings, scale);
    const conditioning = measure && plan ? planOnQuadratic(tf, model, inputs[0], dense, settings, scale, plan) : undefined;
    return measure && conditioning ? { ...measure, conditioning } : measure;
  } finally {
    tf.dispose(inputs);
  }
}

function largestCurvature(tf: Tf, model: LayersModel, x: Tensor, dense: { units: number; useBias: boolean }, settings: DescentSettings, scale: number): CurvatureMeasure | undefined {
  // Dense reads the last axis; after a Flatten or Reshape it reads each example whole.
  const reshaped = (innerModel(model).layers as unknown as Layerish[]).some((l) => l.getClassName() === 'Flatten' || l.getClassName() === 'Reshape');
  const features = reshaped ? x.size / Math.max(x.shape[0] ?? 1, 1) : (x.shape[x.shape.length - 1] ?? 0);
  const rows = x.size / Math.max(features, 1);
  if (!(features > 0) || !(rows > 0)) return undefined;
  const [gram, rowMax] = tf.tidy(() => {
    const flat = tf.reshape(x, [rows, features]);
    const design = dense.useBias ? tf.concat([flat, tf.ones([rows, 1])], 1) : flat;
    // A batch's Hessian is the mean of its rows' rank-one x̃ᵢx̃ᵢᵀ, so its λmax is at most the largest ‖x̃ᵢ‖².
    return [tf.div(tf.matMul(design, design, true, false), rows), tf.max(tf.sum(tf.square(design), 1)).dataSync()[0]] as const;
  });
  try {
    // A start with a share of every direction (an all-ones start is orthogonal to some top directions of centred data).
    let v = tf.tidy(() => tf.reshape(tf.add(tf.sin(tf.range(1, gram.shape[0] + 1)), 2), [gram.shape[0], 1]));
    let estimate = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const [next, value] = tf.tidy(() => {
        const product = tf.matMul(gram, v);
        const norm = tf.norm(product);
        return [tf.div(product, norm), norm.dataSync()[0]] as const;
      });
      v.dispose();
      v = next;
      const converged = Math.abs(value - estimate) <= TOLERANCE * value;
      estimate = value;
      if (!Number.isFinite(value) || value === 0 || converged) break;
    }
    v.dispose();
    if (!Number.isFinite(estimate) || !(estimate > 0)) return undefined;
    return { lambdaMax: ((2 * scale) / dense.units) * estimate, rowLambdaMax: ((2 * scale) / dense.units) * rowMax, ...settings, rows };
  } finally {
    gram.dispose();
  }
}

/**
 * The quadratic's moments over the training rows in float64 (G = X̃ᵀX̃/R, X̃ᵀy/R, mean y², mean y) and the plan's end on it
 * from the initial weights (core/quadraticPlan.ts). Only with a bias (standardising re-centres the inputs) and at most
 * MAX_PLAN_FEATURES columns; labels row-aligned with the inputs (validationSplit's rows are the last ones).
 */
function planOnQuadratic(tf: Tf, model: LayersModel, x: Tensor, dense: { units: number; useBias: boolean; weights: LayerVariable[] }, settings: DescentSettings, scale: number, plan: PlanInputs): PlanConditioning | undefined {
  if (!dense.useBias || !plan.labels || !(plan.plannedSteps && plan.plannedSteps >= 1)) return undefined;
  const reshaped = (innerModel(model).layers as unknown as Layerish[]).some((l) => l.getClassName() === 'Flatten' || l.getClassName() === 'Reshape');
  const features = reshaped ? x.size / Math.max(x.shape[0] ?? 1, 1) : (x.shape[x.shape.length - 1] ?? 0);
  const rows = x.size / Math.max(features, 1);
  const units = dense.units;
  if (!(features > 0) || features + 1 > MAX_PLAN_FEATURES || plan.labels.size < rows * units) return undefined;
  const inputs = x.dataSync();
  const labels = plan.labels.dataSync();
  const weights = plan.initialValues(dense.weights);
  try {
    if (weights.length !== 2 || weights[0].size !== features * units || weights[1].size !== units) return undefined;
    const [kernel, bias] = [weights[0].dataSync(), weights[1].dataSync()];
    const d = features + 1;
    const gram = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const cross = Array.from({ length: units }, () => new Array<number>(d).fill(0));
    const targetSquares = new Array<number>(units).fill(0);
    const targetMeans = new Array<number>(units).fill(0);
    const row = new Array<number>(d).fill(1);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < features; k++) row[k] = inputs[r * features + k];
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gram[i][j] += (row[i] * row[j]) / rows;
      for (let u = 0; u < units; u++) {
        const y = labels[r * units + u];
        for (let i = 0; i < d; i++) cross[u][i] += (row[i] * y) / rows;
        targetSquares[u] += (y * y) / rows;
        targetMeans[u] += y / rows;
      }
    }
    // Each unit's weights: its kernel column, then its bias (the design's last column is the ones).
    const start = Array.from({ length: units }, (_, u) => [...Array.from({ length: features }, (__, k) => kernel[k * units + u]), bias[u]]);
    const quadratic: Quadratic = { gram, cross, targetSquares, targetMeans, scale };
    const all = [gram.flat(), cross.flat(), targetSquares, start.flat()].flat();
    return all.every(Number.isFinite) ? planConditioning(quadratic, start, { momentum: settings.momentum, nesterov: settings.nesterov }, settings.learningRate, plan.plannedSteps) : undefined;
  } finally {
    tf.dispose(weights);
  }
}
