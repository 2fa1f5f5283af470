// Static analyzer of TensorFlow.js model code: parse (@babel/parser), read what the file builds, run the
// rules. Pure TypeScript, no vscode: the editor adapter and `gradient-lens lint` both call lintSource().
import type { Node } from '@babel/types';
import { analyzeModel } from './analyzer';
import { LineIndex, parseSource } from './parse';
import { LINT_RULES, runRules, type ReportContext } from './rules';
import type { LintDiagnostic, LintOptions, LintResult } from './types';
import { LINT_DEFAULTS } from '../defaults';

export * from './types';
export { LINT_RULES } from './rules';
export { LINT_EXTENSIONS } from './parse';
export { applyEvidence, HEALTHY_STACK_RATIO, type EvidenceOutcome, type MeasuredFinding, type MeasuredLayer, type ProfileEvidence } from './evidence';

const TOO_DEEP = 'The code is nested too deeply to analyze';

export function lintSource(text: string, fileName: string, options: LintOptions = {}): LintResult {
  const lines = new LineIndex(text);
  const parsed = parseSource(text, fileName);
  const parseErrors = parsed.errors.map((e) => ({ message: e.message, range: lines.range(e.offset, e.offset) }));
  if (!parsed.ast) return { diagnostics: [], usesTfjs: false, parseErrors };
  let facts;
  try {
    facts = analyzeModel(parsed.ast.program);
  } catch (error) {
    // Nesting deep enough to exhaust the stack: report it like a parse problem instead of failing.
    if (!(error instanceof RangeError)) throw error;
    return { diagnostics: [], usesTfjs: false, parseErrors: [...parseErrors, { message: TOO_DEEP, range: lines.range(0, 0) }] };
  }
  if (!facts.usesTfjs) return { diagnostics: [], usesTfjs: false, parseErrors };

  const levels = options.rules ?? {};
  const diagnostics: LintDiagnostic[] = [];
  const seen = new Set<string>();
  const nodeRange = (node: Node) => lines.range(node.start ?? 0, node.end ?? 0);
  const ctx: ReportContext = {
    text,
    lines,
    deepStackMin: options.deepStackMin ?? LINT_DEFAULTS.deepStackMin,
    report(info, node, message, { fixes = [], related = [], layers = [], severity } = {}) {
      const level = levels[info.code] ?? severity ?? info.defaultSeverity;
      const key = `${info.code}@${node.start}`;
      if (level === 'off' || seen.has(key)) return;
      seen.add(key);
      diagnostics.push({
        code: info.code,
        severity: level,
        message,
        range: nodeRange(node),
        docUrl: info.docUrl,
        fixes,
        ...(related.length ? { related: related.map((r) => ({ range: nodeRange(r.node), message: r.message })) } : {}),
        ...(layers.length ? { layers: layers.map(nodeRange) } : {}),
      });
    },
  };
  runRules(ctx, facts);
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
  return { diagnostics, usesTfjs: true, parseErrors };
}

/** The rule codes, for validating settings and --rule flags. */
export const LINT_CODES: readonly string[] = LINT_RULES.map((r) => r.code);
