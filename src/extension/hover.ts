// Hover on a line that created layers: per-weight statistics table, ‖g‖ trend sparkline over the steps,
// verdict explanations with links to the rule documentation.
import * as vscode from 'vscode';
import { hoverMarkdown, partialNote } from '../core/presentation';
import { DOCUMENT_SELECTOR, ruleDocUrl } from './constants';
import type { ResultsStore } from './resultsStore';

export function registerHover(store: ResultsStore): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
    provideHover(document, position) {
      const items = store.layersByLine(document.uri).get(position.line + 1);
      if (!items?.length) return undefined;
      const line = document.lineAt(position.line);
      // Only on the code of the line, not in its leading indentation.
      if (position.character < line.firstNonWhitespaceCharacterIndex) return undefined;
      const markdown = new vscode.MarkdownString(
        hoverMarkdown(
          items.map((i) => i.layer),
          items.flatMap((i) => i.entry.report.findings),
          ruleDocUrl,
          { stale: items.some((i) => i.stale), partial: partialNote(items[0].entry.report), displayPath: (f) => vscode.workspace.asRelativePath(f) },
        ),
      );
      markdown.supportThemeIcons = false;
      return new vscode.Hover(markdown, line.range);
    },
  });
}
