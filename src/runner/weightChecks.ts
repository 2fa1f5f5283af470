// Checks of a layer's weights and of the compiled loss that the profiler runs on downloaded values: the size of
// the last update relative to the weights, units that are exact copies of each other, and which losses are
// custom functions worth reading at run time (core/dataRules, core/rateRules use the results).

const BUILT_IN_LOSS = /^(categorical|sparse_?categorical|binary)_?crossentropy$|^(mean_?squared|mean_?absolute|mean_?squared_?logarithmic|mean_?absolute_?percentage)_?error$|^(mse|mae|msle|mape|hinge|squared_?hinge|categorical_?hinge|huber(_?loss)?|log_?cosh|kld|kullback_?leibler_?divergence|poisson|cosine_?proximity)$/i;
export const isCustomLoss = (name: string | undefined) => name !== undefined && !BUILT_IN_LOSS.test(name);
/** One-hot rows: labels 0/1 whose mean square is 1/units (exactly one 1 per row). */
export const isOneHot = (min: number, max: number, fractional: number, meanSquare: number, units: number) =>
  units >= 2 && min >= 0 && max <= 1 && fractional === 0 && Math.abs(meanSquare - 1 / units) < 1e-6;
/** Labels that are all 0 or 1 (a binary or multi-label target); one-hot rows are such labels too. */
export const isZeroOne = (min: number, max: number, fractional: number) => min >= 0 && max <= 1 && fractional === 0;

/** ‖w_now − w_before‖ / ‖w_before‖ over a layer's variables; undefined while its weights are all zero. */
export function updateRatio(before: Float32Array[], now: Float32Array[]): number | undefined {
  let delta = 0;
  let base = 0;
  before.forEach((b, k) => {
    const n = now[k];
    for (let i = 0; i < b.length; i++) {
      const d = n[i] - b[i];
      delta += d * d;
      base += b[i] * b[i];
    }
  });
  return base > 0 ? Math.sqrt(delta / base) : undefined;
}

/**
 * Share of a layer's units that are exact copies of another unit: its kernel's columns (the last axis), each
 * with its bias. Two hashes per column in float64 (sum and index-weighted sum): equal columns hash equal, and
 * distinct float32 columns colliding on both is not a practical concern. Undefined without a kernel or with one unit.
 */
export function duplicateShare(variables: readonly { shape: readonly number[] }[], data: Float32Array[]): number | undefined {
  const k = variables.findIndex((v) => v.shape.length >= 2);
  if (k < 0) return undefined;
  const units = variables[k].shape[variables[k].shape.length - 1];
  if (!(units > 1)) return undefined;
  const kernel = data[k];
  const b = variables.findIndex((v) => v.shape.length === 1 && v.shape[0] === units);
  const sums = new Float64Array(units);
  const weighted = new Float64Array(units);
  for (let i = 0; i < kernel.length; i++) {
    const unit = i % units;
    sums[unit] += kernel[i];
    weighted[unit] += kernel[i] * (1 + ((i / units) | 0) * 0.6180339887);
  }
  const counts = new Map<string, number>();
  for (let j = 0; j < units; j++) {
    const key = `${sums[j]}|${weighted[j]}|${b >= 0 ? data[b][j] : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let copies = 0;
  for (const n of counts.values()) if (n > 1) copies += n;
  return copies / units;
}

