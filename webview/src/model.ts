// What the panel shows, as plain data: rebuilt from messages, saved with setState, restored after a reload.
import { parseWithNonFinite, stringifyWithNonFinite, type LrRequest, type LrResult } from '../../src/core/protocol';
import type { PanelReport, PanelTab, ToWebviewMessage } from '../../src/core/panelProtocol';
import { HISTOGRAM_BINS, HISTOGRAM_MAX_LOG10, HISTOGRAM_MIN_LOG10 } from '../../src/core/stats';
import type { TrainingHistogram } from '../../src/core/panelTraining';
import { emptyTraining, type TrainingData } from './trainingModel';

export type LrPoint = Omit<Extract<ToWebviewMessage, { type: 'lrPoint' }>, 'type'>;
export type LrRepeatDone = Omit<Extract<ToWebviewMessage, { type: 'lrRepeatDone' }>, 'type'>;

export interface LrData {
  request?: LrRequest;
  points: LrPoint[];
  repeatsDone: LrRepeatDone[];
  result?: LrResult;
  error?: string;
}

export interface PanelData {
  file: string;
  title: string;
  tab: PanelTab;
  status?: { running: boolean; message: string };
  lr: LrData;
  report?: PanelReport;
  /** The Training tab's run and the Compare tab's comparison. */
  training: TrainingData;
}

export const emptyLr = (): LrData => ({ points: [], repeatsDone: [] });

export const emptyData = (): PanelData => ({ file: '', title: 'Gradient Lens', tab: 'lr', lr: emptyLr(), training: emptyTraining() });

/** Training steps are stored as tuples too: [step, epoch, loss, ...‖g‖ per layer]. */
type StepTuple = number[];

/** Points are stored as tuples: a 10,000-point sweep stays a few hundred KB of state. */
type PointTuple = [repeat: number, step: number, lr: number, loss: number, smoothed: number];

/** A report is immutable once received and can be megabytes: it is serialized once, not on every save. */
const reportJson = new WeakMap<PanelReport, string>();

export function serializeData(data: PanelData): string {
  const { lr, report, training, ...rest } = data;
  const points: PointTuple[] = lr.points.map((p) => [p.repeat, p.step, p.lr, p.loss, p.smoothed]);
  const steps: StepTuple[] = training.steps.map((s) => [s.step, s.epoch, s.loss, ...s.norms]);
  const head = stringifyWithNonFinite({ ...rest, lr: { ...lr, points }, training: { ...training, steps } });
  if (!report) return head;
  let text = reportJson.get(report);
  if (text === undefined) reportJson.set(report, (text = stringifyWithNonFinite(report)));
  return `${head.slice(0, -1)},"report":${text}}`;
}

/** Our own earlier output; anything unreadable yields undefined (the panel starts empty). */
export function deserializeData(text: string): PanelData | undefined {
  try {
    const raw = parseWithNonFinite(text) as Omit<PanelData, 'lr' | 'training'> & {
      lr: Omit<LrData, 'points'> & { points: PointTuple[] };
      training?: Omit<TrainingData, 'steps'> & { steps: StepTuple[] };
    };
    if (!raw || typeof raw !== 'object' || !raw.lr || !Array.isArray(raw.lr.points)) return undefined;
    const points = raw.lr.points.map(([repeat, step, lr, loss, smoothed]) => ({ repeat, step, lr, loss, smoothed }));
    // State saved before the Training tab existed has no training part.
    // State saved before validation readings existed has no `validation`: emptyTraining's defaults fill it.
    const training = raw.training && Array.isArray(raw.training.steps) ? { ...emptyTraining(), ...raw.training, steps: raw.training.steps.map(([step, epoch, loss, ...norms]) => ({ step, epoch, loss, norms })) } : emptyTraining();
    return { ...raw, lr: { ...raw.lr, points }, training };
  } catch {
    return undefined;
  }
}

/**
 * The LR chart's aligned columns, grown point by point: one shared x (the learning rates, ascending; every
 * repeat sweeps the same schedule), raw loss and smoothed loss per repeat, then median, band low, band high.
 */
export class LrColumns {
  readonly xs: number[] = [];
  readonly raw: (number | null)[][] = [];
  readonly smoothed: (number | null)[][] = [];
  readonly median: (number | null)[] = [];
  readonly low: (number | null)[] = [];
  readonly high: (number | null)[] = [];
  private readonly index = new Map<number, number>();

  constructor(public repeats: number) {
    for (let r = 0; r < repeats; r++) this.addRepeat();
  }

  /** Adds one point; returns false when it needed a repeat beyond the known count (series layout changed). */
  addPoint(point: LrPoint): boolean {
    if (!validLr(point.lr) || !Number.isInteger(point.repeat) || point.repeat < 0 || point.repeat > MAX_REPEATS) return true;
    let layoutChanged = false;
    while (point.repeat >= this.repeats) {
      this.addRepeat();
      layoutChanged = true;
    }
    const i = this.slot(point.lr);
    this.raw[point.repeat][i] = finite(point.loss);
    this.smoothed[point.repeat][i] = finite(point.smoothed);
    return !layoutChanged;
  }

  setResult(result: LrResult): void {
    for (const p of result.median) if (validLr(p.lr)) this.median[this.slot(p.lr)] = finite(p.loss);
    for (const b of result.band) {
      if (!validLr(b.lr)) continue;
      const i = this.slot(b.lr);
      this.low[i] = finite(b.low);
      this.high[i] = finite(b.high);
    }
  }

  columns(): (number | null)[][] {
    return [this.xs, ...this.raw, ...this.smoothed, this.median, this.low, this.high];
  }

  /** Largest loss worth showing: the sweep's end diverges by orders of magnitude and would flatten the rest. */
  lossCap(): number | undefined {
    const starts = this.smoothed.map((s) => s.find((v) => v != null)).filter((v): v is number => v != null);
    return starts.length ? 3 * Math.max(...starts) : undefined;
  }

  private addRepeat(): void {
    this.raw.push(new Array(this.xs.length).fill(null));
    this.smoothed.push(new Array(this.xs.length).fill(null));
    this.repeats = this.raw.length;
  }

  private all(): (number | null)[][] {
    return [...this.raw, ...this.smoothed, this.median, this.low, this.high];
  }

  private slot(lr: number): number {
    const known = this.index.get(lr);
    if (known !== undefined) return known;
    const last = this.xs.length ? this.xs[this.xs.length - 1] : -Infinity;
    if (lr > last) {
      this.xs.push(lr);
      for (const column of this.all()) column.push(null);
      this.index.set(lr, this.xs.length - 1);
      return this.xs.length - 1;
    }
    // Out of order (not produced by a monotonic schedule): insert and re-index.
    let at = this.xs.findIndex((x) => x > lr);
    if (at < 0) at = this.xs.length;
    this.xs.splice(at, 0, lr);
    for (const column of this.all()) column.splice(at, 0, null);
    this.index.clear();
    this.xs.forEach((x, i) => this.index.set(x, i));
    return at;
  }
}

/** LrRequest allows at most 50 repeats; a larger index is a malformed message, not a reason to allocate. */
const MAX_REPEATS = 50;
const validLr = (lr: number) => Number.isFinite(lr) && lr > 0;
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

const BIN_WIDTH = (HISTOGRAM_MAX_LOG10 - HISTOGRAM_MIN_LOG10) / HISTOGRAM_BINS;

/** The 64 log10|g| bin edges of the profile's histograms (core/stats.ts). */
const LOG10_EDGES = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => HISTOGRAM_MIN_LOG10 + i * BIN_WIDTH);

/** The log10|g| value below which a share q of a profile histogram's counts lie (linear within a bin). */
export function histogramPercentile(bins: readonly number[], q: number): number | null {
  return percentileOf({ edges: LOG10_EDGES, counts: bins as number[] }, q);
}

/**
 * The value below which a share q of the histogram's counts lie, linear within a bin (edges ascending,
 * counts.length + 1 of them); null for an empty histogram.
 */
export function percentileOf(histogram: Pick<TrainingHistogram, 'edges' | 'counts'>, q: number): number | null {
  const { edges, counts } = histogram;
  if (edges.length !== counts.length + 1) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  if (q <= 0) return edges[counts.findIndex((c) => c > 0)];
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] <= 0) continue;
    if (cumulative + counts[i] >= target) return edges[i] + ((target - cumulative) / counts[i]) * (edges[i + 1] - edges[i]);
    cumulative += counts[i];
  }
  return edges[edges.length - 1];
}
