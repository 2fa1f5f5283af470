// Compare two runs of the same model file (before/after an edit such as a quick fix): per layer the
// typical ‖g‖ of each run side by side with their ratio and verdicts, and the loss of each. Used by
// `gradient-lens compare A B` and the panel's Compare view.
import type { FindingCode } from './protocol';
import type { RunFile } from './runFile';
import type { TimelinePoint } from './timeline';

export interface LayerComparison {
  name: string;
  className?: string;
  /** Line of the layer in the model file (run B's when both have it: the file as it is now). */
  line?: number;
  /** Median ‖g‖ over the run's recorded steps (undefined: the layer is not in that run or has no gradient). */
  gradNormA?: number;
  gradNormB?: number;
  /** gradNormB / gradNormA (> 1: the gradient grew in run B). */
  ratio?: number;
  /** Finding codes naming the layer in each run, or "ok". */
  verdictA: string;
  verdictB: string;
}

export interface LossSummary {
  first: number;
  last: number;
  min: number;
  steps: number;
}

export interface RunComparison {
  fileA: string;
  fileB: string;
  /** False when the runs cannot be compared; `problem` says why and what to do. */
  comparable: boolean;
  problem?: string;
  /** The model file's text differs between the runs (the usual before/after). */
  fileChanged: boolean;
  layers: LayerComparison[];
  lossA?: LossSummary;
  lossB?: LossSummary;
  /** Steps each run recorded, and whether it was stopped before its end. */
  partialA: boolean;
  partialB: boolean;
}

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median over the recorded points of a layer's ‖g‖ (finite values; a run that went NaN keeps its finite part). */
function typicalGradNorm(timeline: TimelinePoint[], name: string): number | undefined {
  const values: number[] = [];
  for (const point of timeline) {
    const layer = point.layers.find((l) => l.name === name);
    if (layer && Number.isFinite(layer.gradNorm)) values.push(layer.gradNorm);
  }
  return median(values);
}

function lossSummary(run: RunFile): LossSummary | undefined {
  const losses = run.timeline.map((p) => p.loss);
  if (!losses.length) return undefined;
  const finite = run.timeline.flatMap((p) => [p.lossMin ?? p.loss, p.loss]).filter(Number.isFinite);
  return { first: losses[0], last: losses[losses.length - 1], min: finite.length ? Math.min(...finite) : NaN, steps: run.steps };
}

function verdicts(run: RunFile, name: string): string {
  const codes = new Set<FindingCode>();
  for (const f of run.findings) {
    if (f.severity === 'info') continue;
    if (f.layer === name || f.related?.some((r) => r.layer === name)) codes.add(f.code);
  }
  return codes.size ? [...codes].join(', ') : 'ok';
}

const trainable = (run: RunFile) => run.header.layers.filter((l) => l.weights.some((w) => w.trainable));

export function compareRuns(a: RunFile, b: RunFile): RunComparison {
  const base = {
    fileA: a.header.file,
    fileB: b.header.file,
    fileChanged: a.header.fileSha256 !== b.header.fileSha256,
    partialA: a.partial,
    partialB: b.partial,
    lossA: lossSummary(a),
    lossB: lossSummary(b),
  };
  if (a.header.file !== b.header.file) {
    return {
      ...base,
      comparable: false,
      layers: [],
      problem: `The runs are of different model files (A: ${a.header.file}, B: ${b.header.file}). Compare two runs of the same file, e.g. before and after an edit.`,
    };
  }
  const namesA = trainable(a).map((l) => l.name);
  const namesB = trainable(b).map((l) => l.name);
  if (!namesA.some((n) => namesB.includes(n))) {
    return {
      ...base,
      comparable: false,
      layers: [],
      problem: `The runs share no layer name (A: ${namesA.join(', ') || 'none'}; B: ${namesB.join(', ') || 'none'}): the model was rebuilt differently between them, so layer-by-layer gradients cannot be matched.`,
    };
  }
  const infoA = new Map(a.header.layers.map((l) => [l.name, l]));
  const infoB = new Map(b.header.layers.map((l) => [l.name, l]));
  // Run B's order (the file as it is now), then layers only run A had.
  const names = [...namesB, ...namesA.filter((n) => !namesB.includes(n))];
  const layers = names.map((name): LayerComparison => {
    const gradNormA = infoA.has(name) ? typicalGradNorm(a.timeline, name) : undefined;
    const gradNormB = infoB.has(name) ? typicalGradNorm(b.timeline, name) : undefined;
    const info = infoB.get(name) ?? infoA.get(name);
    return {
      name,
      className: info?.className,
      line: info?.location?.line,
      gradNormA,
      gradNormB,
      ratio: gradNormA !== undefined && gradNormB !== undefined && gradNormA > 0 ? gradNormB / gradNormA : undefined,
      verdictA: infoA.has(name) ? verdicts(a, name) : 'not in run A',
      verdictB: infoB.has(name) ? verdicts(b, name) : 'not in run B',
    };
  });
  return { ...base, comparable: true, layers };
}
