// "Show Markdown report": the whole profile as a read-only Markdown document (virtual, scheme
// gradient-lens-report) in the Markdown preview, refreshed with the store. Unlike the gradient panel it
// can be copied, searched and read without a webview.
import * as vscode from 'vscode';
import { reportMarkdown } from '../core/presentation';
import { ruleDocUrl } from './constants';
import { fileKey, type ResultsStore } from './resultsStore';

export const REPORT_SCHEME = 'gradient-lens-report';
const SUFFIX = '.gradient-lens.md';

export const reportUri = (file: string) => vscode.Uri.from({ scheme: REPORT_SCHEME, path: file + SUFFIX });

export class ReportView implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ResultsStore) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
      store.onDidChange((change) => {
        if (change.reason === 'edit') return;
        for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === REPORT_SCHEME) this.changed.fire(doc.uri);
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const file = uri.path.endsWith(SUFFIX) ? uri.path.slice(0, -SUFFIX.length) : uri.path;
    const entry = this.store.get(file);
    if (!entry) return `# Gradient Lens\n\nNo results for ${file}. Run **Gradient Lens: Profile gradients** on it.`;
    return reportMarkdown(entry.report, ruleDocUrl, (f) => vscode.workspace.asRelativePath(f));
  }

  /** Opens the report of `uri` (default: the active editor's file, else the last profiled file). */
  async show(uri?: vscode.Uri): Promise<void> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const candidates = [uri, active?.scheme === 'file' ? active : undefined].filter((u): u is vscode.Uri => !!u && u.scheme === 'file');
    const file = candidates.map((u) => fileKey(u)).find((f) => this.store.get(f)) ?? this.store.lastFile;
    if (!file) {
      void vscode.window.showInformationMessage('Gradient Lens: no results yet. Run "Gradient Lens: Profile gradients" on a model file first.');
      return;
    }
    const target = reportUri(file);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', target);
    } catch {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: true });
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
