// The initial loss judged over the initialisation the program wrote, not over one sample of it. A program's
// initializers are a distribution; the profile sees one draw of it, and with wide initializers (every weight N(0, 1)) one
// draw's loss at step 0 — and whether the profiled steps bring it under the limit — varies from run to run: the same
// program was alarmed in some runs and not in others (docs/rules/initial-loss.md, "Over draws"). The runner adds
// REDRAWS seeded fresh draws of the same initializers (runner/initialDraws.ts, runner/weightDraws.ts): their loss at
// step 0 on the profiled batch, and, when most of them start far, the loss after the same profiled steps from each.
// The verdict is the one most of the seeded draws give ("verify loss @ init": Karpathy, "A Recipe for Training Neural
// Networks", 2019 — a property of the initialisation, so of its distribution). This run's draw is reported beside them
// and does not vote: it is an unseeded sample, and counted in it tipped a program whose seeded draws split evenly
// (healthy `mlm-adam`: two of four fresh draws unrepaired, alarmed or not by this run's draw) — the verdict then moved
// from run to run on the very sample the vote was meant to outweigh. A tie is no majority.
import { formatNumber as fmt } from './format';

/** What the runner measured from the fresh draws (a `draws` probe). */
export interface InitialDraws {
  /** Each fresh draw's data loss at step 0 on the profiled batch (inference mode for models with dropout or noise). */
  starts: readonly number[];
  /** Each fresh draw's loss after `steps` steps on the profiled batch at the model's rate, when those runs were made. */
  ends?: readonly number[];
  steps?: number;
}

/** The initial loss over the seeded fresh draws, this run's draw beside them. */
export interface InitialLossOverDraws {
  /** The seeded fresh draws that vote. */
  draws: number;
  /** Fresh draws whose loss at step 0 is above the limit (a non-finite start counts as far). */
  far: number;
  /** More than half of the fresh draws start far (a tie is no majority). */
  mostFar: boolean;
  /** Fresh draws that start far and that the profiled steps did not bring under the limit (counted only with their runs). */
  unrepaired: number;
  /** More than half of the fresh draws start far and stay far through the profiled steps (a tie is no majority). */
  mostUnrepaired: boolean;
  /** The fresh draws' repair runs were not made (too slow, or an optimizer without a learning rate): only this run's draw judged it. */
  repairFromThisDrawOnly: boolean;
  /** "initial loss 1.9–6.2 over 4 fresh seeded draws … (3 of 4 above 2.2; this run's draw 4.6, above)". */
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
 * The fresh draws' verdict, with the profile's draw (`first`, and whether its profiled steps repaired it) reported
 * beside it. Undefined without fresh draws (the verdict is then the profile's draw's, as before). Without the fresh
 * draws' repair runs, whether the steps repair a far start is read on this run's draw — the only run there is.
 */
export function initialLossOverDraws(first: number, firstRepaired: boolean, fresh: InitialDraws | undefined, limit: number, improvement: number): InitialLossOverDraws | undefined {
  if (!fresh || !fresh.starts.length) return undefined;
  const { starts } = fresh;
  const far = starts.filter((s) => isFar(s, limit)).length;
  const ends = fresh.ends && fresh.ends.length === starts.length ? fresh.ends : undefined;
  const unrepaired = ends ? starts.filter((start, i) => isFar(start, limit) && !repairs(start, ends[i], limit, improvement)).length : 0;
  const finite = starts.filter(Number.isFinite);
  const range = finite.length ? `${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))}` : 'not finite';
  const nonFinite = starts.length - finite.length;
  const thisDraw = `this run's draw ${Number.isFinite(first) ? fmt(first) : 'not finite'}, ${isFar(first, limit) ? `above${ends ? (firstRepaired ? ' and repaired' : ' and not repaired') : ''}` : 'near'}`;
  const text = `initial loss ${range} over ${starts.length} fresh seeded draws of the program's initializers (${far} of ${starts.length} above ${fmt(limit)}${nonFinite ? `, ${nonFinite} not finite` : ''}; ${thisDraw})`;
  const mostFar = 2 * far > starts.length;
  return { draws: starts.length, far, mostFar, unrepaired, mostUnrepaired: ends ? 2 * unrepaired > starts.length : mostFar && !firstRepaired, repairFromThisDrawOnly: !ends, text };
}

/** The repair over draws in words, for the finding's message. */
export function repairText(over: InitialLossOverDraws, steps: number | undefined): string {
  if (over.repairFromThisDrawOnly) return `whether the first steps repair it was read on this run's draw only`;
  return `${over.unrepaired} of the ${over.draws} ${over.unrepaired === 1 ? 'is' : 'are'} still above it after the ${steps ?? 'profiled'} profiled steps`;
}
