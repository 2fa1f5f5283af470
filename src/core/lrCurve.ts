// The math of Leslie Smith's LR range test, shared by the runner (which sweeps) and the tests: the LR
// schedule and batch plan, the loss smoother and stop rule, the four suggestions, the divergence point, and
// the summary of several repeats (median curve, band, spread of each suggestion). Pure functions on plain
// arrays.
import type { LrMode, LrResult, LrSuggestion, LrSuggestionKind } from './protocol';

/** EMA factor of the smoothed loss (fastai, Lightning and torch-lr-finder all use 0.98). */
export const SMOOTHING_BETA = 0.98;
/** The sweep stops when the smoothed loss exceeds this multiple of its best value. */
export const STOP_FACTOR = 4;
/** Points dropped before suggesting: the start is dominated by the EMA's warm-up, the end by the blow-up. */
export const SKIP_START = 10;
export const SKIP_END = 5;
/** A sweep diverged when its loss stays above this multiple of its running minimum up to the end. */
export const DIVERGENCE_FACTOR = 2;

/** The LR of each of `steps` batches: geometric (exp) or evenly spaced (linear) from start to end inclusive. */
export function lrSchedule(startLr: number, endLr: number, steps: number, mode: LrMode): number[] {
  return Array.from({ length: steps }, (_, i) => {
    const t = steps === 1 ? 0 : i / (steps - 1);
    return mode === 'exp' ? startLr * (endLr / startLr) ** t : startLr + (endLr - startLr) * t;
  });
}

/** 0 … n−1 in a Fisher–Yates order drawn from `random`. */
function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Batch indices for `steps` steps: a fresh seeded shuffle for every pass over the batches. */
export function batchOrder(batchCount: number, steps: number, random: () => number): number[] {
  const order: number[] = [];
  while (order.length < steps) order.push(...shuffled(batchCount, random));
  return order.slice(0, steps);
}

/**
 * Row indices of each step's batch, as fit() with shuffle draws them: every pass over the `rows` rows is
 * a fresh seeded permutation cut into batches of `size` (a smaller remainder is dropped, so every batch is
 * alike; fewer rows than `size`: one batch of all of them).
 */
export function rowBatches(rows: number, size: number, steps: number, random: () => number): number[][] {
  const take = Math.min(size, rows);
  const perPass = Math.max(1, Math.floor(rows / take));
  const batches: number[][] = [];
  while (batches.length < steps) {
    const pass = shuffled(rows, random);
    for (let b = 0; b < perPass && batches.length < steps; b++) batches.push(pass.slice(b * take, (b + 1) * take));
  }
  return batches;
}

/**
 * Exponential moving average with bias correction: after n losses it is the β-weighted mean of exactly
 * those losses (no pull towards the zero it starts from). A non-finite loss makes it non-finite for good.
 */
export class LossSmoother {
  private average = 0;
  private count = 0;

  constructor(private readonly beta = SMOOTHING_BETA) {}

  add(loss: number): number {
    this.count++;
    this.average = this.beta * this.average + (1 - this.beta) * loss;
    return this.average / (1 - this.beta ** this.count);
  }
}

export type StopReason = 'loss is not finite' | `loss exceeded ${typeof STOP_FACTOR}x its best`;

/**
 * The stop rule, applied after each batch: stop when the smoothed loss is NaN/±Inf, or exceeds 4× the
 * best smoothed loss so far. The ratio test only applies while the best is positive (a loss that can be
 * negative has no meaningful "4× the best").
 */
export class StopRule {
  best = Infinity;

  check(smoothed: number): StopReason | undefined {
    if (!Number.isFinite(smoothed)) return 'loss is not finite';
    if (this.best > 0 && this.best !== Infinity && smoothed > STOP_FACTOR * this.best) return `loss exceeded ${STOP_FACTOR}x its best`;
    if (smoothed < this.best) this.best = smoothed;
    return undefined;
  }
}

export interface Curve {
  lrs: number[];
  losses: number[];
}

/** The finite prefix of a curve: everything from the first NaN/±Inf loss on is a blow-up, not a shape. */
export function finitePrefix(curve: Curve): Curve {
  const end = curve.losses.findIndex((l) => !Number.isFinite(l));
  if (end < 0) return curve;
  return { lrs: curve.lrs.slice(0, end), losses: curve.losses.slice(0, end) };
}

/**
 * What the suggestions look at: the finite prefix without its first 10 and last 5 points. Curves shorter
 * than 45 points drop proportionally: ⌊n/10⌋ at the start, ⌊n/20⌋ at the end.
 */
export function trimForSuggestions(curve: Curve): Curve {
  const { lrs, losses } = finitePrefix(curve);
  const n = losses.length;
  const short = n < 3 * (SKIP_START + SKIP_END);
  const start = short ? Math.floor(n / 10) : SKIP_START;
  const end = n - (short ? Math.floor(n / 20) : SKIP_END);
  return { lrs: lrs.slice(start, end), losses: losses.slice(start, end) };
}

/** numpy.gradient of ys against xs: central differences inside, one-sided at the ends (non-uniform spacing). */
export function gradient(ys: number[], xs: number[]): number[] {
  const n = ys.length;
  if (n < 2) return ys.map(() => NaN);
  return ys.map((_, i) => {
    if (i === 0) return (ys[1] - ys[0]) / (xs[1] - xs[0]);
    if (i === n - 1) return (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]);
    const h0 = xs[i] - xs[i - 1];
    const h1 = xs[i + 1] - xs[i];
    return (h0 * h0 * ys[i + 1] + (h1 * h1 - h0 * h0) * ys[i] - h1 * h1 * ys[i - 1]) / (h0 * h1 * (h0 + h1));
  });
}

/** Slopes smaller than this fraction of the loss per decade count as flat. */
const FLAT_SLOPE = 1e-9;

/**
 * steep: the LR where the (trimmed) loss falls fastest per decade — the most negative slope of the loss
 * against log10(LR). Against LR itself (as some finders do) the slope is dominated by the large LRs of an
 * exponential sweep. Absent when the curve never falls (flat or rising) or has fewer than 2 points.
 */
export function steepSuggestion(curve: Curve): number | undefined {
  const { lrs, losses } = curve;
  if (losses.length < 2) return undefined;
  const slopes = gradient(losses, lrs.map(Math.log10));
  let best = 0;
  for (let i = 1; i < slopes.length; i++) if (slopes[i] < slopes[best]) best = i;
  // A flat curve has slopes of rounding size (±1e-16 relative): not a descent.
  const scale = Math.max(...losses.map(Math.abs));
  return slopes[best] < -FLAT_SLOPE * scale ? lrs[best] : undefined;
}

/**
 * valley (fastai's default): the longest descending stretch — the longest subsequence of strictly
 * falling losses, which tolerates noise bumps — and the LR at fastai's index start + ⌊len/3⌋ + ⌊len/6⌋
 * in it (the middle of the stretch's middle third). Absent when no two points descend (flat or
 * monotonically rising curves), where fastai would return the first LR.
 */
export function valleySuggestion(curve: Curve): number | undefined {
  const { lrs, losses } = curve;
  const n = losses.length;
  if (n < 2) return undefined;
  const runLength = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && runLength[i] < runLength[j] + 1) runLength[i] = runLength[j] + 1;
    }
    if (runLength[maxEnd] < runLength[i]) {
      maxEnd = i;
      maxStart = maxEnd - runLength[maxEnd];
    }
  }
  if (runLength[maxEnd] < 2) return undefined;
  const sections = (maxEnd - maxStart) / 3;
  const index = maxStart + Math.floor(sections) + Math.floor(sections / 2);
  return lrs[Math.min(Math.max(index, 0), n - 1)];
}

/** minimum/10: a tenth of the LR with the lowest (trimmed, smoothed) loss. Absent only for an empty curve. */
export function minimumSuggestion(curve: Curve): number | undefined {
  const { lrs, losses } = curve;
  if (!losses.length) return undefined;
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
  return lrs[best] / 10;
}

export const SLIDE_WINDOW = 15;
export const SLIDE_THRESHOLD = 0.005;

/**
 * slide (fastai's): walk a window of 15 points from the end of the curve towards the start while the
 * slope (per step, as fastai uses numpy.gradient of the losses) at the window's two ends differs by more
 * than 0.005; the suggestion is the LR at the window's left end where the slopes first agree (the loss
 * has "slid" into a stretch of steady slope before the blow-up). If they already agree at the end it is
 * the LR 15 points before the end; if they never agree, the first LR. The threshold is absolute, so it
 * depends on the loss scale (as in fastai). Absent with fewer than 16 points.
 */
export function slideSuggestion(curve: Curve): number | undefined {
  const { lrs, losses } = curve;
  const n = losses.length;
  if (n <= SLIDE_WINDOW) return undefined;
  const slopes = gradient(losses, losses.map((_, i) => i));
  let right = n - 1;
  let left = right - SLIDE_WINDOW;
  let suggestion = lrs[left];
  while (left >= 0 && Math.abs(slopes[right] - slopes[left]) > SLIDE_THRESHOLD) {
    suggestion = lrs[left];
    right--;
    left--;
  }
  return suggestion;
}

export const SUGGESTION_RULES: Record<LrSuggestionKind, string> = {
  steep: 'steepest descent of the smoothed loss per decade of LR',
  valley: "middle of the longest descending stretch of the smoothed loss (fastai's valley)",
  minimum: 'LR of the lowest smoothed loss, divided by 10',
  slide: "where the slope of the smoothed loss settles before the blow-up (fastai's slide)",
};

const SUGGESTERS: Record<LrSuggestionKind, (curve: Curve) => number | undefined> = {
  steep: steepSuggestion,
  valley: valleySuggestion,
  minimum: minimumSuggestion,
  slide: slideSuggestion,
};

/** All four suggestions for one smoothed curve (trimmed here). */
export function suggest(curve: Curve): Partial<Record<LrSuggestionKind, number>> {
  const trimmed = trimForSuggestions(curve);
  const out: Partial<Record<LrSuggestionKind, number>> = {};
  for (const kind of Object.keys(SUGGESTERS) as LrSuggestionKind[]) {
    const lr = SUGGESTERS[kind](trimmed);
    if (lr !== undefined) out[kind] = lr;
  }
  return out;
}

/**
 * The divergence point of one sweep, from its raw (unsmoothed) batch losses, in two steps:
 * 1. Did it diverge? From some step k on, every loss stays above 2× the lowest loss so far (NaN/±Inf
 *    count as above) up to the end of the sweep. Otherwise there is no divergence point.
 * 2. Where did that start? Walk back from k while each loss is higher than the one before: the climb that
 *    led there began with the update of the step where the walk stops (a step's loss is measured before
 *    its own update), and that step's LR is the divergence LR.
 * The level test (1) is robust to noise and to a loss that blows up and then plateaus; the walk back (2)
 * finds where the growth began, even when slowly-learned directions keep the loss far above zero so that
 * "2× the minimum" is only reached many steps later. Consecutive steps use different batches, so
 * batch-to-batch noise can stop the walk early and put the point a step or two late; with a single batch
 * it is exact. A loss that is already NaN/±Inf before any update is not the learning rate's doing: no point.
 */
export function divergenceIndex(losses: number[]): number | undefined {
  const n = losses.length;
  if (!n || !Number.isFinite(losses[0])) return undefined;
  let lowest = Infinity;
  const above = losses.map((loss) => {
    if (!Number.isFinite(loss)) return true;
    lowest = Math.min(lowest, loss);
    return lowest > 0 && loss > DIVERGENCE_FACTOR * lowest;
  });
  let k = n;
  while (k > 0 && above[k - 1]) k--;
  if (k === n) return undefined;
  const rises = (i: number) => !Number.isFinite(losses[i]) || losses[i] > losses[i - 1];
  let start = k;
  while (start > 0 && rises(start)) start--;
  return start;
}

export interface RepeatCurve {
  lrs: number[];
  /** Raw batch losses. */
  losses: number[];
  smoothed: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** log10(max/min) of positive values; 0 for fewer than two. */
export function spreadDecades(values: number[]): number {
  if (values.length < 2) return 0;
  return Math.log10(Math.max(...values) / Math.min(...values));
}

/**
 * Summarizes the repeats: the median and min–max band of the smoothed loss over the steps every repeat
 * reached with a finite loss, the suggestions on that median curve with their spread over the repeats'
 * own suggestions, and the divergence LR (median over the repeats that diverged, reported when at least
 * half of them did).
 */
export function summarizeRepeats(repeats: RepeatCurve[], stop: { stoppedEarly: boolean; reason: string }): LrResult {
  const finiteLengths = repeats.map((r) => finitePrefix({ lrs: r.lrs, losses: r.smoothed }).losses.length);
  const length = repeats.length ? Math.min(...finiteLengths) : 0;
  const lrs = repeats[0]?.lrs.slice(0, length) ?? [];
  const medianCurve = lrs.map((lr, k) => ({ lr, loss: median(repeats.map((r) => r.smoothed[k])) }));
  const band = lrs.map((lr, k) => {
    const values = repeats.map((r) => r.smoothed[k]);
    return { lr, low: Math.min(...values), high: Math.max(...values) };
  });
  const onMedian = suggest({ lrs, losses: medianCurve.map((p) => p.loss) });
  const perRepeat = repeats.map((r) => suggest({ lrs: r.lrs, losses: r.smoothed }));
  const suggestions: LrResult['suggestions'] = {};
  for (const kind of Object.keys(SUGGESTION_RULES) as LrSuggestionKind[]) {
    const lr = onMedian[kind];
    if (lr === undefined) continue;
    const individual = perRepeat.map((s) => s[kind]).filter((x): x is number => x !== undefined);
    const suggestion: LrSuggestion = { lr, spreadDecades: spreadDecades(individual), rule: SUGGESTION_RULES[kind] };
    suggestions[kind] = suggestion;
  }
  const divergences = repeats
    .map((r) => {
      const index = divergenceIndex(r.losses);
      return index === undefined ? undefined : r.lrs[index];
    })
    .filter((x): x is number => x !== undefined);
  const divergenceLr = repeats.length && divergences.length * 2 >= repeats.length ? median(divergences) : undefined;
  return { median: medianCurve, band, suggestions, divergenceLr, ...stop };
}
