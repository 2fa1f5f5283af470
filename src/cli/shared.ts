// Pieces every CLI command uses: usage errors, integer flags, paths relative to the shell, text tables.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BACKENDS, SEVERITIES, stringifyWithNonFinite, type BackendChoice, type RunnerMessage, type Severity, type Thresholds } from '../core/protocol';
import { severityAtLeast, worstSeverity, type LayerReportBase, type ReportFinding } from '../core/report';
import { helperSites, relatedSiteKind } from '../core/findingSites';
import { runSarif } from './sarif';
import { DEFAULT_THRESHOLDS, RUN_DEFAULTS } from '../core/defaults';
import { splitScriptArgs } from '../core/scriptArgs';

export class UsageError extends Error {}

export function positiveInt(value: string | undefined, flag: string, fallback: number | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got "${value}"`);
  if (n > max) throw new UsageError(`${flag} must be at most ${max}, got "${value}"`);
  return n;
}

/** Node's timers hold at most 2^31-1 ms: a longer timeout would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** --env NAME=VALUE, or --env NAME to pass the shell's value: variables beyond the runner's allow-list. */
export function parseEnv(values: string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--env takes NAME=VALUE or NAME, got "${item}"`);
    const value = eq < 0 ? process.env[name] : item.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--env ${name}: the shell has no variable ${name}; give it as --env ${name}=VALUE`);
    env[name] = value;
  }
  return env;
}

export function relative(file: string | undefined): string {
  return file ? path.relative(process.cwd(), file) || file : '?';
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

/** True for errors that mean "bad command line" (ours or util.parseArgs'), printed with the usage text. */
export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
}

/**
 * Parses a command line with `parse` (undefined means --help). Returns the options, or the exit code after
 * printing the usage text: on stdout for --help, on stderr after the message for a bad command line.
 */
export function parseOrExitCode<T extends object>(argv: string[], parse: (argv: string[]) => T | undefined, usage: string): T | number {
  let options: T | undefined;
  try {
    options = parse(argv);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    process.stderr.write(`gradient-lens: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (options === undefined) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return options;
}

/**
 * Follows a runner job from the shell: runner logs go to stderr, a one-line progress (when `tty`) is
 * rewritten in place and cleared at the end, and Ctrl-C / SIGTERM cancel the job (which still reports).
 */
export async function followRun<R>(
  tty: boolean,
  progress: (message: RunnerMessage) => string | undefined,
  start: (onMessage: (message: RunnerMessage) => void) => { result: Promise<R>; cancel(): unknown },
): Promise<R> {
  const run = start((message) => {
    if (message.type === 'log') process.stderr.write(`${tty ? '\r\x1b[K' : ''}[${message.level}] ${message.text}\n`);
    const line = tty ? progress(message) : undefined;
    if (line) process.stderr.write(`\r\x1b[K${line}`);
  });
  const cancel = () => void run.cancel();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const result = await run.result;
  if (tty) process.stderr.write('\r\x1b[K');
  return result;
}

/** Usage lines of the options every command that runs a model file accepts. */
export const TARGET_USAGE = `  --export NAME        which export holds the model or factory (when there are several)
  --args JSON          arguments for a factory function, as a JSON array
  --script-args=ARGS   the script's own command line (what it reads from process.argv), one shell-quoted
                       string, e.g. --script-args="--epochs 5"; or put the arguments after --`;

/** Usage line of --batch, for the commands that read batches themselves (profile, lr; watch trains with the script's). */
export const BATCH_USAGE = `  --batch N            batch size (default: the script's, or ${RUN_DEFAULTS.syntheticBatchSize} for synthetic data)`;

/** Usage lines of the runner's limits and environment, which every command that runs a model file accepts. */
export function runnerUsage(timeoutSeconds: number, stops = 'the run'): string {
  return `  --backend B          auto | tensorflow | wasm | cpu (default ${RUN_DEFAULTS.backend})
  --timeout S          stop ${stops} after S seconds (default ${timeoutSeconds})
  --memory MB          memory limit of the runner and what it starts, resident (default ${RUN_DEFAULTS.memoryLimitMb})
  --env NAME[=VALUE]   an environment variable for the model file (repeatable; the runner gets
                       only PATH, HOME, locale, proxies, TF_*/CUDA_* and the like otherwise)`;
}

/** Usage lines of the options of the commands that judge a run (profile, watch): VERDICT_OPTIONS but --format. */
export const VERDICT_USAGE = `  --fail-on LEVEL      exit 1 when a finding is at least error | warning | info | none (default error)
  --threshold K=V      override a health threshold (repeatable), e.g. --threshold deadShare=0.5
                       keys: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}`;

/** The command's own arguments, and the model script's: everything after the first `--`. */
export function splitAtTerminator(argv: string[]): { own: string[]; scriptArgs?: string[] } {
  const dash = argv.indexOf('--');
  return dash < 0 ? { own: argv } : { own: argv.slice(0, dash), scriptArgs: argv.slice(dash + 1) };
}

/** util.parseArgs options every command that runs a model file accepts. */
export const TARGET_OPTIONS = {
  export: { type: 'string' },
  args: { type: 'string' },
  'script-args': { type: 'string' },
  batch: { type: 'string' },
  backend: { type: 'string' },
  timeout: { type: 'string' },
  memory: { type: 'string' },
  env: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** util.parseArgs options of the commands that judge a run (profile, watch); parseVerdict reads them. */
export const VERDICT_OPTIONS = {
  'fail-on': { type: 'string' },
  threshold: { type: 'string', multiple: true },
  format: { type: 'string' },
} as const;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * A command line of a command that runs a model file: TARGET_OPTIONS and the command's own `options` (util.parseArgs)
 * before the first `--`, the model script's arguments after it.
 */
export function parseRunArgs<O extends OptionsConfig>(argv: string[], options: O) {
  const { own, scriptArgs } = splitAtTerminator(argv);
  const { values, positionals } = parseArgs({ args: own, allowPositionals: true, options: { ...TARGET_OPTIONS, ...options } });
  return { values, positionals, scriptArgs };
}

/** How a judged run is reported and when it fails, from VERDICT_OPTIONS' values (and --json). */
export function parseVerdict(values: { 'fail-on'?: string; threshold?: string[]; format?: string; json?: boolean }) {
  const format = parseFormat(values.format, values.json);
  return { format, json: format === 'json', thresholds: parseThresholds(values.threshold), failOn: parseFailOn(values['fail-on']) };
}

interface TargetValues {
  export?: string;
  args?: string;
  'script-args'?: string;
  batch?: string;
  backend?: string;
  timeout?: string;
  memory?: string;
  env?: string[];
  json?: boolean;
}

/** The model file and runner limits from the positionals and TARGET_OPTIONS values, validated. */
export function parseTarget(values: TargetValues, positionals: string[], defaultTimeoutSeconds: number, afterTerminator?: string[]) {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('Missing FILE');
  if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
  if (!fs.existsSync(file)) throw new UsageError(`File not found: ${file}`);
  let args: unknown[] | undefined;
  if (values.args !== undefined) {
    try {
      args = JSON.parse(values.args);
    } catch (error) {
      throw new UsageError(`--args is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(args)) throw new UsageError('--args must be a JSON array, e.g. --args \'[10, "relu"]\'');
  }
  if (afterTerminator && values['script-args'] !== undefined) throw new UsageError('Give the script\'s arguments either with --script-args or after --, not both');
  const backend = (values.backend ?? RUN_DEFAULTS.backend) as BackendChoice;
  if (!BACKENDS.includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}`);
  return {
    file: path.resolve(file),
    exportName: values.export,
    args,
    scriptArgs: afterTerminator ?? splitScriptArgs(values['script-args']),
    batchSize: positiveInt(values.batch, '--batch', undefined),
    backend,
    timeoutMs: positiveInt(values.timeout, '--timeout', defaultTimeoutSeconds, 1, MAX_TIMEOUT_SECONDS)! * 1000,
    memoryLimitMb: positiveInt(values.memory, '--memory', RUN_DEFAULTS.memoryLimitMb, 64)!,
    env: parseEnv(values.env),
    json: values.json ?? false,
  };
}

/** --fail-on LEVEL: the lowest finding severity that makes the exit code 1. */
export function parseFailOn(value: string | undefined): Severity | 'none' {
  const failOn = value ?? 'error';
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none`);
  return failOn as Severity | 'none';
}

/** --threshold K=V (repeatable): health-threshold overrides. */
export function parseThresholds(pairs: string[] | undefined): Partial<Thresholds> {
  const thresholds: Partial<Thresholds> = {};
  for (const pair of pairs ?? []) {
    const [key, raw] = pair.split('=');
    const value = Number(raw);
    if (!(key in DEFAULT_THRESHOLDS)) throw new UsageError(`--threshold: unknown key "${key}" (keys: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')})`);
    if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--threshold ${key} needs a number ≥ 0, got "${raw ?? ''}"`);
    thresholds[key as keyof Thresholds] = value;
  }
  return thresholds;
}

/**
 * How a run's report is printed: a machine-readable `document` (JSON, SARIF), printed whatever the outcome so that a
 * tool reading stdout always gets one; or `text` for a person, which a failed run prints only when it measured steps
 * (partial) — otherwise the error on stderr is all there is to say.
 */
export type RunOutput<R> = { document: (report: R) => string } | { text: (report: R) => string };

/** The report as one JSON document (non-finite numbers kept as strings: core/protocol). */
export const jsonDocument = <R>(): RunOutput<R> => ({ document: (report) => stringifyWithNonFinite(report, 2) });

export type RunFormat = 'text' | 'json' | 'sarif';

/** --format text | json | sarif of profile and watch; --json is --format json. */
export function parseFormat(format: string | undefined, json: boolean | undefined): RunFormat {
  const chosen = format ?? (json ? 'json' : 'text');
  if (chosen !== 'text' && chosen !== 'json' && chosen !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${chosen}"`);
  if (json && chosen !== 'json') throw new UsageError(`--json is --format json: it cannot be combined with --format ${chosen}`);
  return chosen;
}

/** How a profile's or a watch's report is printed in `format`; `watch` words the SARIF messages with their step. */
export function runOutput<R extends Parameters<typeof runSarif>[0]>(format: RunFormat, text: (report: R) => string, watch: boolean): RunOutput<R> {
  if (format === 'sarif') return { document: (report) => JSON.stringify(runSarif(report, watch), null, 2) };
  return format === 'json' ? jsonDocument() : { text };
}

/**
 * A finding in profile's and watch's text output: its headline (`head`: severity, code, layer, where), its message, the
 * layers it relates, and where the user's helper made its layer (core/findingSites.ts helperSites) — the hover's words.
 */
export function findingLines(layers: readonly LayerReportBase[], finding: ReportFinding, head: string): string[] {
  return [
    `  ${head}`,
    `    ${finding.message}`,
    // Another layer of the same cause is "also" affected; a line of the script (the inputs, the plan, a definition) is where to "see".
    ...(finding.related ?? []).map((r) => `      ${relatedSiteKind(r) === 'layer' ? 'also' : 'see'} ${r.layer}${r.line ? ` (${relative(r.file)}:${r.line})` : ''}: ${r.message}`),
    ...helperSites(layers, finding, relative).map((h) => `      ${h.message}`),
  ];
}

/**
 * Prints a run's report as `output` says and returns profile's and watch's exit code: 2 when the run failed (a run
 * that stopped after measuring steps still shows them, marked partial), 1 for a finding at or above failOn, else 0.
 */
export function printRunOutcome<R extends { status: string; partial: boolean; findings: { severity: Severity }[] }>(
  report: R,
  output: RunOutput<R>,
  failOn: Severity | 'none',
  renderError: (report: R) => string,
): number {
  if ('document' in output) process.stdout.write(`${output.document(report)}\n`);
  if (report.status === 'failed') {
    if (report.partial && 'text' in output) process.stdout.write(`${output.text(report)}\n`);
    process.stderr.write(`${renderError(report)}\n`);
    return 2;
  }
  if ('text' in output) process.stdout.write(`${output.text(report)}\n`);
  const worst = worstSeverity(report.findings);
  return failOn !== 'none' && worst && severityAtLeast(worst, failOn) ? 1 : 0;
}
