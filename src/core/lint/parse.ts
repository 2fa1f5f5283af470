// Parsing with @babel/parser: TS and JS with exact locations, errorRecovery for half-typed code.
import { parse, type ParseResult } from '@babel/parser';
import type { File } from '@babel/types';
import type { LintPosition, LintRange } from './types';

export const LINT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;

export interface Parsed {
  ast: File | undefined;
  errors: { message: string; offset: number }[];
}

/** Offsets ↔ 0-based line/UTF-16 column, for node locations and for edits at arbitrary offsets. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
      else if (c === 13) continue;
    }
  }
  position(offset: number): LintPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.starts[lo], offset: clamped };
  }
  range(start: number, end: number): LintRange {
    return { start: this.position(start), end: this.position(end) };
  }
  /** The whole of 0-based `line` (clamped to the text). */
  lineRange(line: number): LintRange {
    const start = this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
    let end = start;
    while (end < this.text.length && this.text[end] !== '\n' && this.text[end] !== '\r') end++;
    return this.range(start, end);
  }
  lineStart(offset: number): number {
    return this.position(offset).offset - this.position(offset).column;
  }
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

function parseOnce(text: string, fileName: string): ParseResult<File> {
  const ext = extensionOf(fileName);
  const typescript = ext === '.ts' || ext === '.mts' || ext === '.cts';
  const commonjs = ext === '.cjs' || ext === '.cts';
  return parse(text, {
    // 'commonjs' already allows top-level return and rejects the two allow* options.
    sourceType: ext === '.mjs' || ext === '.mts' ? 'module' : commonjs ? 'commonjs' : 'unambiguous',
    errorRecovery: true,
    // Offsets (start/end) are all the analyzer reads: no comments attached, no line/column objects per node
    // (three allocations less per node, which is most of the parser's garbage on big files).
    attachComment: false,
    locations: false,
    ...(commonjs ? {} : { allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true }),
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    plugins: typescript ? ['typescript'] : [],
  });
}

/** Replaces the line holding `offset` with spaces, so offsets of everything else stay exact. */
function blankLine(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/**
 * Parses `text`. errorRecovery handles most half-typed code; for what it cannot recover from (an
 * unclosed `{` on the line being typed, a truncated file) the offending line is blanked and the parse
 * retried a few times, so the rest of the file is still analyzed at its exact offsets.
 */
export function parseSource(text: string, fileName: string): Parsed {
  let attempt = text;
  let firstError: { message: string; offset: number } | undefined;
  for (let tries = 0; tries < 4; tries++) {
    try {
      const ast = parseOnce(attempt, fileName);
      const errors = ast.errors.map((e) => ({ message: e.message, offset: e.pos }));
      if (firstError && !errors.some((e) => e.offset === firstError!.offset)) errors.unshift(firstError);
      return { ast, errors };
    } catch (error) {
      const offset = (error as { pos?: number }).pos;
      const message = error instanceof RangeError ? 'The code is nested too deeply to parse' : (error as Error).message;
      firstError ??= { message, offset: offset ?? 0 };
      if (offset === undefined) break;
      const next = blankLine(attempt, Math.min(offset, Math.max(0, attempt.length - 1)));
      if (next === attempt) break;
      attempt = next;
    }
  }
  return { ast: undefined, errors: firstError ? [firstError] : [] };
}
