// Folds the runner's events of a gradient check (`gradient-lens gradcheck`) into one report: the CLI's
// --json document (layers[] with name, className, file, line, maxRelError, ok) and the extension's view.
import type { RunnerMessage } from './protocol';
import { applyRunMessage, type RunReportBase } from './report';

/** A layer fails when its largest relative error exceeds this: float32 differences of a correct gradient stay near 1e-3. */
export const GRADCHECK_TOLERANCE = 1e-2;

export interface GradcheckLayer {
  name: string;
  className: string;
  /** Where the class is defined (absent when it could not be found). */
  file?: string;
  line?: number;
  column?: number;
  /** Largest relative error ‖fd − ad‖ / max(‖fd‖, ‖ad‖) over its weights and inputs. */
  maxRelError: number;
  ok: boolean;
  weights: { name: string; relError: number; checked: number }[];
  note?: string;
}

export interface GradcheckReport extends RunReportBase {
  layers: GradcheckLayer[];
}

export function emptyGradcheckReport(file: string): GradcheckReport {
  return { file, status: 'running', layers: [] };
}

export function applyGradcheckMessage(report: GradcheckReport, message: RunnerMessage): GradcheckReport {
  applyRunMessage(report, message);
  if (message.type === 'gradcheckLayer') {
    const { type: _type, location, ...rest } = message;
    report.layers.push({ ...rest, file: location?.file, line: location?.line, column: location?.column });
  }
  return report;
}

export const failedLayers = (report: GradcheckReport) => report.layers.filter((l) => !l.ok);
