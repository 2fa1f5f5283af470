// Folds the runner's event stream into one ProfileReport: the CLI's --json document and the
// extension's per-document results store both hold exactly this shape.
import type {
  CreationFrame,
  Finding,
  FindingCode,
  LayerInfo,
  ProbeStop,
  RelatedKind,
  RelatedLayer,
  RunnerError,
  RunnerMessage,
  RunnerMessageOf,
  Severity,
  WeightStats,
} from './protocol';
import { isLayerSite } from './protocol';
import { unhandled } from './exhaustive';

export interface ReportWeight {
  name: string;
  shape: number[];
  /** ‖g‖ at step 0 (initial weights). */
  gradNorm: number;
  /** All statistics at step 0. */
  stats: WeightStats;
  /** ‖g‖ and ‖g‖/‖w‖ at every profiled step (step 0 first). */
  steps: { step: number; gradNorm: number; ratio: number }[];
}

/** A layer as a profile or a watch reports it: where it was created, its ‖g‖ and the findings naming it. */
export interface LayerReportBase {
  name: string;
  className: string;
  activation?: string;
  parent?: string;
  file?: string;
  line?: number;
  column?: number;
  /** When `line` calls the user's helper that made the layer: the helper frames, innermost first (protocol LayerInfo.via). */
  via?: CreationFrame[];
  /** Layer ‖g‖ (a profile: at step 0; a watch: at the latest recorded step); NaN for layers without trainable weights. */
  gradNorm: number;
  /** Finding codes that name this layer (as the layer or a related one). */
  verdicts: FindingCode[];
  deadShare?: number;
}

export interface ReportLayer extends LayerReportBase {
  saturatedShare?: number;
  weights: ReportWeight[];
  /** Per step: layer ‖g‖ (of the data loss; regGradNorm = the penalties' ‖g‖ when the layer has a regularizer) and the 64-bin log10|g| histogram summed over its weights (the panel's distribution view). */
  steps: { step: number; gradNorm: number; histogram?: number[]; regGradNorm?: number; updateRatio?: number; saturatedShare?: number; confidentWrongShare?: number }[];
}

/** Another layer of the same cause, or the cause itself, with its location flattened like the finding's. */
export interface ReportRelated {
  layer: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The layer's own verdict when it differs from the finding's code (a consequence of the cause it names). */
  verdict?: FindingCode;
  /** What the site is when it is not a layer (protocol RELATED_KINDS); absent, a layer. */
  kind?: RelatedKind;
}

export interface ReportFinding {
  code: FindingCode;
  severity: Severity;
  message: string;
  layer?: string;
  file?: string;
  line?: number;
  column?: number;
  step?: number;
  /** non-finite: where the first NaN/Inf appeared (forward output, gradient, weights, loss). */
  phase?: Finding['phase'];
  /** The other layers this cause affects (they get the verdict on their own lines). */
  related?: ReportRelated[];
  /** The dead or saturated layer above that cuts the gradient off. */
  cause?: ReportRelated;
}

/** What every run's report (profile or LR range test) keeps from the runner's messages in the same way. */
export interface RunReportBase {
  file: string;
  status: 'running' | 'done' | 'failed';
  backend?: string;
  backendReason?: string;
  tfjsSource?: string;
  tfjsReason?: string;
  tfjsVersion?: string;
  modelName?: string;
  modelClass?: string;
  discovery?: RunnerMessageOf<'model'>['discovery'];
  exportName?: string;
  discoveryNote?: string;
  dataSource?: RunnerMessageOf<'model'>['dataSource'];
  dataNote?: string;
  /** The lines that made the profiled data (protocol DataLocations). */
  dataLocations?: RunnerMessageOf<'model'>['dataLocations'];
  loss?: string;
  lossNote?: string;
  /** Set by the host when the rows a step were halved to fit the memory limit (host/fitMemory.ts): which and why. */
  rowsNote?: string;
  optimizer?: string;
  batchSize?: number;
  totalSteps?: number;
  error?: RunnerError;
  durationMs?: number;
}

/** Which tfjs and backend ran, and why: one line for the CLI, the report view and the log. */
export function runtimeLine(r: Pick<RunReportBase, 'backend' | 'backendReason' | 'tfjsVersion' | 'tfjsSource' | 'tfjsReason'>): string {
  const tfjs = `tfjs ${r.tfjsVersion ?? '?'} from ${r.tfjsSource ?? '?'}${r.tfjsReason ? ` (${r.tfjsReason})` : ''}`;
  return `backend ${r.backend ?? '?'} (${r.backendReason ?? ''}); ${tfjs}`;
}

/** Applies what every run takes the same way: `hello`, the shared fields of `model`, `error` and `done`. */
export function applyRunMessage(report: RunReportBase, message: RunnerMessage): void {
  switch (message.type) {
    case 'hello':
      report.backend = message.backend;
      report.backendReason = message.backendReason;
      report.tfjsSource = message.tfjsSource;
      report.tfjsReason = message.tfjsReason;
      report.tfjsVersion = message.tfjsVersion;
      break;
    case 'model':
      report.modelName = message.modelName;
      report.modelClass = message.className;
      report.discovery = message.discovery;
      report.exportName = message.exportName;
      report.discoveryNote = message.discoveryNote;
      report.dataSource = message.dataSource;
      report.dataNote = message.dataNote;
      if (message.dataLocations) report.dataLocations = message.dataLocations;
      report.loss = message.loss;
      report.lossNote = message.lossNote;
      report.optimizer = message.optimizer;
      report.batchSize = message.batchSize;
      report.totalSteps = message.totalSteps;
      break;
    case 'error':
      report.error = message;
      report.status = 'failed';
      break;
    case 'done':
      report.status = 'done';
      report.durationMs = message.durationMs;
      break;
    case 'phase':
    case 'step':
    case 'finding':
    case 'lrPoint':
    case 'watchSteps':
    case 'watchSample':
    case 'watchEpoch':
    case 'watchValidation':
    case 'lrRepeatDone':
    case 'lrResult':
    case 'log':
    case 'probe':
    case 'probeStop':
    case 'overfit':
    case 'gradcheckLayer':
      break;
    default:
      unhandled(message);
  }
}

export interface ProfileReport extends RunReportBase {
  layers: ReportLayer[];
  /** Loss per profiled step (data + penalties, as fit() reports it); regLoss = the penalties' part; evalLoss = the data loss without dropout/noise. */
  steps: { step: number; loss: number; regLoss?: number; evalLoss?: number }[];
  findings: ReportFinding[];
  /**
   * The run ended early (timeout, cancel, crash) after measuring some steps: status is "failed" with the
   * error saying why, and the layers, steps and findings hold what was measured until then.
   */
  partial: boolean;
  /** The overfit-one-batch check's loss curve, when it was asked for. */
  overfit?: { batchSize: number; losses: number[] };
  /** Checks after the profiled steps that stopped before they decided: their findings are absent, not passed (core/probeStops.ts). */
  probeStops?: ProbeStop[];
}

export function emptyReport(file: string): ProfileReport {
  return { file, status: 'running', layers: [], steps: [], findings: [], partial: false, probeStops: [] };
}

/** A layer of the runner's `model` message before any step: where it was created, no ‖g‖ yet, no findings. */
export function layerBaseFromInfo(info: LayerInfo): LayerReportBase {
  return {
    name: info.name,
    className: info.className,
    activation: info.activation,
    parent: info.parent,
    file: info.location?.file,
    line: info.location?.line,
    column: info.location?.column,
    ...(info.via ? { via: info.via.map((f) => ({ ...f })) } : {}),
    gradNorm: NaN,
    verdicts: [],
  };
}

function layerFromInfo(info: LayerInfo): ReportLayer {
  return {
    ...layerBaseFromInfo(info),
    weights: info.weights
      .filter((w) => w.trainable)
      .map((w) => ({ name: w.name, shape: w.shape, gradNorm: NaN, stats: undefined as unknown as WeightStats, steps: [] })),
    steps: [],
  };
}

function flattenRelated(r: RelatedLayer): ReportRelated {
  return { layer: r.layer, message: r.message, file: r.location?.file, line: r.location?.line, column: r.location?.column, ...(r.verdict ? { verdict: r.verdict } : {}), ...(r.kind ? { kind: r.kind } : {}) };
}

export function flattenFinding(finding: Finding): ReportFinding {
  const { location, related, cause, ...rest } = finding;
  const flat: ReportFinding = { ...rest, file: location?.file, line: location?.line, column: location?.column };
  if (related) flat.related = related.map(flattenRelated);
  if (cause) flat.cause = flattenRelated(cause);
  return flat;
}

/** Applies one runner message to the report (mutates and returns it). */
export function applyMessage(report: ProfileReport, message: RunnerMessage): ProfileReport {
  applyRunMessage(report, message);
  switch (message.type) {
    case 'model':
      report.layers = message.layers.map(layerFromInfo);
      break;
    case 'step': {
      report.steps.push({ step: message.step, loss: message.loss, ...(message.regLoss !== undefined ? { regLoss: message.regLoss } : {}), ...(message.evalLoss !== undefined ? { evalLoss: message.evalLoss } : {}) });
      const byName = new Map(report.layers.map((l) => [l.name, l]));
      for (const stats of message.layers) {
        const layer = byName.get(stats.name);
        if (!layer) continue;
        const histogram = stats.weights.length ? stats.weights[0].histogram.map((_, bin) => stats.weights.reduce((sum, w) => sum + w.histogram[bin], 0)) : undefined;
        layer.steps.push({ step: message.step, gradNorm: stats.gradNorm, histogram, ...(stats.regGradNorm !== undefined ? { regGradNorm: stats.regGradNorm } : {}), ...(stats.updateRatio !== undefined ? { updateRatio: stats.updateRatio } : {}), ...(stats.saturatedShare !== undefined ? { saturatedShare: stats.saturatedShare } : {}), ...(stats.confidentWrongShare !== undefined ? { confidentWrongShare: stats.confidentWrongShare } : {}) });
        if (message.step === 0) {
          layer.gradNorm = stats.gradNorm;
          layer.deadShare = stats.deadShare;
          layer.saturatedShare = stats.saturatedShare;
        }
        for (const ws of stats.weights) {
          const weight = layer.weights.find((w) => w.name === ws.name);
          if (!weight) continue;
          weight.steps.push({ step: message.step, gradNorm: ws.gradNorm, ratio: ws.ratio });
          if (message.step === 0) {
            weight.gradNorm = ws.gradNorm;
            weight.stats = ws;
          }
        }
      }
      break;
    }
    case 'finding': {
      const finding = flattenFinding(message.finding);
      report.findings.push(finding);
      // Info findings (a condition that resolved, a check that passed) give no verdict: the line stays healthy.
      if (finding.severity === 'info') break;
      for (const { name, verdict } of [{ name: finding.layer, verdict: finding.code }, ...(finding.related ?? []).filter(isLayerSite).map((r) => ({ name: r.layer, verdict: r.verdict ?? finding.code }))]) {
        const layer = report.layers.find((l) => l.name === name);
        if (layer && !layer.verdicts.includes(verdict)) layer.verdicts.push(verdict);
      }
      break;
    }
    case 'overfit':
      report.overfit = { batchSize: message.batchSize, losses: message.losses };
      break;
    case 'probeStop': {
      const { type: _type, ...stop } = message;
      (report.probeStops ??= []).push(stop);
      break;
    }
    case 'probe':
    case 'hello':
    case 'phase':
    case 'lrPoint':
    case 'watchSteps':
    case 'watchSample':
    case 'watchEpoch':
    case 'watchValidation':
    case 'lrRepeatDone':
    case 'lrResult':
    case 'log':
    case 'error':
    case 'done':
    case 'gradcheckLayer':
      break; // applyRunMessage's, or not part of a profile
    default:
      unhandled(message);
  }
  return report;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
