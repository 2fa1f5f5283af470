// `gradient-lens profile FILE`: per-layer gradient statistics and health findings, as a table or JSON.
import type { RunnerMessage } from '../core/protocol';
import { PROFILE_DEFAULTS } from '../core/defaults';
import { runtimeLine, type ProfileReport } from '../core/report';
import { formatNumber } from '../core/format';
import { stepProgress } from '../core/plateau';
import { partialNote } from '../core/presentation';
import { probeStopSections, probeStopsSummary } from '../core/probeStops';
import { startProfileFittingMemory } from '../host/fitMemory';
import { BATCH_USAGE, findingLines, followRun, parseOrExitCode, parseRunArgs, parseTarget, parseVerdict, positiveInt, printRunOutcome, relative, runnerUsage, runOutput, table, TARGET_USAGE, VERDICT_OPTIONS, VERDICT_USAGE } from './shared';

export const PROFILE_USAGE = `Usage: gradient-lens profile FILE [options] [-- SCRIPT ARGS…]

Profiles the per-layer gradients of the TensorFlow.js model defined in FILE.

Options:
${TARGET_USAGE}
  --steps N            optimizer steps after step 0 (default ${PROFILE_DEFAULTS.steps})
${BATCH_USAGE}
${runnerUsage(PROFILE_DEFAULTS.timeoutSeconds)}
  --overfit-batch      also train the initial weights on 8 examples for up to 200 steps: the loss must
                       fall below 10 % of its start (docs/rules/overfit-batch.md)
${VERDICT_USAGE}
  --json               print one JSON document instead of the table (--format json)
  --format F           text | json | sarif (SARIF 2.1.0 for code scanning: each finding at its line, the
                       definitions and helper lines it involves as related locations)
  -h, --help           show this help

Exit codes: 0 healthy, 1 findings at or above --fail-on, 2 the run failed (what it measured before a
timeout or Ctrl-C is still printed, marked partial).`;



function parseCommandLine(argv: string[]) {
  const { values, positionals, scriptArgs } = parseRunArgs(argv, { ...VERDICT_OPTIONS, steps: { type: 'string' }, 'overfit-batch': { type: 'boolean' } });
  if (values.help) return undefined;
  const verdict = parseVerdict(values);
  return {
    ...parseTarget(values, positionals, PROFILE_DEFAULTS.timeoutSeconds, scriptArgs),
    ...verdict,
    steps: positiveInt(values.steps, '--steps', PROFILE_DEFAULTS.steps, 0)!,
    overfitBatch: values['overfit-batch'] === true,
  };
}

export function renderReport(report: ProfileReport): string {
  const out: string[] = [];
  out.push(`Gradient Lens — ${relative(report.file)}`);
  out.push(runtimeLine(report));
  out.push(`model ${report.modelName} (${report.modelClass}, ${report.discovery}${report.exportName ? ` "${report.exportName}"` : ''}); loss ${report.loss}; optimizer ${report.optimizer}`);
  if (report.discoveryNote) out.push(report.discoveryNote);
  out.push(`data: ${report.dataNote}; batch ${report.batchSize}; ${report.steps.length - 1} steps`);
  if (report.rowsNote) out.push(report.rowsNote);
  const partial = partialNote(report);
  if (partial) out.push(`${partial} ${report.error?.message ?? ''}`);
  if (report.lossNote) out.push(report.lossNote);
  const rows = [['layer', 'class', 'location', '‖g‖ step 0', 'verdict']];
  const regularized = report.layers.some((l) => l.steps[0]?.regGradNorm !== undefined);
  if (regularized) rows[0].splice(4, 0, 'penalty ‖g‖');
  for (const layer of report.layers) {
    const hasWeights = layer.weights.length > 0;
    const extra = [layer.deadShare !== undefined ? `dead ${(layer.deadShare * 100).toFixed(0)}%` : '', layer.saturatedShare !== undefined ? `saturated ${(layer.saturatedShare * 100).toFixed(0)}%` : ''].filter(Boolean);
    rows.push([
      (layer.parent ? '  ' : '') + layer.name,
      layer.className,
      layer.line ? `${relative(layer.file)}:${layer.line}` : '',
      hasWeights ? formatNumber(layer.gradNorm) : '–',
      ...(regularized ? [layer.steps[0]?.regGradNorm !== undefined ? formatNumber(layer.steps[0].regGradNorm) : '–'] : []),
      [layer.verdicts.join(', ') || (hasWeights ? 'ok' : ''), ...extra].filter(Boolean).join('; '),
    ]);
  }
  out.push('', table(rows));
  const losses = report.steps.map((s) => formatNumber(s.loss));
  if (losses.length) out.push('', `loss: ${losses.length > 8 ? [...losses.slice(0, 4), '…', ...losses.slice(-3)].join(' → ') : losses.join(' → ')}`);
  if (report.findings.length) {
    out.push('', 'Findings:');
    for (const f of report.findings) out.push(...findingLines(report.layers, f, `${f.severity.toUpperCase()} ${f.code}${f.layer ? ` ${f.layer}` : ''}${f.line ? ` (${relative(f.file)}:${f.line})` : ''}`));
  } else {
    const unchecked = probeStopsSummary(report.probeStops ?? []);
    out.push('', partial ? 'No findings on the steps measured.' : unchecked ? `No findings on the checks made: ${unchecked}.` : 'No findings: gradients look healthy.');
  }
  // A check that stopped before it decided: its finding is absent, not passed.
  for (const section of probeStopSections(report.probeStops ?? [], report.backend)) out.push('', `${section.title}:`, ...section.texts.map((text) => `  ${text}`));
  return out.join('\n');
}

export function renderError(report: Pick<ProfileReport, 'error'>): string {
  const e = report.error!;
  const where = e.location ? `${relative(e.location.file)}:${e.location.line}:${e.location.column}: ` : '';
  const lines = [`gradient-lens: ${where}${e.kind}: ${e.message}`];
  if (e.details?.length) lines.push(...e.details.map((d) => `  ${d}`));
  return lines.join('\n');
}

function progress(message: RunnerMessage, totalSteps: number): string | undefined {
  if (message.type === 'phase') return message.message;
  if (message.type === 'step') return `${stepProgress(message.step, totalSteps)} loss ${formatNumber(message.loss)}`;
  return undefined;
}

export async function profileCommand(argv: string[]): Promise<number> {
  const options = parseOrExitCode(argv, parseCommandLine, PROFILE_USAGE);
  if (typeof options === 'number') return options;
  const tty = Boolean(process.stderr.isTTY) && options.format === 'text';
  const request = { file: options.file, exportName: options.exportName, args: options.args, scriptArgs: options.scriptArgs, steps: options.steps, batchSize: options.batchSize, backend: options.backend, thresholds: options.thresholds, overfitBatch: options.overfitBatch };
  const report = await followRun(tty, (message) => progress(message, options.steps), (onMessage) =>
    startProfileFittingMemory(request, { timeoutMs: options.timeoutMs, memoryLimitMb: options.memoryLimitMb, env: options.env, cwd: process.cwd() }, onMessage),
  );
  return printRunOutcome(report, runOutput(options.format, renderReport, false), options.failOn, renderError);
}
