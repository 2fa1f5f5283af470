// Quick fixes of the static analyzer's diagnostics: each fix the analyzer offers (switch activation and
// initializer, swap the loss, insert an activation, reorder BatchNormalization/Dropout, …) as a QuickFix
// code action editing the document. The fixes come from an analysis of the document's current version,
// so their edit ranges are never stale even while a debounced diagnostics refresh is pending.
import * as vscode from 'vscode';
import type { LintFix } from '../core/lint';
import { LINT_SELECTOR, toVsDiagnostic, toVsRange, type LintDiagnostics } from './lintDiagnostics';

/** A sub-kind of QuickFix, so keybindings (and tests) can ask for these fixes alone. */
export const LINT_FIX_KIND = vscode.CodeActionKind.QuickFix.append('gradientLens');

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

class LintQuickFixes implements vscode.CodeActionProvider {
  constructor(private readonly lint: LintDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !LINT_FIX_KIND.intersects(context.only)) return [];
    const result = this.lint.resultFor(document);
    if (!result?.usesTfjs) return [];
    const actions: vscode.CodeAction[] = [];
    for (const lint of result.diagnostics) {
      if (lint.fixes.length === 0) continue;
      const lintRange = toVsRange(document, lint.range);
      if (!lintRange.intersection(range)) continue;
      // The editor's own diagnostic object when it shows this one, so the fix is tied to the squiggle.
      const shown = context.diagnostics.find((d) => codeOf(d) === lint.code && d.range.isEqual(lintRange) && d.message === lint.message);
      const diagnostic = shown ?? toVsDiagnostic(document, lint);
      for (const fix of lint.fixes) actions.push(quickFix(document, fix, diagnostic));
    }
    return actions;
  }
}

function quickFix(document: vscode.TextDocument, fix: LintFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, LINT_FIX_KIND);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(document.uri, toVsRange(document, e.range), e.newText);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred ?? false;
  return action;
}

export function registerLintCodeActions(lint: LintDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(LINT_SELECTOR, new LintQuickFixes(lint), {
    providedCodeActionKinds: [LINT_FIX_KIND],
  });
}
