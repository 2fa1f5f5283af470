// Run files: every watch (and profile) run as JSON lines (docs/run-files.md). The host appends a line per
// event as it arrives, so a run killed half-way still leaves a readable file; the reader accepts a missing
// `end` line and a truncated last line and marks such a run partial. Non-finite numbers are written as
// {"$nonFinite": "NaN"} like the IPC messages (plain JSON has no NaN).
import * as v from 'valibot';
import { ERROR_KINDS, Finding, LayerInfo, parseWithNonFinite, stringifyWithNonFinite } from './protocol';
import { WatchEpoch, WatchSample, WatchStep, WatchValidation } from './watchProtocol';
import { pushThinned, Timeline, type TimelinePoint } from './timeline';
import { WATCH_DEFAULTS } from './defaults';

/** The schema this version writes: /2 added `validation` lines (a script's own evaluate() readings). */
export const RUN_SCHEMA = 'gradient-lens-run/2';
/** What this version opens: /1 is /2 without `validation` lines, so it reads unchanged. */
export const READABLE_RUN_SCHEMAS: readonly string[] = ['gradient-lens-run/1', RUN_SCHEMA];
export const RUN_FILE_EXTENSION = '.glrun.jsonl';

export const RunHeader = v.object({
  kind: v.literal('header'),
  schema: v.picklist(['gradient-lens-run/1', RUN_SCHEMA]),
  mode: v.picklist(['watch', 'profile']),
  /** The model file, absolute. */
  file: v.string(),
  /** SHA-256 (hex) of the model file's text when the run started: tells a before from an after. */
  fileSha256: v.string(),
  /** ISO 8601 time the run started. */
  startedAt: v.string(),
  backend: v.optional(v.string()),
  /** tfjs version. */
  tfjs: v.optional(v.string()),
  modelName: v.optional(v.string()),
  loss: v.optional(v.string()),
  optimizer: v.optional(v.string()),
  batchSize: v.optional(v.pipe(v.number(), v.integer())),
  /** watch: histogram/weight-statistics interval in steps. */
  every: v.optional(v.pipe(v.number(), v.integer())),
  layers: v.array(LayerInfo),
});
export type RunHeader = v.InferOutput<typeof RunHeader>;

export const RUN_END_STATUSES = ['done', 'cancelled', 'timeout', 'error'] as const;

export const RunEnd = v.object({
  kind: v.literal('end'),
  status: v.picklist(RUN_END_STATUSES),
  /** Optimizer steps recorded. */
  steps: v.pipe(v.number(), v.integer()),
  durationMs: v.number(),
  /** Why a run that is not "done" ended. */
  error: v.optional(v.object({ kind: v.picklist(ERROR_KINDS), message: v.string() })),
});
export type RunEnd = v.InferOutput<typeof RunEnd>;

export const RunLine = v.variant('kind', [
  RunHeader,
  v.object({ kind: v.literal('step'), ...WatchStep.entries }),
  v.object({ kind: v.literal('sample'), ...WatchSample.entries }),
  v.object({ kind: v.literal('epoch'), ...WatchEpoch.entries }),
  v.object({ kind: v.literal('validation'), ...WatchValidation.entries }),
  v.object({ kind: v.literal('finding'), finding: Finding }),
  RunEnd,
]);
export type RunLine = v.InferOutput<typeof RunLine>;

/** One line of a run file, newline included. */
export const encodeRunLine = (line: RunLine): string => `${stringifyWithNonFinite(line)}\n`;

export class RunFileError extends Error {}

/** A run file read back: the timeline bounded like a live run's, every finding and epoch kept. */
export interface RunFile {
  header: RunHeader;
  timeline: TimelinePoint[];
  /** Step lines read. */
  steps: number;
  lastStep?: number;
  samples: WatchSample[];
  epochs: WatchEpoch[];
  /** The script's own evaluate() readings on held-out rows (thinned past maxTimelinePoints). */
  validation: WatchValidation[];
  findings: Finding[];
  end?: RunEnd;
  /** No end line (the run was killed), or it ended other than "done": what it holds is what was measured until then. */
  partial: boolean;
  /** What the reader tolerated, in words (a truncated last line, a missing end line). */
  notes: string[];
}

export interface ReadOptions {
  maxTimelinePoints?: number;
  maxSamples?: number;
}

function describe(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const where = issue.path?.map((p) => p.key).join('.') ?? '';
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

/**
 * Reads a run file's text. `name` names it in messages (its path). Throws RunFileError for a file that is
 * not a run file, of a newer schema, or damaged before its last line.
 */
export function readRunFile(text: string, name = 'the run file', options: ReadOptions = {}): RunFile {
  const lines = text.split('\n');
  // A file killed while writing ends without a newline: its last line may be cut anywhere.
  const complete = text.endsWith('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new RunFileError(`${name} is empty: the run stopped before the model was loaded, so nothing was recorded.`);
  const timeline = new Timeline(options.maxTimelinePoints ?? WATCH_DEFAULTS.maxTimelinePoints);
  const maxSamples = options.maxSamples ?? WATCH_DEFAULTS.maxSamples;
  const notes: string[] = [];
  let header: RunHeader | undefined;
  const file: Omit<RunFile, 'header' | 'timeline' | 'partial'> = { steps: 0, samples: [], epochs: [], validation: [], findings: [], notes };
  for (let i = 0; i < lines.length; i++) {
    const isLast = i === lines.length - 1;
    let value: unknown;
    try {
      value = parseWithNonFinite(lines[i]);
    } catch (error) {
      if (isLast && !complete && header) {
        notes.push(`line ${i + 1} was cut off (the run was stopped while writing it) and is ignored`);
        break;
      }
      throw new RunFileError(i === 0 ? `${name} is not a Gradient Lens run file (its first line is not JSON).` : `${name} is damaged at line ${i + 1}: ${(error as Error).message}`);
    }
    if (i === 0) {
      const schema = (value as { schema?: unknown } | null)?.schema;
      if ((value as { kind?: unknown } | null)?.kind !== 'header') throw new RunFileError(`${name} is not a Gradient Lens run file (its first line is not a run header).`);
      if (typeof schema !== 'string' || !READABLE_RUN_SCHEMAS.includes(schema)) throw new RunFileError(`${name} has schema "${String(schema)}"; this version reads "${READABLE_RUN_SCHEMAS.join('" and "')}". Update Gradient Lens to open it.`);
    }
    const parsed = v.safeParse(RunLine, value);
    if (!parsed.success) throw new RunFileError(`${name} has an invalid line ${i + 1}: ${describe(parsed.issues)}`);
    const line = parsed.output;
    switch (line.kind) {
      case 'header':
        if (i !== 0) throw new RunFileError(`${name} has a second header at line ${i + 1}: two runs were written into one file.`);
        header = line;
        break;
      case 'step': {
        const { kind: _kind, ...step } = line;
        timeline.add(step);
        file.steps++;
        file.lastStep = step.step;
        break;
      }
      case 'sample': {
        const { kind: _kind, ...sample } = line;
        pushThinned(file.samples, sample, maxSamples);
        break;
      }
      case 'epoch': {
        const { kind: _kind, ...epoch } = line;
        file.epochs.push(epoch);
        break;
      }
      case 'validation': {
        const { kind: _kind, ...reading } = line;
        pushThinned(file.validation, reading, WATCH_DEFAULTS.maxTimelinePoints);
        break;
      }
      case 'finding':
        file.findings.push(line.finding);
        if (line.finding.step !== undefined) timeline.pin(line.finding.step);
        break;
      case 'end':
        file.end = line;
        break;
    }
  }
  if (!file.end) notes.push(`it has no end line: the run was stopped before it finished (after ${file.steps} step${file.steps === 1 ? '' : 's'})`);
  return { ...file, header: header!, timeline: timeline.points(), partial: !file.end || file.end.status !== 'done' };
}
