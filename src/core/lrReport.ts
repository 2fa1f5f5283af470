// Folds the runner's event stream of an LR range test into one LrReport: what the extension keeps per
// file and, flattened by lrJsonDocument, the CLI's `gradient-lens lr --json` document.
import type { LrResult, RunnerMessage, SourceLocation } from './protocol';
import { applyRunMessage, type RunReportBase } from './report';
import { unhandled } from './exhaustive';

export interface LrReportPoint {
  step: number;
  lr: number;
  /** Raw loss of the step's batch. */
  loss: number;
  /** EMA-smoothed (β 0.98, bias-corrected) loss. */
  smoothed: number;
}

/** `optimizer` is the class the sweep used (the model's own, or SGD with optimizerNote); `totalSteps` is steps × repeats. */
export interface LrReport extends RunReportBase {
  optimizerNote?: string;
  weightsNote?: string;
  /** The compile() call of the swept model, when it was the user's. */
  compileLocation?: SourceLocation;
  /** The streamed points, one array per repeat. */
  points: LrReportPoint[][];
  /** How each repeat ended. */
  repeats: { repeat: number; stoppedEarly: boolean; reason: string }[];
  /** The summary (also present after a cancel: what the sweep had by then). */
  result?: LrResult;
}

export function emptyLrReport(file: string): LrReport {
  return { file, status: 'running', points: [], repeats: [] };
}

/** Applies one runner message to the report (mutates and returns it). */
export function applyLrMessage(report: LrReport, message: RunnerMessage): LrReport {
  applyRunMessage(report, message);
  switch (message.type) {
    case 'model':
      report.optimizerNote = message.optimizerNote;
      report.weightsNote = message.weightsNote;
      report.compileLocation = message.compileLocation;
      break;
    case 'lrPoint':
      (report.points[message.repeat] ??= []).push({ step: message.step, lr: message.lr, loss: message.loss, smoothed: message.smoothed });
      break;
    case 'lrRepeatDone':
      report.repeats.push({ repeat: message.repeat, stoppedEarly: message.stoppedEarly, reason: message.reason });
      break;
    case 'lrResult':
      report.result = message.result;
      break;
    case 'hello':
    case 'phase':
    case 'step':
    case 'finding':
    case 'log':
    case 'error':
    case 'done':
    case 'probe':
    case 'overfit':
    case 'probeStop':
    case 'watchSteps':
    case 'watchSample':
    case 'watchEpoch':
    case 'watchValidation':
    case 'gradcheckLayer':
      break; // applyRunMessage's, or not part of a sweep
    default:
      unhandled(message);
  }
  return report;
}

/**
 * The `--json` document: the report with the result's fields (median, band, suggestions, divergenceLr,
 * stoppedEarly, reason) at the top level next to points[] (per repeat), backend and dataSource.
 */
export function lrJsonDocument(report: LrReport): Record<string, unknown> {
  const { result, ...rest } = report;
  return { ...rest, ...(result ?? {}) };
}
