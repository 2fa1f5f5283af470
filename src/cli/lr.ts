// `gradient-lens lr FILE`: Leslie Smith's LR range test — the suggestions and an ASCII sketch of the
// median curve on a terminal, or one JSON document.
import * as v from 'valibot';
import { LR_MODES, LR_SUGGESTION_KINDS, LrRequest, stringifyWithNonFinite, type LrResult, type RunnerMessage } from '../core/protocol';
import { lrJsonDocument, type LrReport } from '../core/lrReport';
import { runtimeLine } from '../core/report';
import { formatLearningRate, formatNumber } from '../core/format';
import { ownRateSentence, scoreWords } from '../core/lrRecommend';
import { startLrSweep } from '../host/client';
import { LR_DEFAULTS } from '../core/defaults';
import { BATCH_USAGE, followRun, parseOrExitCode, parseRunArgs, parseTarget, positiveInt, relative, runnerUsage, table, TARGET_USAGE, UsageError } from './shared';
import { renderError } from './profile';

export const LR_USAGE = `Usage: gradient-lens lr FILE [options] [-- SCRIPT ARGS…]

Finds a learning rate for the TensorFlow.js model in FILE with an LR range test.

Options:
${TARGET_USAGE}
${BATCH_USAGE}
${runnerUsage(LR_DEFAULTS.timeoutSeconds)}
  --start LR           first learning rate (default ${LR_DEFAULTS.startLr})
  --end LR             last learning rate (default ${LR_DEFAULTS.endLr})
  --steps N            batches per sweep (default ${LR_DEFAULTS.steps})
  --mode M             exp | linear spacing of the learning rates (default ${LR_DEFAULTS.mode})
  --repeats K          sweeps with different initial weights and batch order (default ${LR_DEFAULTS.repeats})
  --seed N             seed of the first repeat (default ${LR_DEFAULTS.seed})
  --check-steps N      steps of each short run that checks the candidate rates (default: the script's fit()
                       length within 50–500, else ${LR_DEFAULTS.checkStepsFallback}; 0: recommend from the curve alone)
  --json               print one JSON document instead of the summary
  -h, --help           show this help

Exit codes: 0 a rate is recommended, 1 no rate can be recommended (the output says why), 2 the run failed (a timeout still prints
what the sweep had), 130 cancelled (prints what it had).`;

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

function parseCommandLine(argv: string[]) {
  const { values, positionals, scriptArgs } = parseRunArgs(argv, {
    start: { type: 'string' },
    end: { type: 'string' },
    steps: { type: 'string' },
    mode: { type: 'string' },
    repeats: { type: 'string' },
    seed: { type: 'string' },
    'check-steps': { type: 'string' },
  });
  if (values.help) return undefined;
  const { timeoutMs, memoryLimitMb, env, json, ...target } = parseTarget(values, positionals, LR_DEFAULTS.timeoutSeconds, scriptArgs);
  const mode = values.mode ?? LR_DEFAULTS.mode;
  if (!(LR_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${LR_MODES.join(', ')}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const parsed = v.safeParse(LrRequest, {
    ...target,
    startLr: positiveNumber(values.start, '--start', LR_DEFAULTS.startLr),
    endLr: positiveNumber(values.end, '--end', LR_DEFAULTS.endLr),
    steps: positiveInt(values.steps, '--steps', LR_DEFAULTS.steps, 2),
    mode,
    repeats: positiveInt(values.repeats, '--repeats', LR_DEFAULTS.repeats),
    seed,
    checkSteps: positiveInt(values['check-steps'], '--check-steps', undefined, 0),
  });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue.path?.map((p) => String(p.key)).join('.');
    throw new UsageError(`${key ? `${key}: ` : ''}${issue.message}`);
  }
  return {
    request: parsed.output,
    timeoutMs,
    memoryLimitMb,
    env,
    json,
  };
}

const MARKS: Record<(typeof LR_SUGGESTION_KINDS)[number], string> = { valley: 'v', steep: 's', minimum: 'm', slide: 'l' };

/**
 * The median curve as a character plot: x is log10(LR) (linear for a linear sweep), y the smoothed loss
 * from its minimum up to 1.5× the rise from the minimum to the first point (the blow-up is clipped so the
 * descent stays visible); below the axis a letter marks each suggestion and × the divergence LR.
 */
export function sketchCurve(result: LrResult, logScale: boolean, width = 64, height = 12): string {
  const points = result.median.filter((p) => Number.isFinite(p.loss));
  if (points.length < 2) return '';
  const x = (lr: number) => (logScale ? Math.log10(lr) : lr);
  const x0 = x(points[0].lr);
  const x1 = x(points[points.length - 1].lr);
  const column = (lr: number) => Math.round(((x(lr) - x0) / (x1 - x0 || 1)) * (width - 1));
  const low = Math.min(...points.map((p) => p.loss));
  const rise = points[0].loss - low;
  const high = rise > 0 ? low + 1.5 * rise : Math.max(...points.map((p) => p.loss));
  const span = high - low || 1;
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  for (const p of points) {
    const c = column(p.lr);
    const level = Math.min(Math.max((p.loss - low) / span, 0), 1);
    const r = height - 1 - Math.round(level * (height - 1));
    if (c >= 0 && c < width) grid[r][c] = p.loss > high ? '^' : '*';
  }
  const marks = new Array<string>(width).fill(' ');
  const inRange = (lr: number | undefined): lr is number => lr !== undefined && Number.isFinite(lr) && column(lr) >= 0 && column(lr) < width;
  if (inRange(result.divergenceLr)) marks[column(result.divergenceLr)] = '×';
  for (const kind of LR_SUGGESTION_KINDS) {
    const lr = result.suggestions[kind]?.lr;
    if (inRange(lr)) marks[column(lr)] = MARKS[kind];
  }
  const label = (value: number) => formatNumber(value).padStart(8);
  const lines = grid.map((row, r) => `${r === 0 ? label(high) : r === height - 1 ? label(low) : ' '.repeat(8)} │${row.join('')}`);
  lines.push(`${' '.repeat(8)} └${'─'.repeat(width)}`);
  lines.push(`${' '.repeat(10)}${marks.join('')}`);
  const left = formatLearningRate(points[0].lr);
  const right = formatLearningRate(points[points.length - 1].lr);
  lines.push(`${' '.repeat(10)}${left}${right.padStart(width - left.length)}`);
  return lines.join('\n');
}

export function renderLrReport(report: LrReport, logScale: boolean): string {
  const result = report.result!;
  const out: string[] = [];
  out.push(`Gradient Lens — learning rate of ${relative(report.file)}`);
  out.push(runtimeLine(report));
  out.push(`model ${report.modelName} (${report.modelClass}, ${report.discovery}${report.exportName ? ` "${report.exportName}"` : ''}); loss ${report.loss}; optimizer ${report.optimizer}`);
  out.push(`data: ${report.dataNote}; batch ${report.batchSize}`);
  for (const note of [report.lossNote, report.optimizerNote, report.weightsNote]) if (note) out.push(note);
  const sweeps = report.points.length;
  out.push(`${sweeps} sweep${sweeps === 1 ? '' : 's'}, ${result.stoppedEarly ? 'stopped early' : 'complete'}: ${result.reason}`);
  const sketch = sketchCurve(result, logScale);
  if (sketch) out.push('', sketch);
  const rows = [['curve rule', 'lr', 'spread', 'rule']];
  for (const kind of LR_SUGGESTION_KINDS) {
    const s = result.suggestions[kind];
    rows.push([
      `${kind} ${MARKS[kind]}`,
      s ? formatLearningRate(s.lr) : '–',
      s ? `${s.spreadDecades.toFixed(2)} dec` : '',
      s ? s.rule : 'no basis on this curve',
    ]);
  }
  out.push('', table(rows));
  out.push(
    '',
    result.divergenceLr !== undefined
      ? `diverges from ${formatLearningRate(result.divergenceLr)} × (the climb to "loss stays above 2× its running minimum" starts there)`
      : 'no divergence within the sweep',
  );
  out.push('', ...recommendationLines(result));
  return out.join('\n');
}

/** The answer: the recommended rate with how sure it is and why, or why there is none. */
export function recommendationLines(result: LrResult): string[] {
  const rec = result.recommendation;
  if (!rec) return ['no recommendation (the runner predates it): read the curve rules above'];
  const head = rec.lr === undefined ? 'recommended learning rate: none' : `recommended learning rate: ${formatLearningRate(rec.lr)} (${rec.confidence} confidence${rec.basis === 'short-run' ? ', checked by a short run' : ', from the curve'})`;
  const lines = [head, `  ${rec.why}`];
  if (rec.checks?.length) {
    const sorted = [...rec.checks].sort((a, b) => a.lr - b.lr);
    lines.push(`  short runs (${scoreWords(rec)} after ${rec.checkSteps} steps): ${sorted.map((c) => `${formatLearningRate(c.lr)} ${c.loss === null ? 'diverged' : formatNumber(c.loss)}`).join(' · ')}`);
  }
  if (rec.ownRate) lines.push(`  ${ownRateSentence(rec.ownRate, rec)}`);
  if (rec.flat && rec.lr !== undefined) lines.push('  the sweep itself was flat: the curve rules above have nothing to read');
  return lines;
}

function progress(message: RunnerMessage, request: LrRequest): string | undefined {
  if (message.type === 'phase') return message.message;
  if (message.type === 'lrPoint') {
    return `${request.repeats > 1 ? `repeat ${message.repeat + 1}/${request.repeats} ` : ''}step ${message.step + 1}/${request.steps} lr ${formatLearningRate(message.lr)} loss ${formatNumber(message.smoothed)}`;
  }
  return undefined;
}

export async function lrCommand(argv: string[]): Promise<number> {
  const options = parseOrExitCode(argv, parseCommandLine, LR_USAGE);
  if (typeof options === 'number') return options;
  const { request } = options;
  const tty = Boolean(process.stderr.isTTY) && !options.json;
  const report = await followRun(tty, (message) => progress(message, request), (onMessage) =>
    startLrSweep(request, { timeoutMs: options.timeoutMs, memoryLimitMb: options.memoryLimitMb, env: options.env, cwd: process.cwd() }, onMessage),
  );
  if (options.json) process.stdout.write(`${stringifyWithNonFinite(lrJsonDocument(report), 2)}\n`);
  // A cancelled or timed-out sweep still has what it measured until then: show it, then the error.
  if (report.result && !options.json) process.stdout.write(`${renderLrReport(report, request.mode === 'exp')}\n`);
  if (report.status === 'failed') {
    process.stderr.write(`${renderError(report)}\n`);
    return report.error?.kind === 'cancelled' ? 130 : 2;
  }
  const recommendation = report.result?.recommendation;
  if (recommendation) return recommendation.lr === undefined ? 1 : 0;
  return Object.keys(report.result?.suggestions ?? {}).length ? 0 : 1;
}
