// Folds a watched run's event stream into one WatchReport: the CLI's `watch --json` document and the
// extension's live results hold this shape. The timeline is bounded (core/timeline.ts); findings, epochs
// and layers are kept whole, samples thinned to WATCH_DEFAULTS.maxSamples.
import type { RunnerMessage } from './protocol';
import type { WatchEpoch, WatchSample, WatchValidation } from './watchProtocol';
import { applyRunMessage, flattenFinding, layerBaseFromInfo, type LayerReportBase, type ReportFinding, type RunReportBase } from './report';
import { pushThinned, Timeline, type TimelinePoint } from './timeline';
import { WATCH_DEFAULTS } from './defaults';
import { unhandled } from './exhaustive';

export type WatchReportLayer = LayerReportBase;

export interface WatchReport extends RunReportBase {
  mode: 'watch';
  layers: WatchReportLayer[];
  /** Bounded: see core/timeline.ts (recent steps exact, older ones merged with their extremes). */
  timeline: TimelinePoint[];
  /** Optimizer steps recorded, and the last one's number. */
  stepCount: number;
  lastStep?: number;
  epochs: WatchEpoch[];
  /** The script's own model.evaluate()/evaluateDataset() on held-out rows, in order (fit()'s val_loss is in epochs[]). Thinned past maxTimelinePoints (every other one dropped). */
  validation: WatchValidation[];
  samples: WatchSample[];
  /** Each with the step its condition began. */
  findings: ReportFinding[];
  /** Stopped (Stop, timeout, crash) after recording steps: what it holds is what was measured until then. */
  partial: boolean;
  /** The run file written as the run went, when there is one. */
  runFile?: string;
}

export interface WatchState {
  report: WatchReport;
  timeline: Timeline;
}

export function emptyWatchState(file: string, maxTimelinePoints = WATCH_DEFAULTS.maxTimelinePoints): WatchState {
  return {
    report: { file, mode: 'watch', status: 'running', layers: [], timeline: [], stepCount: 0, epochs: [], validation: [], samples: [], findings: [], partial: false },
    timeline: new Timeline(maxTimelinePoints),
  };
}

export function applyWatchMessage(state: WatchState, message: RunnerMessage): WatchReport {
  const report = state.report;
  if (message.type === 'error' && report.status === 'running' && report.stepCount > 0) report.partial = true;
  applyRunMessage(report, message);
  switch (message.type) {
    case 'model':
      report.layers = message.layers.map(layerBaseFromInfo);
      break;
    case 'watchSteps': {
      const byName = new Map(report.layers.map((l) => [l.name, l]));
      for (const step of message.steps) {
        state.timeline.add(step);
        report.stepCount++;
        report.lastStep = step.step;
      }
      const last = message.steps[message.steps.length - 1];
      for (const l of last?.layers ?? []) {
        const layer = byName.get(l.name);
        if (!layer) continue;
        layer.gradNorm = l.gradNorm;
        if (l.deadShare !== undefined) layer.deadShare = l.deadShare;
      }
      report.timeline = state.timeline.points();
      break;
    }
    case 'watchSample': {
      const { type: _type, ...sample } = message;
      pushThinned(report.samples, sample, WATCH_DEFAULTS.maxSamples);
      break;
    }
    case 'watchEpoch': {
      const { type: _type, ...epoch } = message;
      report.epochs.push(epoch);
      break;
    }
    case 'watchValidation': {
      const { type: _type, ...reading } = message;
      pushThinned(report.validation, reading, WATCH_DEFAULTS.maxTimelinePoints);
      break;
    }
    case 'finding': {
      const finding = flattenFinding(message.finding);
      report.findings.push(finding);
      if (finding.step !== undefined) {
        state.timeline.pin(finding.step);
        report.timeline = state.timeline.points();
      }
      // Info findings (a condition that resolved) give no verdict, as in a profile.
      if (finding.severity === 'info') break;
      const named = [finding.layer, ...(finding.related ?? []).map((r) => r.layer)];
      for (const layer of report.layers) if (named.includes(layer.name) && !layer.verdicts.includes(finding.code)) layer.verdicts.push(finding.code);
      break;
    }
    case 'hello':
    case 'phase':
    case 'step':
    case 'log':
    case 'error':
    case 'done':
    case 'probe':
    case 'overfit':
    case 'probeStop':
    case 'gradcheckLayer':
    case 'lrPoint':
    case 'lrRepeatDone':
    case 'lrResult':
      break; // applyRunMessage's, or not part of a watched run
    default:
      unhandled(message);
  }
  return report;
}
