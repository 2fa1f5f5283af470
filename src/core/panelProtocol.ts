// The one definition of every message between the extension host and the Gradient Lens webview panel.
//
// Wire format (both directions): a JSON *string* made by `encodePanelMessage` (protocol.ts's
// stringifyWithNonFinite), so NaN/±Infinity in losses and gradient norms survive: webview postMessage
// serializes as JSON, which would turn them into null. Receivers call `decodeToWebview` /
// `decodeFromWebview`, which return undefined — never throw — for anything unknown or malformed (and
// report why through `onInvalid`), so each side ignores and logs bad input instead of acting on it.
//
// The webview persists its state with `acquireVsCodeApi().setState(PanelState)`; the host's
// WebviewPanelSerializer reads the file/title/tab back with `decodePanelState` after a reload.
import * as v from 'valibot';
import {
  ERROR_KINDS,
  FINDING_CODES,
  LR_SUGGESTION_KINDS,
  LrRequest,
  LrResult,
  ProbeStop,
  SEVERITIES,
  WeightStats,
  stringifyWithNonFinite,
  type RunnerError,
} from './protocol';
import { TRAINING_MESSAGES } from './panelTraining';
import type { ProfileReport } from './report';

/** The tag protocol.ts's stringifyWithNonFinite writes for NaN and ±Infinity. */
const NON_FINITE_KEY = '$nonFinite';

/** A number that may be NaN or ±Infinity once decoded (v.number() rejects NaN). */
const num = v.custom<number>((value) => typeof value === 'number', 'expected a number');
const int = v.pipe(v.number(), v.integer());
const optNum = v.optional(num);
/** A plain array of finite numbers, checked in one pass: a 100-layer × 100-step report holds 640,000 histogram
 *  counts, and a schema per element made decoding it ~5× slower. */
const finiteArray = v.custom<number[]>((value) => Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n)), 'expected an array of finite numbers');

export const PANEL_TABS = ['lr', 'gradients', 'table', 'training', 'compare'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

export const EXPORT_FORMATS = ['csv', 'json', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// --- the profile report (src/core/report.ts's ProfileReport, checked below to stay assignable) -------

const ReportWeightSchema = v.object({
  name: v.string(),
  shape: v.array(int),
  gradNorm: num,
  /** Absent while step 0 has not arrived. */
  stats: v.optional(WeightStats),
  steps: v.array(v.object({ step: int, gradNorm: num, ratio: num })),
});

const ReportLayerSchema = v.object({
  name: v.string(),
  className: v.string(),
  activation: v.optional(v.string()),
  parent: v.optional(v.string()),
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
  gradNorm: num,
  verdicts: v.array(v.picklist(FINDING_CODES)),
  deadShare: optNum,
  saturatedShare: optNum,
  weights: v.array(ReportWeightSchema),
  /** `histogram`: the 64 log10|g| bins (stats.ts) summed over the layer's weights, when the report has them. */
  steps: v.array(v.object({ step: int, gradNorm: num, histogram: v.optional(finiteArray) })),
});

const ReportFindingSchema = v.object({
  code: v.picklist(FINDING_CODES),
  severity: v.picklist(SEVERITIES),
  message: v.string(),
  layer: v.optional(v.string()),
  file: v.optional(v.string()),
  line: v.optional(int),
  column: v.optional(int),
  step: v.optional(int),
});

const RunnerErrorSchema = v.looseObject({
  type: v.literal('error'),
  kind: v.picklist(ERROR_KINDS),
  message: v.string(),
});

export const PanelReport = v.object({
  file: v.string(),
  status: v.picklist(['running', 'done', 'failed']),
  backend: v.optional(v.string()),
  backendReason: v.optional(v.string()),
  tfjsSource: v.optional(v.string()),
  tfjsReason: v.optional(v.string()),
  tfjsVersion: v.optional(v.string()),
  modelName: v.optional(v.string()),
  modelClass: v.optional(v.string()),
  discovery: v.optional(v.string()),
  exportName: v.optional(v.string()),
  dataSource: v.optional(v.string()),
  dataNote: v.optional(v.string()),
  loss: v.optional(v.string()),
  lossNote: v.optional(v.string()),
  optimizer: v.optional(v.string()),
  batchSize: v.optional(int),
  totalSteps: v.optional(int),
  layers: v.array(ReportLayerSchema),
  steps: v.array(v.object({ step: int, loss: num })),
  findings: v.array(ReportFindingSchema),
  error: v.optional(v.custom<RunnerError>((value) => v.is(RunnerErrorSchema, value), 'expected a runner error')),
  durationMs: optNum,
  /** Ended early after measuring some steps (see ProfileReport.partial). */
  partial: v.optional(v.boolean()),
  /** Checks after the profiled steps that stopped before they decided (the panel's "Not checked" section: core/probeStops.ts). */
  probeStops: v.optional(v.array(ProbeStop)),
});
/** What the webview works with: a ProfileReport as decoded (step-0 stats may still be missing). */
export type PanelReport = v.InferOutput<typeof PanelReport>;

/** Compile-time guard: every ProfileReport the host holds is a valid `profile` payload. */
const reportFitsPanel = (report: ProfileReport): PanelReport => report;
void reportFitsPanel;

// --- host → webview ----------------------------------------------------------------------------------

export const ToWebviewMessage = v.variant('type', [
  /** First message after `ready` (and after a reload): which model file the panel is about. */
  v.object({ type: v.literal('init'), file: v.string(), title: v.string(), tab: v.optional(v.picklist(PANEL_TABS)) }),
  /** Progress line for the header; running=false hides the Cancel button. */
  v.object({ type: v.literal('status'), running: v.boolean(), message: v.string() }),
  /** A sweep begins: clears the previous curve; the request gives the LR axis range and repeat count. */
  v.object({ type: v.literal('lrStarted'), request: LrRequest }),
  /** One batch of the sweep (the runner's lrPoint), appended to the live chart. */
  v.object({ type: v.literal('lrPoint'), repeat: int, step: int, lr: num, loss: num, smoothed: num }),
  v.object({ type: v.literal('lrRepeatDone'), repeat: int, stoppedEarly: v.boolean(), reason: v.string() }),
  /** Median curve, band over repeats and the suggestions. */
  v.object({ type: v.literal('lrResult'), result: LrResult }),
  v.object({ type: v.literal('lrFailed'), message: v.string() }),
  /** A complete (or partial, status 'running') profile of the file. */
  v.object({ type: v.literal('profile'), report: PanelReport }),
  /** A watched or reopened run (Training tab) and a comparison of two runs (Compare tab): panelTraining.ts. */
  ...TRAINING_MESSAGES,
]);
export type ToWebviewMessage = v.InferOutput<typeof ToWebviewMessage>;

// --- webview → host ----------------------------------------------------------------------------------

export const FromWebviewMessage = v.variant('type', [
  /** The bundle has loaded and listens: the host answers with init and whatever data it holds. */
  v.object({ type: v.literal('ready') }),
  /** Apply button: edit the learning rate in the model's source (host previews, then applies). */
  v.object({ type: v.literal('applyLr'), lr: v.pipe(v.number(), v.minValue(Number.MIN_VALUE)), suggestion: v.picklist([...LR_SUGGESTION_KINDS, 'recommended']) }),
  /** Copy button: the host writes to the clipboard (webview clipboard access is restricted). */
  v.object({ type: v.literal('copyLr'), lr: v.pipe(v.number(), v.minValue(Number.MIN_VALUE)) }),
  v.object({ type: v.literal('rerunLr') }),
  /** Cancel the running sweep/profile. */
  v.object({ type: v.literal('cancel') }),
  /** A layer was clicked: reveal its line (1-based line/column) in an editor. */
  v.object({
    type: v.literal('revealLayer'),
    layer: v.string(),
    file: v.pipe(v.string(), v.minLength(1)),
    line: v.pipe(int, v.minValue(1)),
    column: v.optional(v.pipe(int, v.minValue(1))),
  }),
  /** Export: the host shows a save dialog. csv/json content is text, png content is a data: URL. */
  v.object({
    type: v.literal('exportData'),
    format: v.picklist(EXPORT_FORMATS),
    content: v.string(),
    suggestedName: v.pipe(v.string(), v.minLength(1)),
  }),
  /** Something the webview ignored or failed on, for the host's output channel. */
  v.object({ type: v.literal('log'), level: v.picklist(['info', 'warn', 'error']), message: v.string() }),
]);
export type FromWebviewMessage = v.InferOutput<typeof FromWebviewMessage>;

// --- persisted webview state -------------------------------------------------------------------------

export const PanelState = v.object({
  version: v.literal(1),
  file: v.string(),
  title: v.string(),
  tab: v.picklist(PANEL_TABS),
  /** The webview's own data (LR points, result, report) as non-finite-safe JSON; opaque to the host. */
  data: v.optional(v.string()),
});
export type PanelState = v.InferOutput<typeof PanelState>;

// --- encode / decode ---------------------------------------------------------------------------------

export type InvalidMessageHandler = (reason: string) => void;

export const encodePanelMessage = (message: ToWebviewMessage | FromWebviewMessage): string => stringifyWithNonFinite(message);

function decode<S extends v.GenericSchema>(schema: S, data: unknown, direction: string, onInvalid?: InvalidMessageHandler): v.InferOutput<S> | undefined {
  if (typeof data !== 'string') {
    onInvalid?.(`ignored ${direction} message: expected a JSON string, got ${data === null ? 'null' : typeof data}`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = reviveNonFinite(JSON.parse(data));
  } catch (error) {
    onInvalid?.(`ignored ${direction} message: not JSON (${(error as Error).message})`);
    return undefined;
  }
  const result = v.safeParse(schema, parsed);
  if (result.success) return result.output;
  const type = parsed && typeof parsed === 'object' ? String((parsed as { type?: unknown }).type) : typeof parsed;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  onInvalid?.(`ignored ${direction} message (type ${type}): ${path ? `${path}: ` : ''}${issue.message}`);
  return undefined;
}

/**
 * parseWithNonFinite's result, by one walk after a plain JSON.parse rather than a JSON.parse reviver, which is
 * ~45× slower on a 3 MB report (V8 calls it per value). Replaces {"$nonFinite": "NaN" | "Infinity" | "-Infinity"} objects.
 */
function reviveNonFinite(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === 'object') value[i] = reviveNonFinite(item);
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const tag = record[NON_FINITE_KEY];
    if (typeof tag === 'string' && Object.keys(record).length === 1) return tag === 'NaN' ? NaN : tag === 'Infinity' ? Infinity : -Infinity;
    for (const key in record) {
      const item = record[key];
      if (item !== null && typeof item === 'object') record[key] = reviveNonFinite(item);
    }
  }
  return value;
}

/** For the webview: a message from the host, or undefined (reason via onInvalid). */
export const decodeToWebview = (data: unknown, onInvalid?: InvalidMessageHandler): ToWebviewMessage | undefined =>
  decode(ToWebviewMessage, data, 'host→webview', onInvalid);

/** For the host: a message from the webview, or undefined (reason via onInvalid). */
export const decodeFromWebview = (data: unknown, onInvalid?: InvalidMessageHandler): FromWebviewMessage | undefined =>
  decode(FromWebviewMessage, data, 'webview→host', onInvalid);

/** For the host's serializer: the state the webview saved (a plain object, not a string), or undefined. */
export function decodePanelState(state: unknown): PanelState | undefined {
  const result = v.safeParse(PanelState, state);
  return result.success ? result.output : undefined;
}
