// Static warnings confirmed or dismissed by the last profile of the same file. A rule's diagnostic names
// the layer calls it is about (LintDiagnostic.layers); the profile measured layers created at those lines.
// Where every one of them was measured (and none of their lines was edited since), the diagnostic shows the
// figures: a problem the run found is upgraded and the runtime findings about it are absorbed (shown once,
// by this diagnostic); one the run measured healthy becomes a hint whose fixes are no longer preferred.
import { formatNumber } from '../format';
import type { FindingCode } from '../protocol';
import { LineIndex } from './parse';
import type { LintDiagnostic, LintRange, LintSeverity } from './types';

/** A layer of the last profile that was created in this document. */
export interface MeasuredLayer {
  name: string;
  /** 1-based line and column of its creating call (as in the report), moved with the edits since the run. */
  line: number;
  column?: number;
  /** ‖g‖ of the layer at step 0; NaN for a layer without trainable weights. */
  gradNorm: number;
  /** Its line was edited since the run: the measurement no longer describes the code. */
  stale: boolean;
}

/** A runtime finding of the last profile about one layer. */
export interface MeasuredFinding {
  code: FindingCode;
  message: string;
  layer?: string;
}

export interface ProfileEvidence<F extends MeasuredFinding = MeasuredFinding> {
  /** In model order (the report's order). */
  layers: MeasuredLayer[];
  findings: F[];
}

export interface EvidenceOutcome<F extends MeasuredFinding> {
  diagnostics: LintDiagnostic[];
  /** Runtime findings a static diagnostic now shows: the runtime view leaves them out (one finding per cause). */
  absorbed: F[];
}

interface RuleEvidence {
  /** Runtime findings that confirm the static reasoning on these layers. */
  confirms: FindingCode[];
  /** 'stack': ‖g‖ first/last layer of the stack; 'layer': the layer's own ‖g‖. */
  measure: 'stack' | 'layer';
  /** Measured without a confirming finding: a hint. Rules whose problem a profile cannot see keep their level. */
  dismissible: boolean;
}

const RULE_EVIDENCE: Record<string, RuleEvidence> = {
  'deep-saturating-stack': { confirms: ['vanishing', 'saturation'], measure: 'stack', dismissible: true },
  'large-initializer': { confirms: ['exploding', 'non-finite', 'saturation'], measure: 'layer', dismissible: true },
  'initializer-activation-mismatch': { confirms: ['vanishing', 'exploding', 'dead-relu', 'saturation'], measure: 'layer', dismissible: true },
  // Units that never differentiate look healthy layer by layer: the run can confirm (a dead or vanishing
  // layer) but not dismiss.
  'constant-initializer': { confirms: ['dead-relu', 'vanishing', 'exploding', 'non-finite'], measure: 'layer', dismissible: false },
};

/**
 * ‖g‖ first/last layer of a stack at or above which its gradients reached the first layer healthy: the
 * runtime rule calls a layer vanishing at 1e-3 of the largest; from 0.1 a stack trains like a ReLU one
 * (bench/saturatingStacks.ts: Glorot tanh stacks measure 0.3–1.1, sigmoid ones 2.6e-2 from 4 layers).
 */
export const HEALTHY_STACK_RATIO = 0.1;

const LEVELS: LintSeverity[] = ['hint', 'info', 'warning', 'error'];
const upgrade = (s: LintSeverity): LintSeverity => LEVELS[Math.min(LEVELS.length - 1, LEVELS.indexOf(s) + 1)];

/** The measured layers created inside `range` (a layer call; a loop's call creates several). */
function layersIn(range: LintRange, layers: MeasuredLayer[]): MeasuredLayer[] {
  return layers.filter((l) => {
    const line = l.line - 1;
    if (line < range.start.line || line > range.end.line) return false;
    if (l.column === undefined) return true;
    const column = l.column - 1;
    return (line > range.start.line || column >= range.start.column) && (line < range.end.line || column <= range.end.column);
  });
}

function lines(layers: MeasuredLayer[]): string {
  const unique = [...new Set(layers.map((l) => l.line))].sort((a, b) => a - b);
  return unique.length === 1 ? `line ${unique[0]}` : unique.length === 2 ? `lines ${unique[0]} and ${unique[1]}` : `lines ${unique[0]}–${unique[unique.length - 1]}`;
}

function firstSentence(message: string): string {
  const end = message.search(/[.:](\s|$)/);
  return end < 0 ? message : message.slice(0, end);
}

/** The diagnostic with what the profile measured about its layers, or undefined when it measured none of them fully. */
function judge<F extends MeasuredFinding>(d: LintDiagnostic, rule: RuleEvidence, evidence: ProfileEvidence<F>, index: LineIndex): { diagnostic: LintDiagnostic; absorbed: F[] } | undefined {
  if (!d.layers?.length) return undefined;
  const perCall = d.layers.map((range) => layersIn(range, evidence.layers));
  // Every layer the warning is about must have been measured, and none edited since the run.
  if (perCall.some((ls) => ls.length === 0 || ls.some((l) => l.stale || !Number.isFinite(l.gradNorm)))) return undefined;
  const measured = new Set(perCall.flat());
  const ordered = evidence.layers.filter((l) => measured.has(l));
  const names = new Set(ordered.map((l) => l.name));
  const confirming = evidence.findings.filter((f) => f.layer !== undefined && names.has(f.layer) && rule.confirms.includes(f.code));
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const figure = rule.measure === 'stack' ? `‖g‖ first/last layer ${formatNumber(first.gradNorm / last.gradNorm)}` : `‖g‖ ${formatNumber(first.gradNorm)}`;

  if (confirming.length > 0) {
    const byName = new Map(ordered.map((l) => [l.name, l]));
    const codes = [...new Set(confirming.map((f) => f.code))].join(' and ');
    const at = confirming.map((f) => byName.get(f.layer!)!);
    const related = confirming.map((f) => {
      const line = byName.get(f.layer!)!.line - 1;
      return { range: index.lineRange(line), message: `runtime ${f.code} (last profile): ${firstSentence(f.message)}` };
    });
    return {
      diagnostic: {
        ...d,
        severity: upgrade(d.severity),
        message: `Confirmed by the last profile (measured ${figure}; runtime ${codes} at ${lines(at)}): ${d.message}`,
        related: [...(d.related ?? []), ...related],
        evidence: { verdict: 'confirmed', summary: `measured: ${figure}; ${codes} at ${lines(at)}` },
      },
      absorbed: confirming,
    };
  }
  const healthy = rule.measure === 'stack' ? first.gradNorm / last.gradNorm >= HEALTHY_STACK_RATIO : true;
  if (rule.dismissible && healthy) {
    const what = rule.measure === 'stack' ? 'the gradient reached the first layer of this stack' : `no ${rule.confirms.join('/')} finding on this layer`;
    return {
      diagnostic: {
        ...d,
        severity: 'hint',
        message: `measured: ${figure} in the last profile, ${what}, so this is a hint, not a warning. ${d.message}`,
        fixes: d.fixes.map((f) => ({ ...f, isPreferred: false })),
        evidence: { verdict: 'dismissed', summary: `measured: ${figure}` },
      },
      absorbed: [],
    };
  }
  return {
    diagnostic: { ...d, message: `measured: ${figure} in the last profile. ${d.message}`, evidence: { verdict: 'measured', summary: `measured: ${figure}` } },
    absorbed: [],
  };
}

/** Applies the last profile's measurements to the diagnostics of the same document (`text`: its current text). */
export function applyEvidence<F extends MeasuredFinding>(diagnostics: LintDiagnostic[], evidence: ProfileEvidence<F>, text: string): EvidenceOutcome<F> {
  const index = new LineIndex(text);
  const absorbed: F[] = [];
  const out = diagnostics.map((d) => {
    const rule = RULE_EVIDENCE[d.code];
    const judged = rule && judge(d, rule, evidence, index);
    if (!judged) return d;
    for (const f of judged.absorbed) if (!absorbed.includes(f)) absorbed.push(f);
    return judged.diagnostic;
  });
  return { diagnostics: out, absorbed };
}
