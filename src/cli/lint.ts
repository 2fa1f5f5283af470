// `gradient-lens lint PATH...`: the static analyzer over files and directories, as text, JSON or SARIF.
// Nothing is executed: safe on any checkout, fast enough for pre-commit hooks.
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { LINT_CODES, LINT_EXTENSIONS, LINT_LEVELS, LINT_RULES, lintSource, type LintDiagnostic, type LintLevel, type LintRange, type LintResult, type LintSeverity } from '../core/lint';
import { LINT_DEFAULTS } from '../core/defaults';
import { isUsageError, positiveInt, relative, UsageError } from './shared';
import { artifactLocation, SARIF_LEVEL, sarifLog } from './sarif';

export const LINT_USAGE = `Usage: gradient-lens lint PATH... [options]

Statically checks TensorFlow.js model code for definitions known to train badly (no code is run).

PATH is a file or a directory (searched recursively for ${LINT_EXTENSIONS.join(' ')}, skipping node_modules
and dot-directories). Files that do not import TensorFlow.js are skipped.

Options:
  --json               print one JSON document (ranges 0-based, as in the API)
  --sarif              print a SARIF 2.1.0 log (for code-scanning uploads)
  --rule CODE=LEVEL    set a rule's level: error | warning | info | hint | off (repeatable)
  --deep-stack N       sigmoid/tanh hidden layers that count as a deep stack (default ${LINT_DEFAULTS.deepStackMin})
  -h, --help           show this help

Rules: ${LINT_CODES.join(', ')}

Exit codes: 0 no warnings or errors, 1 warnings or errors (including syntax errors), 2 usage or I/O error.`;

interface FileResult { file: string; result: LintResult }

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      sarif: { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      'deep-stack': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  if (positionals.length === 0) throw new UsageError('Missing PATH');
  if (values.json && values.sarif) throw new UsageError('--json and --sarif cannot be combined');
  const rules: Record<string, LintLevel> = {};
  for (const pair of values.rule ?? []) {
    const eq = pair.indexOf('=');
    const code = eq < 0 ? pair : pair.slice(0, eq);
    const level = eq < 0 ? '' : pair.slice(eq + 1);
    if (!LINT_CODES.includes(code)) throw new UsageError(`--rule: unknown rule "${code}" (rules: ${LINT_CODES.join(', ')})`);
    if (!LINT_LEVELS.includes(level as LintLevel)) throw new UsageError(`--rule ${code} needs a level (${LINT_LEVELS.join(' | ')}), got "${level}"`);
    rules[code] = level as LintLevel;
  }
  return {
    paths: positionals,
    rules,
    deepStackMin: positiveInt(values['deep-stack'], '--deep-stack', undefined, 2),
    format: values.sarif ? ('sarif' as const) : values.json ? ('json' as const) : ('text' as const),
  };
}

function isLintable(name: string): boolean {
  return LINT_EXTENSIONS.some((ext) => name.endsWith(ext)) && !/\.d\.(m|c)?ts$/.test(name);
}

/** Files under the given paths, in a stable order. A missing path is an I/O error (exit 2). */
function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && isLintable(entry.name)) out.push(full);
    }
  };
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`No such file or directory: ${p}`);
    if (stat.isDirectory()) visit(p);
    else out.push(p);
  }
  return [...new Set(out.map((f) => path.resolve(f)))];
}

const oneBased = (r: LintRange) => `${r.start.line + 1}:${r.start.column + 1}`;

function renderText(results: FileResult[], checked: number): string {
  const lines: string[] = [];
  const counts: Record<LintSeverity | 'syntax', number> = { error: 0, warning: 0, info: 0, hint: 0, syntax: 0 };
  for (const { file, result } of results) {
    for (const e of result.parseErrors) {
      counts.syntax++;
      lines.push(`${relative(file)}:${oneBased(e.range)} error syntax-error ${e.message}`);
    }
    for (const d of result.diagnostics) {
      counts[d.severity]++;
      lines.push(`${relative(file)}:${oneBased(d.range)} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  const analyzed = results.filter((r) => r.result.usesTfjs).length;
  lines.push(`${analyzed} TensorFlow.js file(s) of ${checked} checked: ${counts.error + counts.syntax} error(s), ${counts.warning} warning(s), ${counts.info} info, ${counts.hint} hint(s)`);
  return lines.join('\n');
}

function sarifRegion(r: LintRange): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1, charOffset: r.start.offset, charLength: r.end.offset - r.start.offset };
}

function lintSarif(results: FileResult[]): Sarif.Log {
  const location = artifactLocation;
  const ruleIndex = new Map(LINT_RULES.map((r, i) => [r.code, i]));
  const toResult = (file: string, d: LintDiagnostic): Sarif.Result => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: location(file), region: sarifRegion(d.range) } }],
    ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: location(file), region: sarifRegion(r.range) } })) } : {}),
    ...(d.fixes.length
      ? { fixes: d.fixes.map((f) => ({ description: { text: f.title }, artifactChanges: [{ artifactLocation: location(file), replacements: f.edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })) }] })) }
      : {}),
  });
  return sarifLog(
    LINT_RULES.map((r) => ({ id: r.code, name: r.code, shortDescription: { text: r.title }, helpUri: r.docUrl, defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] } })),
    results.flatMap(({ file, result }) => result.diagnostics.map((d) => toResult(file, d))),
    {
      executionSuccessful: true,
      toolExecutionNotifications: results.flatMap(({ file, result }) =>
        result.parseErrors.map((e) => ({ level: 'error' as const, message: { text: `Syntax error: ${e.message}` }, locations: [{ physicalLocation: { artifactLocation: location(file), region: sarifRegion(e.range) } }] })),
      ),
    },
  );
}

export async function lintCommand(argv: string[]): Promise<number> {
  let options;
  let results: FileResult[];
  try {
    options = parseCommandLine(argv);
    if (!options) {
      process.stdout.write(`${LINT_USAGE}\n`);
      return 0;
    }
    const lintOptions = { rules: options.rules, deepStackMin: options.deepStackMin };
    results = collectFiles(options.paths).map((file) => ({ file, result: lintSource(fs.readFileSync(file, 'utf8'), file, lintOptions) }));
  } catch (error) {
    if (isUsageError(error)) {
      process.stderr.write(`gradient-lens: ${(error as Error).message}\n\n${LINT_USAGE}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) {
      process.stderr.write(`gradient-lens: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  // Only files that use tfjs are reported (syntax errors of unrelated files are someone else's business).
  const relevant = results.filter((r) => r.result.usesTfjs || (r.result.parseErrors.length > 0 && isExplicit(r.file, options.paths)));
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ files: relevant.map(({ file, result }) => ({ file: relative(file), ...result })), rules: LINT_RULES }, null, 2)}\n`);
  } else if (options.format === 'sarif') {
    process.stdout.write(`${JSON.stringify(lintSarif(relevant), null, 2)}\n`);
  } else {
    process.stdout.write(`${renderText(relevant, results.length)}\n`);
  }
  const failing = relevant.some(({ result }) => result.parseErrors.length > 0 || result.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
  return failing ? 1 : 0;
}

function isExplicit(file: string, paths: string[]): boolean {
  return paths.some((p) => path.resolve(p) === file);
}
