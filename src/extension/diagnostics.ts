// Problems: each finding at its layer's line (source "Gradient Lens", code linking the rule doc), the
// other layers of its cause, the definitions it involves and the helper lines that made its layer as related information,
// model-level findings at the model construction (or line 1), and a failed run at its error location.
// Rebuilt from the results store whenever it changes.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Severity } from '../core/protocol';
import type { ReportFinding } from '../core/report';
import { firstModelLine } from '../core/modelSites';
import { findingSite, findingText, helperSites, relatedSites } from '../core/findingSites';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from './constants';
import type { ResultEntry, ResultsStore } from './resultsStore';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function documentText(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** 1-based line of the first `tf.sequential(` / `tf.model(` in the profiled file, else its first layer, else 1 (also the hover's, for the checks not made). */
export function modelLine(entry: ResultEntry): number {
  const text = documentText(entry.file);
  const line = text === undefined ? undefined : firstModelLine(text);
  if (line !== undefined) return line;
  const lines = entry.report.layers.filter((l) => l.file === entry.file && l.line !== undefined).map((l) => l.line!);
  return lines.length ? Math.min(...lines) : 1;
}

function lineRange(line: number, column?: number): vscode.Range {
  // Clamped by the editor to the line's real length.
  return new vscode.Range(line - 1, Math.max(0, (column ?? 1) - 1), line - 1, Number.MAX_SAFE_INTEGER);
}

export class DiagnosticsView implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gradient-lens');
  private readonly subscription: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  private readonly absorbedSubscription: vscode.Disposable | undefined;

  /**
   * `absorbed`: the runtime findings a static warning of the same layers shows with its measurement (see
   * lintDiagnostics.ts); they are left out here so one cause shows once.
   */
  constructor(
    private readonly store: ResultsStore,
    private readonly absorbed?: { isAbsorbed(finding: ReportFinding): boolean; onDidChangeAbsorbed: vscode.Event<void> },
  ) {
    this.subscription = store.onDidChange((change) => {
      if (change.reason !== 'edit') return this.refresh();
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 150);
    });
    this.absorbedSubscription = absorbed?.onDidChangeAbsorbed(() => this.refresh());
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, diagnostic: vscode.Diagnostic) => {
      diagnostic.source = DIAGNOSTIC_SOURCE;
      const list = byFile.get(file) ?? [];
      list.push(diagnostic);
      byFile.set(file, list);
    };
    for (const entry of this.store.all()) {
      const report = entry.report;
      for (const finding of report.findings) {
        if (this.absorbed?.isAbsorbed(finding)) continue;
        const site = findingSite(report.layers, finding);
        if (site.lineless) continue; // no user frame, or its line was deleted
        const file = site.file ?? entry.file;
        const line = site.line ?? modelLine(entry);
        // A watched run's finding says when its condition began (NaN at step 4120 is the news).
        const diagnostic = new vscode.Diagnostic(lineRange(line, site.column), findingText(finding, !!entry.watch), SEVERITY[finding.severity]);
        diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocUrl(finding.code)) };
        // One diagnostic per cause: the cause layer and the other layers it affects as related locations,
        // at their layers' current lines (the store shifts those as the file is edited).
        // Then, where the user's helper made the finding's layer (one per helper frame, the hover's words), so the
        // Problems panel leads to the helper line as the hover does.
        const related = [...relatedSites(report.layers, finding), ...helperSites(report.layers, finding, (file) => vscode.workspace.asRelativePath(file))].map(
          (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), lineRange(r.line, r.column)), r.message),
        );
        if (related.length) diagnostic.relatedInformation = related;
        add(file, diagnostic);
      }
      const error = report.error;
      if (report.status === 'failed' && error && error.kind !== 'cancelled') {
        const location = error.location;
        const diagnostic = new vscode.Diagnostic(
          location ? lineRange(location.line, location.column) : lineRange(modelLine(entry)),
          `${report.partial ? 'Partial profile' : 'Profiling failed'} (${error.kind}): ${error.message}${error.details?.length ? ` [${error.details.join(', ')}]` : ''}`,
          // A run that stopped after measuring steps is no error in the user's code.
          report.partial ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
        );
        diagnostic.code = error.kind;
        add(location?.file ?? entry.file, diagnostic);
      }
    }
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.absorbedSubscription?.dispose();
    this.collection.dispose();
  }
}
