// Keeps stored results on their lines while the user edits: every document change is converted into
// line edits for the results store, which moves lines and marks edited ones stale.
import * as vscode from 'vscode';
import type { LineEdit } from '../core/lineShift';
import { fileKey, type ResultsStore } from './resultsStore';

export function registerLineTracker(store: ResultsStore): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.scheme !== 'file' || event.contentChanges.length === 0) return;
    const file = fileKey(event.document.uri);
    if (!store.references(file)) return;
    const single = event.contentChanges.length === 1;
    const edits: LineEdit[] = event.contentChanges.map((change) => {
      const { start, end } = change.range;
      let startsAtLineEnd = false;
      if (single && start.isEqual(end) && change.text.includes('\n')) {
        // After the edit, line start.line = its old text up to start.character + the text's first line.
        const firstLine = change.text.slice(0, change.text.indexOf('\n')).replace(/\r$/, '');
        startsAtLineEnd = event.document.lineAt(start.line).text.length === start.character + firstLine.length;
      }
      return { startLine: start.line, startColumn: start.character, endLine: end.line, endColumn: end.character, text: change.text.replace(/\r\n/g, '\n'), startsAtLineEnd };
    });
    store.applyEdits(file, edits);
  });
}
