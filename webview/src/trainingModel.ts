// What the Training and Compare tabs show, as plain data rebuilt from messages (panelTraining.ts), bounded so a
// long live run cannot grow the page without limit, and the chart columns grown step by step.
import type { PanelCompare, TrainingFinding, TrainingRun, TrainingStep, TrainingValidation } from '../../src/core/panelTraining';
import type { ToWebviewMessage } from '../../src/core/panelProtocol';
import { positiveOrNull } from './values';

export type TrainingSample = Omit<Extract<ToWebviewMessage, { type: 'trainingSample' }>, 'type'>;
export type TrainingEpoch = Omit<Extract<ToWebviewMessage, { type: 'trainingEpoch' }>, 'type'>;
export type TrainingEnd = Omit<Extract<ToWebviewMessage, { type: 'trainingEnded' }>, 'type'>;

export interface TrainingData {
  run?: TrainingRun;
  steps: TrainingStep[];
  samples: TrainingSample[];
  epochs: TrainingEpoch[];
  findings: TrainingFinding[];
  /** Validation losses (fit()'s val_loss, the script's own evaluate()), in arrival order. */
  validation: TrainingValidation[];
  ended?: TrainingEnd;
  compare?: PanelCompare;
}

export const emptyTraining = (): TrainingData => ({ steps: [], samples: [], epochs: [], findings: [], validation: [] });

/**
 * The page keeps at most this many steps and histogram samples: the host already sends a downsampled timeline
 * when a run is replayed, but a live run appends every step it measures. Past the cap every other point is
 * dropped (the first and last stay, and so do steps that carry a finding), which halves the resolution once
 * per doubling of the run.
 */
export const MAX_STEPS = 4000;
export const MAX_SAMPLES = 400;
/** Validation readings kept (a trainOnBatch loop may evaluate every few steps); thinned like the steps past it. */
export const MAX_VALIDATION = 4000;

/** Halves `items` keeping the first, the last and those `keep` asks for. */
export function thin<T>(items: T[], keep: (item: T) => boolean = () => false): T[] {
  return items.filter((item, i) => i % 2 === 0 || i === items.length - 1 || keep(item));
}

/**
 * The Training charts' aligned columns: x = step, the loss, then one ‖g‖ column per layer of the run. Appending
 * steps in order grows the arrays in place (uPlot's setData then draws without re-creating the plot).
 */
export class TrainingColumns {
  steps: number[] = [];
  loss: (number | null)[] = [];
  norms: (number | null)[][] = [];

  constructor(readonly layerCount: number) {
    this.norms = Array.from({ length: layerCount }, () => []);
  }

  /** Appends `step`; false when it is not after the last one (the caller rebuilds from all steps). */
  append(step: TrainingStep): boolean {
    const last = this.steps.length ? this.steps[this.steps.length - 1] : -Infinity;
    if (!(step.step > last)) return false;
    this.steps.push(step.step);
    this.loss.push(positiveOrNull(step.loss));
    for (let i = 0; i < this.layerCount; i++) this.norms[i].push(positiveOrNull(step.norms[i]));
    return true;
  }

  static from(steps: readonly TrainingStep[], layerCount: number): TrainingColumns {
    const columns = new TrainingColumns(layerCount);
    const sorted = [...steps].sort((a, b) => a.step - b.step);
    for (const step of sorted) columns.append(step);
    return columns;
  }
}

/** Layers whose non-info findings give them a verdict, by name. */
export function verdictsByLayer(findings: readonly TrainingFinding[]): Map<string, TrainingFinding['code'][]> {
  const byLayer = new Map<string, TrainingFinding['code'][]>();
  for (const f of findings) {
    if (!f.layer || f.severity === 'info') continue;
    const codes = byLayer.get(f.layer) ?? [];
    if (!codes.includes(f.code)) codes.push(f.code);
    byLayer.set(f.layer, codes);
  }
  return byLayer;
}

/** The epoch boundaries to mark: the step at which each epoch after the first began. */
export function epochMarks(epochs: readonly TrainingEpoch[]): { epoch: number; step: number }[] {
  return epochs.map((e) => ({ epoch: e.epoch, step: e.step })).sort((a, b) => a.step - b.step);
}

/** One validation series of the loss chart: its readings' common origin and label, in first-seen order. */
export interface ValidationSeries {
  series: string;
  label: string;
  origin: TrainingValidation['origin'];
  count: number;
  last: TrainingValidation;
}

/** The validation series in the order they first appear (the chart's series order and the legend's). */
export function validationSeries(readings: readonly TrainingValidation[]): ValidationSeries[] {
  const bySeries = new Map<string, ValidationSeries>();
  for (const r of readings) {
    const s = bySeries.get(r.series);
    if (s) {
      s.count++;
      if (r.step >= s.last.step) s.last = r;
    } else bySeries.set(r.series, { series: r.series, label: r.label, origin: r.origin, count: 1, last: r });
  }
  return [...bySeries.values()];
}

/**
 * The loss chart's aligned data: x = every training step and every validation reading's step (a replayed run's
 * timeline is downsampled, so a reading's step may be no step of it), the training loss, then one column per
 * validation series. Where a column has no reading it holds `undefined`, which uPlot joins over (one line through
 * a series' readings, the training loss unbroken at a reading's step); `null` stays what it was, a gap (a NaN
 * loss). Two readings of one series at one step (only in a thinned replay) keep the later.
 */
export function lossChartData(columns: TrainingColumns, readings: readonly TrainingValidation[], series: readonly ValidationSeries[]): (number | null | undefined)[][] {
  if (!series.length) return [columns.steps, columns.loss];
  const xs = [...new Set([...columns.steps, ...readings.map((r) => r.step)])].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const loss: (number | null | undefined)[] = new Array(xs.length).fill(undefined);
  columns.steps.forEach((step, i) => (loss[at.get(step)!] = columns.loss[i]));
  const index = new Map(series.map((s, i) => [s.series, i]));
  const val = series.map(() => new Array<number | null | undefined>(xs.length).fill(undefined));
  for (const r of readings) {
    const column = val[index.get(r.series) ?? -1];
    if (column) column[at.get(r.step)!] = positiveOrNull(r.loss);
  }
  return [xs, loss, ...val];
}
