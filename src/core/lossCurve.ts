// A watched run's whole loss curve in bounded memory, for the loss-curve rules (core/lossCurveRules.ts) at the
// end of the run. Each step's loss is on a different batch, so the curve the rules read is the means over
// STUCK_STEPS + 1 equal windows of the run's steps (a profile reads 20 steps after step 0; a run reads 20
// windows after the first), and the sampling noise of a window mean is measured and handed to the rules: the
// standard error σ/√w of a mean of w draws, with σ from successive differences of the per-step losses (von
// Neumann et al., "The mean square successive difference", Ann. Math. Statist. 12, 1941: E[(xᵢ₊₁ − xᵢ)²] = 2σ²
// for independent draws, and a smooth trend adds only its tiny per-step change squared).
// When every epoch trains on the same batches in the same order (fit() without shuffling), the batches' losses are
// not independent draws but a pattern that repeats every epoch: windows that cut the epochs at different places
// hold different mixes of easy and hard batches, and their means move with the pattern, not the training (a slow,
// steady run cut at 70 of its 100 steps read as oscillating). Every window of exactly one epoch's steps, wherever it
// starts, holds each batch once: such windows (a moving average whose span is the period removes a periodic
// component — classical decomposition, Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §3.4)
// are the curve's points then.
import { STUCK_STEPS, type CurveWords, type LossCurve } from './lossCurveRules';
import { formatNumber as fmt } from './format';

/** Buckets kept before neighbours merge (each bucket then covers twice the steps): ~16 KB however long the run. */
const BUCKETS = 1024;

export class RunLossCurve {
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];
  /** Steps per full bucket. */
  private width = 1;
  private steps = 0;
  private lastStep = 0;
  private previous: number | undefined;
  private squaredDifferences = 0;
  /** The first epoch's number and, once the next began, its length in steps (the period of a repeating batch order). */
  private firstEpoch: number | undefined;
  private epochSteps: number | undefined;
  /** A NaN/Inf loss: nothing after it is evidence, and the curve is not judged (the non-finite finding tells). */
  private broken = false;

  add(step: number, loss: number, epoch?: number): void {
    if (this.broken) return;
    if (!Number.isFinite(loss)) {
      this.broken = true;
      return;
    }
    if (epoch !== undefined) {
      this.firstEpoch ??= epoch;
      if (epoch !== this.firstEpoch) this.epochSteps ??= this.steps;
    }
    if (this.previous !== undefined) this.squaredDifferences += (loss - this.previous) ** 2;
    this.previous = loss;
    this.steps++;
    this.lastStep = step;
    const last = this.counts.length - 1;
    if (last >= 0 && this.counts[last] < this.width) {
      this.sums[last] += loss;
      this.counts[last]++;
      return;
    }
    this.sums.push(loss);
    this.counts.push(1);
    if (this.counts.length > BUCKETS) this.halve();
  }

  private halve(): void {
    for (let i = 0; i < this.counts.length; i += 2) {
      const j = i / 2;
      this.sums[j] = this.sums[i] + (this.sums[i + 1] ?? 0);
      this.counts[j] = this.counts[i] + (this.counts[i + 1] ?? 0);
    }
    this.sums.length = this.counts.length = Math.ceil(this.counts.length / 2);
    this.width *= 2;
  }

  /**
   * The curve the rules read, with the script's planned steps when known; undefined after a NaN/Inf or under 5
   * steps. `sameBatch`: every step trained on the same examples without dropout/noise (a full-batch fit()), so
   * the curve has no sampling noise and differences between steps are the optimizer's alone.
   */
  curve(plannedSteps: number | undefined, sameBatch: boolean, orderRepeats = false): LossCurve | undefined {
    const m = this.steps;
    if (this.broken || m < 5) return undefined;
    const period = this.epochSteps;
    if (orderRepeats && !sameBatch && period !== undefined && period > 1 && m > period) return this.epochCurve(plannedSteps, period);
    const points = Math.min(m, STUCK_STEPS + 1);
    const sums = new Array<number>(points).fill(0);
    const counts = new Array<number>(points).fill(0);
    // Each bucket goes to the window that holds its middle step (exact while a bucket is one step: runs up to 1,024 steps).
    let start = 0;
    this.counts.forEach((count, i) => {
      const window = Math.min(points - 1, Math.floor(((start + (count - 1) / 2) * points) / m));
      sums[window] += this.sums[i];
      counts[window] += count;
      start += count;
    });
    const losses = sums.map((s, i) => s / counts[i]);
    const stepsPerPoint = m / points;
    const noise = sameBatch ? 0 : this.sigma() / Math.sqrt(stepsPerPoint);
    const planned = plannedSteps && plannedSteps > 0 ? plannedSteps : undefined;
    return { losses, lastStep: this.lastStep, noise, plannedSteps: planned, plannedPoints: planned && planned / stepsPerPoint, words: runWords(m, points, noise) };
  }

  /** σ of one step's loss about the trend (von Neumann's successive differences): the batches' sampling noise. */
  private sigma(): number {
    return this.steps > 1 ? Math.sqrt(this.squaredDifferences / (2 * (this.steps - 1))) : 0;
  }

  /**
   * A repeating batch order's curve: up to STUCK_STEPS + 1 windows of whole epochs' worth of steps (`period` each, or
   * a multiple when the run holds more than 21 epochs), spread from the first step to the last — disjoint when the run
   * is long enough, overlapping when it holds fewer than 21 epochs (each still holds every batch once, so only the
   * training moves their means). A loss that rises and falls within an epoch cannot be told from the batches' own
   * differences then: an oscillation shows only across epochs. Such windows hold the same examples each (the runner
   * says the order repeats only for models without dropout/noise), so, as on a fixed batch, they carry no sampling
   * noise: differences between them are the optimizer's alone.
   */
  private epochCurve(plannedSteps: number | undefined, period: number): LossCurve {
    const m = this.steps;
    const width = period * Math.max(1, Math.floor(m / ((STUCK_STEPS + 1) * period)));
    const points = Math.min(STUCK_STEPS + 1, m - width + 1);
    const losses = Array.from({ length: points }, (_, i) => {
      const start = points > 1 ? Math.round((i * (m - width)) / (points - 1)) : 0;
      return (this.prefixSum(start + width) - this.prefixSum(start)) / width;
    });
    const noise = 0;
    const planned = plannedSteps && plannedSteps > 0 ? plannedSteps : undefined;
    const spacing = points > 1 ? (m - width) / (points - 1) : width;
    return { losses, lastStep: this.lastStep, noise, plannedSteps: planned, plannedPoints: planned && (planned - width) / spacing + 1, words: epochWords(m, points, width, period) };
  }

  /** Σ of the first k steps' losses: exact while buckets are single steps, else a partial bucket counts pro rata. */
  private prefixSum(k: number): number {
    let sum = 0;
    let start = 0;
    for (let i = 0; i < this.counts.length && start < k; i++) {
      const take = Math.min(this.counts[i], k - start);
      sum += (this.sums[i] * take) / this.counts[i];
      start += this.counts[i];
    }
    return sum;
  }
}

/** A repeating batch order's curve, in the words of the findings. */
function epochWords(steps: number, points: number, width: number, period: number): CurveWords {
  const epochs = width / period;
  const span =
    `over the whole run: ${steps.toLocaleString('en-US')} steps, as the means of ${points} windows of ${width} steps (${epochs === 1 ? 'one epoch' : `${epochs} epochs`} each: ` +
    `fit() repeats the same batches in the same order every ${period} steps, so windows differ by training alone)`;
  return {
    over: () => span,
    overShort: () => span,
    unit: 'window',
    where: 'over the run (means of whole epochs)',
    overshoot: 'On the same batches in every window this is the optimizer overshooting',
    slowStartNext: 'Let the planned training run on',
  };
}

/** A watched run's curve: the whole run, as means of equal windows of steps when it is longer than 21 steps. */
function runWords(steps: number, points: number, noise: number): CurveWords {
  const windows = steps > points;
  const noted = noise > 0 ? `; sampling noise ±${fmt(noise)} per ${windows ? 'window' : 'step'}` : '; the same batch every step';
  const span = windows
    ? `over the whole run: ${steps.toLocaleString('en-US')} steps, as the means of ${points} windows of ~${fmt(steps / points)} steps${noted}`
    : `over the whole run: ${steps} steps${noted}`;
  return {
    over: () => span,
    overShort: () => span,
    unit: windows ? 'window' : 'step',
    where: windows ? 'over the run (window means)' : 'over the run',
    overshoot: noise > 0 ? "Well beyond the batches' sampling noise, this is the optimizer overshooting" : 'On the same batch this is the optimizer overshooting',
    slowStartNext: 'Let the planned training run on',
  };
}
