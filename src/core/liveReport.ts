// A watched run (core/watchReport.ts) in the shape the editor's views render (core/report.ts ProfileReport):
// decorations, hovers, diagnostics, CodeLens and the status bar all read the one results store, and a watch
// stores this view of its report while training runs. Each layer's ‖g‖ is the latest recorded step's; its
// per-step trend is the last TREND_POINTS points of the bounded timeline.
import type { LayerInfo, WeightStats } from './protocol';
import type { ProfileReport, ReportLayer } from './report';
import type { WatchReport } from './watchReport';

/** Points of the ‖g‖ trend a hover's sparkline shows (the panel's Training tab has the whole run). */
export const TREND_POINTS = 30;

/**
 * `model`: the runner's layer list with their weights (the watch report keeps layers without weights); a layer
 * with trainable weights gets them so the views decorate it, without per-weight statistics (a watch measures
 * a layer's ‖g‖ at every step, not each weight's).
 */
export function profileReportOfWatch(watch: WatchReport, model: readonly LayerInfo[]): ProfileReport {
  const weights = new Map(model.map((l) => [l.name, l.weights.filter((w) => w.trainable)]));
  const trend = watch.timeline.slice(-TREND_POINTS);
  const layers: ReportLayer[] = watch.layers.map((l) => ({
    name: l.name,
    className: l.className,
    activation: l.activation,
    parent: l.parent,
    file: l.file,
    line: l.line,
    column: l.column,
    gradNorm: l.gradNorm,
    verdicts: [...l.verdicts],
    deadShare: l.deadShare,
    weights: (weights.get(l.name) ?? []).map((w) => ({ name: w.name, shape: w.shape, gradNorm: NaN, stats: undefined as unknown as WeightStats, steps: [] })),
    steps: trend.flatMap((p) => {
      const at = p.layers.find((x) => x.name === l.name);
      return at ? [{ step: p.step, gradNorm: at.gradNorm }] : [];
    }),
  }));
  const { mode: _mode, timeline: _timeline, stepCount: _count, lastStep: _last, epochs: _epochs, samples: _samples, runFile: _runFile, layers: _layers, ...base } = watch;
  return { ...base, layers, steps: trend.map((p) => ({ step: p.step, loss: p.loss })), findings: watch.findings.map((f) => ({ ...f })) };
}
