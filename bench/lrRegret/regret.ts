// The regret figure of bench/lrRegret.ts and how sure it is. One training's held-out loss depends on its
// initial weights (and, near the best rate, on tiny changes of the rate) by as much as the gap between
// good and bad rates on some tasks, so every rate is trained from the same seeds (paired), the loss is the
// mean over them, and the regret gets a bootstrap interval over those seeds.
import { seededRandom } from '../../src/core/random';

/** Held-out loss per seed (index = seed − 1); null = the training produced NaN/±Inf. */
export type SeedLosses = (number | null)[];

/** Mean over `count` first seeds; Infinity when any of them diverged; NaN when one is missing. */
export function meanOver(losses: SeedLosses, count: number): number {
  if (losses.length < count) return NaN;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const loss = losses[i];
    if (loss === null) return Infinity;
    total += loss;
  }
  return total / count;
}

export interface RegretInput {
  /** Grid rates that can be the best (trained on all `count` seeds); [0] is the lowest rate 1e-4. */
  grid: SeedLosses[];
  /** The suggestion's losses on the same seeds. */
  suggestion: SeedLosses;
  count: number;
}

function regretOf(grid: number[], suggestion: number): number {
  const best = Math.min(...grid);
  if (!Number.isFinite(suggestion)) return Infinity;
  return (suggestion - best) / (grid[0] - best);
}

/** (L(s) − L_best) / (L(1e-4) − L_best) on the mean over seeds, L_best the lowest grid mean. */
export function regret(input: RegretInput): number {
  return regretOf(
    input.grid.map((g) => meanOver(g, input.count)),
    meanOver(input.suggestion, input.count),
  );
}

/** 5th and 95th percentile of the regret when the seeds are resampled with replacement (paired: one draw for all rates). */
export function regretInterval(input: RegretInput, draws = 2000): [number, number] {
  const random = seededRandom(12345);
  const values: number[] = [];
  const mean = (losses: SeedLosses, picks: number[]) => {
    let total = 0;
    for (const i of picks) {
      const loss = losses[i];
      if (loss === null) return Infinity;
      total += loss;
    }
    return total / picks.length;
  };
  for (let d = 0; d < draws; d++) {
    const picks = Array.from({ length: input.count }, () => Math.floor(random() * input.count));
    values.push(regretOf(input.grid.map((g) => mean(g, picks)), mean(input.suggestion, picks)));
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(draws * 0.05)], values[Math.floor(draws * 0.95)]];
}

/** Standard deviation of one training's loss over the seeds, in regret units (0…1 = the range from 1e-4 to the best). */
export function seedSpread(losses: SeedLosses, count: number, scale: number): number {
  const xs = losses.slice(0, count).filter((l): l is number => l !== null);
  if (xs.length < 2) return NaN;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) / scale;
}
