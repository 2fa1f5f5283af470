// `gradient-lens watch FILE`: train the script to its end with per-step gradient norms, histograms every
// N steps and findings over the whole run, each with the step it began; a table, or JSON with timeline[].
import type { RunnerMessage } from '../core/protocol';
import { WATCH_DEFAULTS } from '../core/defaults';
import { runtimeLine } from '../core/report';
import type { WatchReport } from '../core/watchReport';
import { formatNumber } from '../core/format';
import { startWatch } from '../host/client';
import { renderError } from './profile';
import { findingSite } from '../core/findingSites';
import { validationSourceText } from '../core/overfittingRule';
import { findingLines, followRun, parseOrExitCode, parseRunArgs, parseTarget, parseVerdict, positiveInt, printRunOutcome, relative, runnerUsage, runOutput, table, TARGET_USAGE, UsageError, VERDICT_OPTIONS, VERDICT_USAGE } from './shared';

export const WATCH_USAGE = `Usage: gradient-lens watch FILE [options] [-- SCRIPT ARGS…]

Trains the model of FILE with the script's own fit() to its end, recording every layer's gradient norm.

The script runs for real: its fit()/fitDataset()/trainOnBatch() calls train the model as they would under
node, while each optimizer step's per-layer ‖g‖ and loss are recorded (histograms and weight statistics
every --every steps). Findings over the whole run (NaN/Inf with its layer, line and step; the loss
diverging; vanishing, exploding or dead ReLU appearing) name the step they began. Ctrl-C stops training
and keeps what was recorded.

Options:
${TARGET_USAGE}
  --every N            histograms and weight statistics every N steps (default ${WATCH_DEFAULTS.every})
  --max-steps N        stop training after N optimizer steps (default: the script's own length)
  --run-file PATH      write the run as it goes to PATH (JSON lines, docs/run-files.md); compare two
                       such files with gradient-lens compare
${runnerUsage(WATCH_DEFAULTS.timeoutSeconds, 'training')}
${VERDICT_USAGE}
  --json               print one JSON document: profile's fields plus timeline[] and findings[] with step
  --format F           text | json | sarif (SARIF 2.1.0: each finding at the line the editor shows it)
  -h, --help           show this help

Exit codes: 0 healthy, 1 findings at or above --fail-on, 2 the run failed or was stopped (what it recorded
until then is still printed, marked partial).`;

function parseCommandLine(argv: string[]) {
  const { values, positionals, scriptArgs } = parseRunArgs(argv, { ...VERDICT_OPTIONS, every: { type: 'string' }, 'max-steps': { type: 'string' }, 'run-file': { type: 'string' } });
  if (values.help) return undefined;
  const verdict = parseVerdict(values);
  if (values.batch !== undefined) throw new UsageError("--batch does not apply to watch: training runs with the script's own batch size");
  return {
    ...parseTarget(values, positionals, WATCH_DEFAULTS.timeoutSeconds, scriptArgs),
    ...verdict,
    every: positiveInt(values.every, '--every', WATCH_DEFAULTS.every, 1, 1_000_000)!,
    maxSteps: positiveInt(values['max-steps'], '--max-steps', undefined),
    runFile: values['run-file'],
  };
}

/** ‖g‖ of a layer at the first and last recorded points of the timeline. */
function firstAndLast(report: WatchReport, name: string): [number | undefined, number | undefined] {
  const at = (i: number) => report.timeline[i]?.layers.find((l) => l.name === name)?.gradNorm;
  return [at(0), at(report.timeline.length - 1)];
}

export function renderWatchReport(report: WatchReport): string {
  const out: string[] = [];
  out.push(`Gradient Lens watch — ${relative(report.file)}`);
  out.push(runtimeLine(report));
  out.push(`model ${report.modelName ?? '?'} (${report.modelClass ?? '?'}); loss ${report.loss ?? '?'}; optimizer ${report.optimizer ?? '?'}`);
  out.push(`${report.dataNote ?? ''}; ${report.stepCount} steps, ${report.epochs.length} epochs${report.partial ? ` — stopped early (partial): ${report.error?.message ?? ''}` : ''}`);
  if (report.runFile) out.push(`run file: ${relative(report.runFile)}`);
  const rows = [['layer', 'class', 'location', '‖g‖ first', '‖g‖ last', 'verdict']];
  for (const layer of report.layers) {
    const [first, last] = firstAndLast(report, layer.name);
    if (first === undefined && last === undefined) continue;
    rows.push([(layer.parent ? '  ' : '') + layer.name, layer.className, layer.line ? `${relative(layer.file)}:${layer.line}` : '', formatNumber(first), formatNumber(last), layer.verdicts.join(', ') || 'ok']);
  }
  out.push('', table(rows));
  const losses = report.epochs.map((e) => formatNumber(e.logs.loss));
  if (losses.length) out.push('', `loss by epoch: ${losses.length > 10 ? [...losses.slice(0, 5), '…', ...losses.slice(-4)].join(' → ') : losses.join(' → ')}`);
  else if (report.timeline.length) out.push('', `loss: ${formatNumber(report.timeline[0].loss)} → ${formatNumber(report.timeline[report.timeline.length - 1].loss)}`);
  const validation = validationLine(report);
  if (validation) out.push(validation);
  if (report.findings.length) {
    out.push('', 'Findings:');
    for (const f of report.findings) {
      // At the line the editor's Problems panel shows it (core/findingSites.ts).
      const site = findingSite(report.layers, f);
      out.push(...findingLines(report.layers, f, `${f.severity.toUpperCase()} ${f.code}${f.step !== undefined ? ` from step ${f.step}` : ''}${f.layer ? ` ${f.layer}` : ''}${site.line ? ` (${relative(site.file)}:${site.line})` : ''}`));
    }
  } else out.push('', report.partial ? 'No findings on the steps recorded.' : 'No findings over the whole run.');
  return out.join('\n');
}

/** Which validation the run has — fit()'s val_loss, or the script's own evaluate() — and its first and last readings. */
export function validationLine(report: WatchReport): string | undefined {
  const fit = report.epochs.map((e) => e.logs.val_loss).filter((v) => v !== undefined && Number.isFinite(v));
  const sets = new Map<string, WatchReport['validation']>();
  for (const v of report.validation) sets.set(v.key, [...(sets.get(v.key) ?? []), v]);
  const parts = [fit.length ? `${validationSourceText('fit')}, ${fit.length} epoch${fit.length === 1 ? '' : 's'}: ${formatNumber(fit[0])} → ${formatNumber(fit[fit.length - 1])}` : undefined];
  for (const readings of sets.values()) {
    const [first, last] = [readings[0], readings[readings.length - 1]];
    parts.push(`${validationSourceText(first.source, first, first.rows)}, ${readings.length} reading${readings.length === 1 ? '' : 's'}: ${formatNumber(first.loss)} → ${formatNumber(last.loss)}`);
  }
  const present = parts.filter(Boolean);
  return present.length ? `validation: ${present.join('; ')}` : undefined;
}

function progress(message: RunnerMessage): string | undefined {
  if (message.type === 'phase') return message.message;
  if (message.type === 'watchSteps' && message.steps.length) {
    const last = message.steps[message.steps.length - 1];
    return `step ${last.step} epoch ${last.epoch} loss ${formatNumber(last.loss)}`;
  }
  return undefined;
}

export async function watchCommand(argv: string[]): Promise<number> {
  const options = parseOrExitCode(argv, parseCommandLine, WATCH_USAGE);
  if (typeof options === 'number') return options;
  const tty = Boolean(process.stderr.isTTY) && options.format === 'text';
  const request = { file: options.file, exportName: options.exportName, args: options.args, scriptArgs: options.scriptArgs, backend: options.backend, thresholds: options.thresholds, every: options.every, maxSteps: options.maxSteps };
  const report = await followRun(tty, progress, (onMessage) =>
    startWatch(request, { timeoutMs: options.timeoutMs, memoryLimitMb: options.memoryLimitMb, env: options.env, cwd: process.cwd(), runFile: options.runFile }, onMessage),
  );
  return printRunOutcome(report, runOutput(options.format, renderWatchReport, true), options.failOn, renderError);
}
