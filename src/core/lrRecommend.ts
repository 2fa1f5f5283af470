// The one learning rate the finder recommends, chosen by outcome (bench/lrRegret.ts measured the rules; see
// docs/lr-recommendation.md). The curve proposes candidates — a ladder of rates half a decade apart below
// the divergence LR — and short training runs from the same initial weights choose among them; without
// those runs the divergence LR / 10 (Smith's maximum rate) is the fallback. Where the curve cannot support
// a rate (flat noise with no divergence, repeats disagreeing by more than a decade) the recommendation has
// no number and says why. Pure functions.
import type { LrRecommendation, LrResult } from './protocol';
import { formatLearningRate, formatNumber } from './format';

/** Candidates for the short runs: the divergence LR divided by 10^(k/2), k = 1…LADDER_RUNGS. */
export const LADDER_RUNGS = 5;
/** After the ladder, the two rates a quarter decade either side of its winner are run too. */
export const REFINE_DECADES = 0.25;
/** The curve is flat when its smoothed loss never falls this share below its starting level. */
export const FLAT_DROP = 0.05;
/** The repeats disagree when the divergence LRs spread over more than this many decades. */
export const DISAGREE_DECADES = 1;
/** A short run learned something when its held-out loss ends this share below the untrained loss. */
export const LEARNED_DROP = 0.02;
/** Two short runs whose losses are within this share count as tied (the recommendation is less sure). */
const TIE_SHARE = 0.02;
/** The runs within this many decades of the best one are fitted by a parabola in log10(LR)… */
export const FIT_DECADES = 0.5;
/** …and its vertex is taken when it lies within this many decades of the best run (the refinements' span). */
export const SHIFT_DECADES = 0.25;

export interface CurveVerdict {
  /** The smoothed median loss never fell FLAT_DROP below its start (after the EMA warm-up). */
  flat: boolean;
  /** Where the ladder starts: the divergence LR, else the lowest point of the curve, else undefined. */
  top?: number;
  topBasis?: 'divergence' | 'earliest-divergence' | 'minimum' | 'end';
  /** The repeats' divergence LRs spread over more than DISAGREE_DECADES: said in the recommendation's why. */
  disagreement?: string;
  /** Why no rate can be derived from the curve alone, when none can (short runs from `top` may still find one). */
  unsupported?: string;
}

/** Fractional drop of the smoothed median loss from its level after the warm-up (first 10 points) to its minimum. */
export function curveDrop(result: Pick<LrResult, 'median'>): number {
  const losses = result.median.map((p) => p.loss).filter(Number.isFinite);
  if (losses.length < 12) return 0;
  const start = losses[Math.min(10, losses.length - 1)];
  const lowest = Math.min(...losses.slice(10));
  return start > 0 ? (start - lowest) / start : 0;
}

const FLAT_NOISE = 'the loss neither fell nor diverged over the sweep (flat noise): widen the range (--end), let the short runs check rates (--check-steps), or check that the data carries a signal';

export function judgeCurve(result: LrResult, divergences: number[]): CurveVerdict {
  const flat = curveDrop(result) < FLAT_DROP;
  const spread = divergences.length > 1 ? Math.log10(Math.max(...divergences) / Math.min(...divergences)) : 0;
  if (spread > DISAGREE_DECADES) {
    // The curve alone cannot name a rate, but it bounds one: at the earliest divergence one initialisation
    // already blew up, so the ladder starts there and the short runs (same initial weights, held-out loss)
    // choose by outcome; without them there is no number.
    const earliest = Math.min(...divergences);
    const disagreement = `the repeats diverged at rates ${spread.toFixed(1)} decades apart (${fmt(earliest)} to ${fmt(Math.max(...divergences))})`;
    return { flat, top: earliest, topBasis: 'earliest-divergence', disagreement, unsupported: `${disagreement}: the curve does not pin down a rate` };
  }
  if (result.divergenceLr !== undefined) return { flat, top: result.divergenceLr, topBasis: 'divergence' };
  const finite = result.median.filter((p) => Number.isFinite(p.loss));
  if (flat) {
    // Neither descent nor divergence: the curve shows no scale. Short runs can still try the top of the
    // swept range downwards (a CNN with momentum learns only after more steps than the sweep gives a rate);
    // without them there is no number.
    const end = finite[finite.length - 1]?.lr;
    return end === undefined ? { flat, unsupported: 'the sweep has no finite loss to read' } : { flat, top: end, topBasis: 'end', unsupported: FLAT_NOISE };
  }
  const lowest = finite.slice(10).reduce((a, b) => (b.loss < a.loss ? b : a), finite[Math.min(10, finite.length - 1)]);
  return lowest ? { flat, top: lowest.lr, topBasis: 'minimum' } : { flat, unsupported: 'the sweep has no finite loss to read' };
}

/** The ladder of candidate rates below `top`, within the swept range. */
export function ladder(top: number, startLr: number): number[] {
  return Array.from({ length: LADDER_RUNGS }, (_, k) => top / 10 ** ((k + 1) / 2)).filter((lr) => lr >= startLr);
}

/** The two rates a quarter decade either side of the ladder's winner. */
export function refinements(winner: number): number[] {
  return [winner * 10 ** -REFINE_DECADES, winner * 10 ** REFINE_DECADES];
}

/**
 * The rate where the held-out losses around the best short run are lowest: the vertex of a least-squares
 * parabola in log10(LR) through the finite runs within FIT_DECADES of it, kept within SHIFT_DECADES. One
 * run's held-out loss depends on its initial weights by as much as the gap between neighbouring rates
 * (bench/lrRegret: one training's spread is 0.6 of the whole 1e-4-to-best range on the parity and spirals
 * tasks), so the lowest single run is partly luck; the fit pools the runs around it. Returns the best run's
 * own rate when the fit has no minimum there: fewer than 3 finite runs, none on one side (the best is at an
 * edge), or a parabola that opens downwards. Never moves up towards a neighbour that diverged.
 */
export function fittedBest(runs: ShortRun[], best: ShortRun): number {
  const x0 = Math.log10(best.lr);
  const near = runs.filter((r) => Math.abs(Math.log10(r.lr) - x0) <= FIT_DECADES + 1e-9);
  const points = near.filter((r) => r.loss !== null).map((r) => ({ x: Math.log10(r.lr) - x0, y: r.loss! }));
  if (points.length < 3 || !points.some((p) => p.x < 0) || !points.some((p) => p.x > 0)) return best.lr;
  const fit = quadraticFit(points);
  if (!fit || !(fit.a > 0)) return best.lr;
  const upward = near.some((r) => r.loss === null && r.lr > best.lr) ? 0 : SHIFT_DECADES;
  const vertex = Math.min(upward, Math.max(-SHIFT_DECADES, -fit.b / (2 * fit.a)));
  return 10 ** (x0 + vertex);
}

/** Least-squares y = a·x² + b·x + c (normal equations, Cramer's rule); undefined when singular. */
function quadraticFit(points: { x: number; y: number }[]): { a: number; b: number; c: number } | undefined {
  const sum = (f: (p: { x: number; y: number }) => number) => points.reduce((t, p) => t + f(p), 0);
  const [s0, s1, s2, s3, s4] = [0, 1, 2, 3, 4].map((k) => sum((p) => p.x ** k));
  const [t0, t1, t2] = [0, 1, 2].map((k) => sum((p) => p.y * p.x ** k));
  const det3 = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const matrix = [
    [s4, s3, s2],
    [s3, s2, s1],
    [s2, s1, s0],
  ];
  const det = det3(matrix);
  if (Math.abs(det) < 1e-12) return undefined;
  const column = (k: number) => matrix.map((row, i) => row.map((v, j) => (j === k ? [t2, t1, t0][i] : v)));
  return { a: det3(column(0)) / det, b: det3(column(1)) / det, c: det3(column(2)) / det };
}

export interface ShortRun {
  lr: number;
  /** Held-out loss after the run; null when it diverged (NaN/±Inf, or the smoothed training loss above 4× its best). */
  loss: number | null;
}

/**
 * The recommendation: the short run with the lowest held-out loss when there are runs, else the curve's
 * divergence LR / 10. `initialLoss` is the held-out loss of the untrained weights the runs started from.
 */
/**
 * "held-out loss", or what it is when no rows could be held out: a loss on rows the runs trained on says
 * how fast each rate fits them, nothing about generalisation (bench/realworld: 100 random targets went to
 * 0.03 "held-out").
 */
export function scoreWords(rec: { scoredOn?: 'held-out' | 'training' }): string {
  return rec.scoredOn === 'training' ? 'loss on the training rows' : 'held-out loss';
}

const TRAINING_ROWS_NOTE =
  ' Scored on the training rows: the data has too few rows to hold a fifth out beside a batch (or comes as a dataset), so this says how fast each rate fits them, not how well it generalises.';

export function recommend(verdict: CurveVerdict, runs: ShortRun[] | undefined, check?: { steps: number; initialLoss: number; heldOut?: boolean }): LrRecommendation {
  const checked = !!runs?.length && !!check;
  if (verdict.unsupported && (!checked || verdict.top === undefined)) return { confidence: 'none', basis: 'curve', why: `No learning rate: ${verdict.unsupported}.`, flat: verdict.flat };
  const top = verdict.top!;
  const anchor =
    verdict.topBasis === 'divergence'
      ? `the divergence LR ${fmt(top)}`
      : verdict.topBasis === 'earliest-divergence'
        ? `the earliest divergence LR ${fmt(top)} (${verdict.disagreement}; the ladder starts below the rate at which one initialisation already diverged)`
        : verdict.topBasis === 'end' ? `the end of the sweep ${fmt(top)} (a flat curve that never diverged)` : `the LR of the lowest loss ${fmt(top)} (the sweep did not diverge)`;
  if (!runs?.length || !check) {
    return { lr: top / 10, confidence: verdict.flat ? 'low' : 'medium', basis: 'curve', why: `A tenth of ${anchor} (Smith's maximum rate / 10); not checked by a short run.`, flat: verdict.flat };
  }
  const scored = runs.map((r) => ({ ...r, score: r.loss ?? Infinity })).sort((a, b) => a.score - b.score);
  const best = scored[0];
  const checks = runs.map((r) => ({ lr: r.lr, loss: r.loss }));
  const scoredOn = check.heldOut === false ? ('training' as const) : ('held-out' as const);
  const words = scoreWords({ scoredOn });
  const rowsNote = scoredOn === 'training' ? TRAINING_ROWS_NOTE : '';
  if (!Number.isFinite(best.score) || best.score > check.initialLoss * (1 - LEARNED_DROP)) {
    return {
      confidence: 'none',
      basis: 'short-run',
      why: `No learning rate: none of ${runs.length} short runs (${check.steps} steps each, ${fmt(Math.min(...runs.map((r) => r.lr)))} to ${fmt(Math.max(...runs.map((r) => r.lr)))}) lowered the ${words} below ${check.initialLoss.toPrecision(3)}: the model does not learn in ${check.steps} steps at any rate the curve allows.${rowsNote}`,
      checks,
      checkSteps: check.steps,
      initialLoss: check.initialLoss,
      scoredOn,
      flat: verdict.flat,
    };
  }
  const lrs = runs.map((r) => r.lr);
  const atEdge = best.lr === Math.min(...lrs) || best.lr === Math.max(...lrs);
  const tied = scored.length > 1 && scored[1].score <= best.score * (1 + TIE_SHARE);
  const confidence = atEdge ? 'low' : tied ? 'medium' : 'high';
  const edgeNote = atEdge ? ` It is the ${best.lr === Math.min(...lrs) ? 'lowest' : 'highest'} rate tried: the best may lie beyond it.` : '';
  const tieNote = tied && !atEdge ? ` ${fmt(scored[1].lr)} did almost as well (${scored[1].score.toPrecision(3)}).` : '';
  const lr = fittedBest(runs, best);
  const fitNote = fmt(lr) !== fmt(best.lr) ? ` A parabola in log LR through the runs within half a decade of it is lowest at ${fmt(lr)}, the rate recommended (one run's loss also depends on its initial weights).` : '';
  return {
    lr,
    confidence,
    basis: 'short-run',
    why: `Checked by a short run: ${runs.length} rates from a third to a three-hundredth of ${anchor}, ${check.steps} steps each from the same initial weights; ${fmt(best.lr)} reached the lowest ${words} ${best.score.toPrecision(3)} (untrained ${check.initialLoss.toPrecision(3)}).${fitNote}${tieNote}${edgeNote}${rowsNote}`,
    checks,
    checkSteps: check.steps,
    initialLoss: check.initialLoss,
    scoredOn,
    flat: verdict.flat,
  };
}

function fmt(lr: number): string {
  return lr.toExponential(1);
}

/** Short runs never shorter or longer than this when they follow the script's own training length. */
export const CHECK_STEPS_RANGE = { min: 50, max: 500 };

/**
 * Steps of each short run: the request's, else the script's own training length (epochs × batches, as
 * fit() was called) within CHECK_STEPS_RANGE — a short run much shorter than the real training favours
 * rates that learn fast early over rates that end lower (bench/lrRegret: spirals at 200 of its 512 steps
 * chose twice the best rate) — else `fallback`.
 */
export function checkStepsFor(requested: number | undefined, trainingSteps: number | undefined, fallback: number): number {
  if (requested !== undefined) return requested;
  if (trainingSteps === undefined) return fallback;
  return Math.min(CHECK_STEPS_RANGE.max, Math.max(CHECK_STEPS_RANGE.min, trainingSteps));
}

/** What to run next: the rest of the ladder, then the refinements around its winner, then nothing. */
export function pendingRates(rungs: number[], done: ShortRun[], range: { startLr: number; endLr: number }): number[] {
  const tried = new Set(done.map((r) => r.lr));
  const rest = rungs.filter((lr) => !tried.has(lr));
  if (rest.length) return rest;
  const scored = done.filter((r) => rungs.includes(r.lr) && r.loss !== null).sort((a, b) => a.loss! - b.loss!);
  if (!scored.length) return [];
  return refinements(scored[0].lr).filter((lr) => !tried.has(lr) && lr >= range.startLr && lr <= range.endLr);
}

/** The model's own rate beside the recommendation, on the same short-run footing (CLI, panel, exports). */
export function ownRateSentence(own: { lr: number; loss: number | null }, rec: { checkSteps?: number; initialLoss?: number; scoredOn?: 'held-out' | 'training' }): string {
  const reached = own.loss === null ? 'diverged' : `${scoreWords(rec)} ${formatNumber(own.loss)}`;
  const untrained = rec.initialLoss !== undefined ? ` (untrained ${formatNumber(rec.initialLoss)})` : '';
  return `the model's own rate ${formatLearningRate(own.lr)}: ${reached} after the same ${rec.checkSteps ?? '?'} steps${untrained}`;
}
