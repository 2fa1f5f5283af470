// What the Training and Compare tabs show, as plain data rebuilt from messages (panelTraining.ts), bounded so a
// long live run cannot grow the page without limit, and the chart columns grown step by step.
import type { PanelCompare, TrainingFinding, TrainingRun, TrainingStep } from '../../src/core/panelTraining';
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
  ended?: TrainingEnd;
  compare?: PanelCompare;
}

export const emptyTraining = (): TrainingData => ({ steps: [], samples: [], epochs: [], findings: [] });

/**
 * The page keeps at most this many steps and histogram samples: the host already sends a downsampled timeline
 * when a run is replayed, but a live run appends every step it measures. Past the cap every other point is
 * dropped (the first and last stay, and so do steps that carry a finding), which halves the resolution once
 * per doubling of the run.
 */
export const MAX_STEPS = 4000;
export const MAX_SAMPLES = 400;

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
