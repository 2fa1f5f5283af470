// Folds the runner's event stream of an LR range test into one LrReport: what the extension keeps per
// file and, flattened by lrJsonDocument, the CLI's `gradient-lens lr --json` document.
import type { LrResult, RunnerError, RunnerMessage, RunnerMessageOf } from './protocol';

export interface LrReportPoint {
  step: number;
  lr: number;
  /** Raw loss of the step's batch. */
  loss: number;
  /** EMA-smoothed (β 0.98, bias-corrected) loss. */
  smoothed: number;
}

export interface LrReport {
  file: string;
  status: 'running' | 'done' | 'failed';
  backend?: string;
  backendReason?: string;
  tfjsSource?: string;
  tfjsVersion?: string;
  modelName?: string;
  modelClass?: string;
  discovery?: RunnerMessageOf<'model'>['discovery'];
  exportName?: string;
  dataSource?: RunnerMessageOf<'model'>['dataSource'];
  dataNote?: string;
  loss?: string;
  lossNote?: string;
  /** The optimizer class the sweep used (the model's own, or SGD with optimizerNote). */
  optimizer?: string;
  optimizerNote?: string;
  weightsNote?: string;
  batchSize?: number;
  /** steps × repeats */
  totalSteps?: number;
  /** The streamed points, one array per repeat. */
  points: LrReportPoint[][];
  /** How each repeat ended. */
  repeats: { repeat: number; stoppedEarly: boolean; reason: string }[];
  /** The summary (also present after a cancel: what the sweep had by then). */
  result?: LrResult;
  error?: RunnerError;
  durationMs?: number;
}

export function emptyLrReport(file: string): LrReport {
  return { file, status: 'running', points: [], repeats: [] };
}

/** Applies one runner message to the report (mutates and returns it). */
export function applyLrMessage(report: LrReport, message: RunnerMessage): LrReport {
  switch (message.type) {
    case 'hello':
      report.backend = message.backend;
      report.backendReason = message.backendReason;
      report.tfjsSource = message.tfjsSource;
      report.tfjsVersion = message.tfjsVersion;
      break;
    case 'model':
      report.modelName = message.modelName;
      report.modelClass = message.className;
      report.discovery = message.discovery;
      report.exportName = message.exportName;
      report.dataSource = message.dataSource;
      report.dataNote = message.dataNote;
      report.loss = message.loss;
      report.lossNote = message.lossNote;
      report.optimizer = message.optimizer;
      report.optimizerNote = message.optimizerNote;
      report.weightsNote = message.weightsNote;
      report.batchSize = message.batchSize;
      report.totalSteps = message.totalSteps;
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
    case 'error':
      report.error = message;
      report.status = 'failed';
      break;
    case 'done':
      report.status = 'done';
      report.durationMs = message.durationMs;
      break;
    default:
      break;
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
