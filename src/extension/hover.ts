// Hover on a line that created layers: per-weight statistics table, ‖g‖ trend sparkline over the steps,
// verdict explanations with links to the rule documentation. On a line that made no layer: the findings the Problems
// panel puts there (a NaN already in the inputs, a loss that turned NaN on compile()). On the model's line: the checks
// after the profiled steps that stopped before deciding — as the CLI's "Not checked:" says.
import * as vscode from 'vscode';
import { hoverMarkdown, partialNote } from '../core/presentation';
import { lineFindingsMarkdown, probeStopsMarkdown } from '../core/lineHover';
import { findingSite } from '../core/findingSites';
import { DOCUMENT_SELECTOR, ruleDocUrl } from './constants';
import { modelLine } from './diagnostics';
import { fileKey, type ResultsStore } from './resultsStore';

export function registerHover(store: ResultsStore): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
    provideHover(document, position) {
      const line = document.lineAt(position.line);
      // Only on the code of the line, not in its leading indentation.
      if (position.character < line.firstNonWhitespaceCharacterIndex) return undefined;
      const here = position.line + 1;
      const file = fileKey(document.uri);
      const parts: string[] = [];
      const items = store.layersByLine(document.uri).get(here);
      if (items?.length) {
        parts.push(
          hoverMarkdown(
            items.map((i) => i.layer),
            items.flatMap((i) => i.entry.report.findings),
            ruleDocUrl,
            { stale: items.some((i) => i.stale), partial: partialNote(items[0].entry.report), displayPath: (f) => vscode.workspace.asRelativePath(f) },
          ),
        );
      }
      for (const entry of store.all()) {
        const report = entry.report;
        // Findings of no layer that sit here (a layer's own findings are in its hover above).
        const onLine = report.findings.filter((f) => {
          if (f.layer && report.layers.some((l) => l.name === f.layer)) return false;
          const site = findingSite(report.layers, f);
          return site.line === here && fileKey(site.file ?? entry.file) === file;
        });
        if (onLine.length) parts.push(lineFindingsMarkdown(onLine, ruleDocUrl, !!entry.watch));
        if (report.probeStops?.length && fileKey(entry.file) === file && modelLine(entry) === here) parts.push(probeStopsMarkdown(report.probeStops, report.backend));
      }
      if (!parts.length) return undefined;
      const markdown = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
      markdown.supportThemeIcons = false;
      return new vscode.Hover(markdown, line.range);
    },
  });
}
