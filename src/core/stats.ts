// Per-weight gradient statistics, computed in float64 from the downloaded float32 values.
// One pass over the gradient and one over the weight: cheaper than a dozen backend reductions
// plus a download each, and exact enough to test against closed forms.
import type { WeightStats } from './protocol';

export const HISTOGRAM_BINS = 64;
/** The histogram covers log10|g| in [-16, 8): from float32 round-off noise to clearly exploding. */
export const HISTOGRAM_MIN_LOG10 = -16;
export const HISTOGRAM_MAX_LOG10 = 8;
const BIN_WIDTH = (HISTOGRAM_MAX_LOG10 - HISTOGRAM_MIN_LOG10) / HISTOGRAM_BINS;

/** L2 norm ignoring nothing: NaN/Inf propagate, as they should for a health check. */
export function l2Norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

export function weightStats(name: string, grad: ArrayLike<number>, weight: ArrayLike<number>): WeightStats {
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  let sumSq = 0;
  let sumAbs = 0;
  let maxAbs = 0;
  let zeros = 0;
  let nanCount = 0;
  let infCount = 0;
  for (let i = 0; i < grad.length; i++) {
    const g = grad[i];
    if (Number.isNaN(g)) {
      nanCount++;
      continue;
    }
    const a = Math.abs(g);
    if (a === Infinity) {
      infCount++;
      continue;
    }
    sumSq += g * g;
    sumAbs += a;
    if (a > maxAbs) maxAbs = a;
    if (a === 0) {
      zeros++;
      continue;
    }
    const bin = Math.floor((Math.log10(a) - HISTOGRAM_MIN_LOG10) / BIN_WIDTH);
    histogram[Math.min(HISTOGRAM_BINS - 1, Math.max(0, bin))]++;
  }
  const n = grad.length;
  const nonFinite = nanCount + infCount > 0;
  const gradNorm = nanCount > 0 ? NaN : infCount > 0 ? Infinity : Math.sqrt(sumSq);
  const weightNorm = l2Norm(weight);
  return {
    name,
    gradNorm,
    meanAbs: nonFinite ? gradNorm : n === 0 ? 0 : sumAbs / n,
    maxAbs: nonFinite ? gradNorm : maxAbs,
    zeroShare: n === 0 ? 0 : zeros / n,
    nanCount,
    infCount,
    weightNorm,
    ratio: weightNorm === 0 ? (gradNorm === 0 ? 0 : Infinity) : gradNorm / weightNorm,
    histogram,
  };
}

/** Combined L2 norm of several tensors given their norms. */
export function combinedNorm(norms: readonly number[]): number {
  return Math.sqrt(norms.reduce((s, n) => s + n * n, 0));
}
