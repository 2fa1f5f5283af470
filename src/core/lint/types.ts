// Public types of the static analyzer (the contract the editor adapter and the CLI code against).
export type LintSeverity = 'error' | 'warning' | 'info' | 'hint';
export type LintLevel = LintSeverity | 'off';
/** 0-based line, UTF-16 column and 0-based offset. */
export interface LintPosition { line: number; column: number; offset: number }
export interface LintRange { start: LintPosition; end: LintPosition }
export interface LintEdit { range: LintRange; newText: string }
export interface LintFix { title: string; edits: LintEdit[]; isPreferred?: boolean }
export interface LintDiagnostic {
  /** Stable code, e.g. 'deep-saturating-stack'; also the name of its doc page. */
  code: string;
  severity: LintSeverity;
  message: string;
  range: LintRange;
  docUrl: string;
  fixes: LintFix[];
  related?: { range: LintRange; message: string }[];
  /** The layer calls (tf.layers.x(…)) it is about, input to output: where a profile's measurements apply. */
  layers?: LintRange[];
  /** What the last profile of the file measured about it, when it measured these layers (see evidence.ts). */
  evidence?: LintEvidence;
}
export interface LintEvidence {
  /** confirmed: the run found the problem (upgraded); dismissed: it measured it healthy (a hint); measured: neither. */
  verdict: 'confirmed' | 'dismissed' | 'measured';
  /** The figures, e.g. '‖g‖ first/last layer 0.31'. */
  summary: string;
}
export interface LintOptions {
  /** Per-code level; 'off' disables a rule. Codes not listed keep their default severity. */
  rules?: Record<string, LintLevel>;
  /** Saturating (sigmoid/tanh) hidden layers in a row that count as a deep stack (default 4). */
  deepStackMin?: number;
}
export interface LintResult {
  diagnostics: LintDiagnostic[];
  /** The file imports or requires a TensorFlow.js package; rules only run when it does. */
  usesTfjs: boolean;
  parseErrors: { message: string; range: LintRange }[];
}
export const LINT_SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'info', 'hint'];
export const LINT_LEVELS: readonly LintLevel[] = [...LINT_SEVERITIES, 'off'];
