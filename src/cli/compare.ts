// `gradient-lens compare A B`: two run files of the same model file (before/after an edit), per layer the
// typical ‖g‖ of each side by side with the change, and each run's loss.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { stringifyWithNonFinite } from '../core/protocol';
import { readRunFile, RunFileError, type RunFile } from '../core/runFile';
import { compareRuns, type RunComparison } from '../core/runCompare';
import { formatNumber } from '../core/format';
import { parseOrExitCode, relative, table, UsageError } from './shared';

export const COMPARE_USAGE = `Usage: gradient-lens compare A B [--json]

Compares two runs of the same model file (before/after a fix): per-layer ‖g‖ side by side with the change.
Per layer: the median ‖g‖ over each run's steps, the change (B / A) and each run's verdicts; each run's loss.
A and B are run files written by gradient-lens watch --run-file (or by the editor's runs).

Options:
  --json               print one JSON document
  -h, --help           show this help

Exit codes: 0 compared, 2 a file cannot be read or the runs cannot be compared (different model files).`;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return undefined;
  if (positionals.length !== 2) throw new UsageError(positionals.length < 2 ? 'compare needs two run files, A and B' : `Unexpected arguments: ${positionals.slice(2).join(' ')}`);
  for (const file of positionals) if (!fs.existsSync(file)) throw new UsageError(`File not found: ${file}`);
  return { a: positionals[0], b: positionals[1], json: values.json ?? false };
}

/** "×1.2e6 ↑", "×0.5 ↓", "=" */
function change(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  if (Math.abs(Math.log10(ratio)) < 0.05) return '≈';
  return `×${formatNumber(ratio)} ${ratio > 1 ? '↑' : '↓'}`;
}

export function renderComparison(c: RunComparison, a: RunFile, b: RunFile, names: [string, string]): string {
  const out = [`Gradient Lens compare — ${relative(c.fileA)}`];
  const describe = (label: string, run: RunFile, name: string) =>
    `${label}: ${relative(name)} (${run.header.startedAt}, ${run.header.mode}, ${run.steps} steps${run.partial ? ', partial' : ''})`;
  out.push(describe('A', a, names[0]), describe('B', b, names[1]));
  if (!c.fileChanged) out.push('The model file is the same in both runs (same SHA-256): differences come from the run itself (seeds, data order).');
  const rows = [['layer', 'line', '‖g‖ A', '‖g‖ B', 'change', 'verdict A', 'verdict B']];
  for (const l of c.layers) rows.push([l.name, l.line ? String(l.line) : '', formatNumber(l.gradNormA), formatNumber(l.gradNormB), change(l.ratio), l.verdictA, l.verdictB]);
  out.push('', table(rows));
  const loss = (s: RunComparison['lossA']) => (s ? `${formatNumber(s.first)} → ${formatNumber(s.last)} (lowest ${formatNumber(s.min)}, ${s.steps} steps)` : 'no steps');
  out.push('', `loss A: ${loss(c.lossA)}`, `loss B: ${loss(c.lossB)}`);
  return out.join('\n');
}

function read(file: string): RunFile {
  return readRunFile(fs.readFileSync(file, 'utf8'), relative(file));
}

export async function compareCommand(argv: string[]): Promise<number> {
  const options = parseOrExitCode(argv, parseCommandLine, COMPARE_USAGE);
  if (typeof options === 'number') return options;
  let a: RunFile;
  let b: RunFile;
  try {
    a = read(options.a);
    b = read(options.b);
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    process.stderr.write(`gradient-lens: ${error.message}\n`);
    return 2;
  }
  const comparison = compareRuns(a, b);
  if (options.json) process.stdout.write(`${stringifyWithNonFinite({ ...comparison, notesA: a.notes, notesB: b.notes }, 2)}\n`);
  if (!comparison.comparable) {
    process.stderr.write(`gradient-lens: ${comparison.problem}\n`);
    return 2;
  }
  if (!options.json) {
    for (const [label, run] of [['A', a], ['B', b]] as const) for (const note of run.notes) process.stderr.write(`gradient-lens: run ${label}: ${note}\n`);
    process.stdout.write(`${renderComparison(comparison, a, b, [options.a, options.b])}\n`);
  }
  return 0;
}
