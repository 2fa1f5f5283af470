// The initial loss judged over the initialisation the program wrote, not over one sample of it. A program's
// initializers are a distribution; the profile sees one draw of it, and with wide initializers (every weight N(0, 1)) one
// draw's loss at step 0 — and whether the profiled steps bring it under the limit — varies from run to run: the same
// program was alarmed in some runs and not in others (docs/rules/initial-loss.md, "Over draws"). The runner adds
// REDRAWS seeded fresh draws of the same initializers (runner/initialDraws.ts, runner/weightDraws.ts): their loss at
// step 0 on the profiled batch, and, when most draws start far, the loss after the same profiled steps from each.
// The verdict is the one most of the draws give, the profile's own counted ("verify loss @ init": Karpathy, "A Recipe
// for Training Neural Networks", 2019 — a property of the initialisation, so of its distribution).
import { formatNumber as fmt } from './format';

/** What the runner measured from the fresh draws (a `draws` probe). */
export interface InitialDraws {
  /** Each fresh draw's data loss at step 0 on the profiled batch (inference mode for models with dropout or noise). */
  starts: readonly number[];
  /** Each fresh draw's loss after `steps` steps on the profiled batch at the model's rate, when those runs were made. */
  ends?: readonly number[];
  steps?: number;
}

/** The initial loss over the profile's draw and the fresh ones. */
export interface InitialLossOverDraws {
  draws: number;
  /** Draws whose loss at step 0 is above the limit (a non-finite start counts as far). */
  far: number;
  /** More than half of the draws start far. */
  mostFar: boolean;
  /** Draws that start far and that the profiled steps did not bring under the limit (counted only with the fresh runs). */
  unrepaired: number;
  /** More than half of all the draws start far and stay far through the profiled steps (a tie is no majority). */
  mostUnrepaired: boolean;
  /** The fresh draws' repair runs were not made (too slow, or an optimizer without a learning rate): only this run's draw judged it. */
  repairFromThisDrawOnly: boolean;
  /** "initial loss 4.1–9.8 over 5 draws … (4 of 5 above 2.2)". */
  text: string;
}

const isFar = (loss: number, limit: number) => !Number.isFinite(loss) || loss > limit;

/**
 * A run from a start `start` that ends at `end` repaired its start: the loss fell by the profile's improvement share
 * (thresholds.lossImprovement, as lossFalls in lossRules) and ends at or under the limit.
 */
export const repairs = (start: number, end: number, limit: number, improvement: number) =>
  Number.isFinite(start) && Number.isFinite(end) && end <= limit && end <= start - improvement * Math.abs(start);

/**
 * The profile's draw (`first`, and whether its profiled steps repaired it) with the fresh draws'. Undefined without
 * fresh draws (the verdict is then the profile's draw's, as before).
 */
export function initialLossOverDraws(first: number, firstRepaired: boolean, fresh: InitialDraws | undefined, limit: number, improvement: number): InitialLossOverDraws | undefined {
  if (!fresh || !fresh.starts.length) return undefined;
  const starts = [first, ...fresh.starts];
  const far = starts.filter((s) => isFar(s, limit)).length;
  const ends = fresh.ends && fresh.ends.length === fresh.starts.length ? fresh.ends : undefined;
  // Without the fresh runs the repair is the profile's draw's alone: the old verdict, on a start judged over draws.
  const unrepaired = ends
    ? (isFar(first, limit) && !firstRepaired ? 1 : 0) + fresh.starts.filter((start, i) => isFar(start, limit) && !repairs(start, ends[i], limit, improvement)).length
    : 0;
  const finite = starts.filter(Number.isFinite);
  const range = finite.length ? `${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))}` : 'not finite';
  const nonFinite = starts.length - finite.length;
  const text = `initial loss ${range} over ${starts.length} draws of the program's initializers (this run's and ${fresh.starts.length} fresh seeded ones; ${far} of ${starts.length} above ${fmt(limit)}${nonFinite ? `, ${nonFinite} not finite` : ''})`;
  const mostFar = 2 * far > starts.length;
  return { draws: starts.length, far, mostFar, unrepaired, mostUnrepaired: ends ? 2 * unrepaired > starts.length : mostFar && !firstRepaired, repairFromThisDrawOnly: !ends, text };
}

/** The repair over draws in words, for the finding's message. */
export function repairText(over: InitialLossOverDraws, steps: number | undefined): string {
  if (over.repairFromThisDrawOnly) return `whether the first steps repair it was read on this run's draw only`;
  return `${over.unrepaired} of the ${over.draws} ${over.unrepaired === 1 ? 'is' : 'are'} still above it after the ${steps ?? 'profiled'} profiled steps`;
}
