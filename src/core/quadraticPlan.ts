// The script's whole plan in closed form, for a model linear in its weights under the mean squared error. The loss is a
// quadratic L(w) = L* + (w − w*)ᵀH(w − w*)/2 whose Hessian H = 2c/U·G (G = X̃ᵀX̃/R over the R training rows, X̃ the inputs
// with a column of ones) is the same at every weight, so full-batch gradient descent moves the error along each eigenvector
// of G independently: ×(1 − ηλ) a step for SGD, a 2×2 linear recurrence with momentum (Polyak 1964; Goh, "Why momentum
// really works", Distill 2017). The loss after the plan's T steps from the initial weights is then exact, for any rate.
// A stable rate is bounded by the steepest direction (η < 2/λmax), and the slowest direction then contracts by at most
// 1 − 2λmin/λmax a step: the number of steps gradient descent needs grows with the condition number κ = λmax/λmin
// (LeCun, Bottou, Orr & Müller, "Efficient BackProp" 1998, §5.1 and §4.3: inputs with a large mean or unequal variances
// make H ill-conditioned, and standardising them is the fix; Goodfellow, Bengio & Courville 2016, §4.3.1 and §8.2.3).
// Mini-batch SGD follows the full-batch step in expectation, so the full-batch plan is the optimistic reading of it.
// docs/rules/unscaled-input-plan.md.
import { stableRateLimit } from './rateCurvature';

/** The quadratic: G (d × d), the cross-moments X̃ᵀy_u/R per output unit, mean y_u² and mean y_u, the loss's scale c. */
export interface Quadratic {
  gram: readonly (readonly number[])[];
  cross: readonly (readonly number[])[];
  targetSquares: readonly number[];
  targetMeans: readonly number[];
  /** The loss is c × the mean squared error (1 for tfjs's MSE). */
  scale: number;
}

export interface Descent {
  momentum: number;
  nesterov: boolean;
}

/** Jacobi's rotations for a symmetric matrix (Golub & Van Loan, Matrix Computations §8.5): eigenvalues and unit eigenvectors (columns). */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v = a.map((_, i) => a.map((__, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off === 0 || !Number.isFinite(off)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const [vkp, vkq] = [v[k][p], v[k][q]];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

/** A direction's eigenvalue below this share of the largest carries no curvature float64 can tell from 0. */
const FLAT_DIRECTION = 1e-12;

/**
 * The error left along one direction of curvature λ after `steps` steps of tfjs's optimizer from error 1 and zero velocity.
 * SGD: e ← (1 − ηλ)e. Momentum (v ← βv + g, w ← w − ηv): [e, v] ← [[1 − ηλ, −ηβ], [λ, β]]·[e, v]. Nesterov (w ← w − η(g + βv),
 * v the updated velocity): [[1 − ηλ(1 + β), −ηβ²], [λ, β]]. The matrix power by squaring: exact for any number of steps.
 */
export function errorAfter(lambda: number, rate: number, descent: Descent, steps: number): number {
  const beta = descent.momentum;
  const m: [number, number, number, number] = descent.nesterov ? [1 - rate * lambda * (1 + beta), -rate * beta * beta, lambda, beta] : [1 - rate * lambda, -rate * beta, lambda, beta];
  let result: [number, number, number, number] = [1, 0, 0, 1];
  let power = m;
  const multiply = (x: typeof m, y: typeof m): typeof m => [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]];
  for (let n = Math.max(0, Math.floor(steps)); n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) result = multiply(result, power);
    power = multiply(power, power);
  }
  return result[0];
}

export interface PlanReading {
  /** The loss at the start, at the least-squares optimum, and of the best prediction that reads no input (each target's mean). */
  start: number;
  optimum: number;
  noInput: number;
  /** λmax and λmin (> 0) of the loss's Hessian. */
  lambdaMax: number;
  lambdaMin: number;
  /** The loss after `steps` full-batch steps at `rate` from the start. */
  after: (rate: number, steps: number) => number;
}

/**
 * The quadratic read in G's eigenbasis, from the initial weights `start` (per unit: the kernel's column, then the bias).
 * Each unit u's loss is c/U·(wᵀGw − 2wᵀx_u + m_u); its minimum along the directions with curvature sits at
 * z*ᵢ = qᵢᵀx_u/gᵢ, and directions without curvature leave the loss unchanged.
 */
export function readQuadratic(q: Quadratic, start: readonly (readonly number[])[], descent: Descent): PlanReading | undefined {
  const units = q.cross.length;
  if (!units || start.length !== units || !(q.scale > 0)) return undefined;
  const { values, vectors } = symmetricEigen(q.gram);
  const top = Math.max(...values);
  if (!(top > 0) || !Number.isFinite(top)) return undefined;
  const curved = values.map((g, i) => ({ g, i })).filter(({ g }) => g > FLAT_DIRECTION * top);
  const project = (w: readonly number[], i: number) => w.reduce((sum, x, k) => sum + x * vectors[k][i], 0);
  const perUnit = q.cross.map((x, u) => {
    const optimum = q.targetSquares[u] - curved.reduce((sum, { g, i }) => sum + project(x, i) ** 2 / g, 0);
    const errors = curved.map(({ g, i }) => project(start[u], i) - project(x, i) / g);
    return { optimum, errors };
  });
  const hessian = (2 * q.scale) / units;
  const lossAt = (factor: (g: number) => number) =>
    (q.scale / units) * perUnit.reduce((sum, unit) => sum + Math.max(0, unit.optimum) + curved.reduce((s, { g }, k) => s + g * (factor(g) * unit.errors[k]) ** 2, 0), 0);
  return {
    start: lossAt(() => 1),
    optimum: lossAt(() => 0),
    noInput: (q.scale / units) * q.targetSquares.reduce((sum, m, u) => sum + Math.max(0, m - q.targetMeans[u] ** 2), 0),
    lambdaMax: hessian * top,
    lambdaMin: hessian * Math.min(...curved.map(({ g }) => g)),
    after: (rate, steps) => lossAt((g) => errorAfter(hessian * g, rate, descent, steps)),
  };
}

/** G and the cross-moments for the inputs standardised per feature (x − mean)/std: X̃' = X̃A, so G' = AᵀGA and x' = Aᵀx. */
export function standardizedQuadratic(q: Quadratic): Quadratic | undefined {
  const d = q.gram.length;
  const bias = d - 1;
  const means = q.gram[bias].slice(0, bias).map((m) => m / q.gram[bias][bias]);
  const stds = means.map((m, k) => Math.sqrt(Math.max(0, q.gram[k][k] - m * m)));
  if (stds.some((s) => !(s > 0))) return undefined;
  // A: column k (a feature) maps x̃ to (x_k − m_k)/s_k; the bias column stays 1.
  const a = Array.from({ length: d }, (_, row) => Array.from({ length: d }, (__, col) => (col === bias ? (row === bias ? 1 : 0) : row === col ? 1 / stds[col] : row === bias ? -means[col] / stds[col] : 0)));
  const times = (m: readonly (readonly number[])[], n: readonly (readonly number[])[]) => m.map((r) => n[0].map((_, j) => r.reduce((s, x, k) => s + x * n[k][j], 0)));
  const transposed = a[0].map((_, j) => a.map((r) => r[j]));
  return {
    ...q,
    gram: times(times(transposed, q.gram), a),
    cross: q.cross.map((x) => transposed.map((r) => r.reduce((s, v, k) => s + v * x[k], 0))),
  };
}

/** What the plan reaches on the quadratic, in closed form (sent with the curvature probe: core/conditioningRule.ts judges it). */
export interface PlanConditioning {
  steps: number;
  start: number;
  optimum: number;
  noInput: number;
  /** The loss at the plan's end at the model's rate. */
  given: number;
  /** The lowest plan's end over stable rates, and that rate. */
  best: number;
  bestRate: number;
  /** κ = λmax/λmin as given and with the inputs standardised. */
  kappa: number;
  standardizedKappa: number;
  /** With the inputs standardised, from the same initial weights: the lowest plan's end over its stable rates, and that rate. */
  standardizedBest: number;
  standardizedRate: number;
}

/** Stable rates tried: the stable limit × 10^(−k/8), k = 1 … 48 (six decades below it). */
const RATE_GRID = Array.from({ length: 48 }, (_, k) => 10 ** (-(k + 1) / 8));

function bestOverRates(reading: PlanReading, descent: Descent, steps: number): { loss: number; rate: number } {
  const limit = stableRateLimit({ lambdaMax: reading.lambdaMax, momentum: descent.momentum, nesterov: descent.nesterov });
  return RATE_GRID.map((k) => ({ rate: k * limit, loss: reading.after(k * limit, steps) })).reduce((a, b) => (b.loss < a.loss ? b : a));
}

/** The plan's end at the model's rate, at the best stable rate, and with standardised inputs at their best rate; undefined without a bias column. */
export function planConditioning(q: Quadratic, start: readonly (readonly number[])[], descent: Descent, rate: number, steps: number): PlanConditioning | undefined {
  const given = readQuadratic(q, start, descent);
  const standardized = standardizedQuadratic(q);
  const scaled = standardized && readQuadratic(standardized, start, descent);
  if (!given || !scaled || !(steps >= 1)) return undefined;
  const best = bestOverRates(given, descent, steps);
  const standardizedBest = bestOverRates(scaled, descent, steps);
  return {
    steps,
    start: given.start,
    optimum: given.optimum,
    noInput: given.noInput,
    given: given.after(rate, steps),
    best: best.loss,
    bestRate: best.rate,
    kappa: given.lambdaMax / given.lambdaMin,
    standardizedKappa: scaled.lambdaMax / scaled.lambdaMin,
    standardizedBest: standardizedBest.loss,
    standardizedRate: standardizedBest.rate,
  };
}
