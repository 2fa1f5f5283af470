// End-of-line decorations after each line that created a layer: `∇ 2.1e-3` (+ verdict), coloured by
// verdict through the contributed theme colours; several layers on one line are aggregated. Renders
// every visible editor whose file holds layers of any stored result (also files other than the profiled
// one). Re-renders after edits are debounced; VS Code moves the existing decorations meanwhile.
import * as vscode from 'vscode';
import type { FindingCode } from '../core/protocol';
import { lineDecoration, VERDICT_COLORS, type VerdictColor } from '../core/presentation';
import { readSettings } from './config';
import { fileKey, type ResultsStore } from './resultsStore';

export interface RenderedDecoration {
  /** 1-based */
  line: number;
  text: string;
  verdicts: FindingCode[];
  /** Theme colour id, e.g. gradientLens.vanishingForeground */
  color: string;
}

const EDIT_DEBOUNCE_MS = 150;

export const themeColorId = (color: VerdictColor) => `gradientLens.${color}Foreground`;

export class DecorationRenderer implements vscode.Disposable {
  private readonly types = new Map<VerdictColor, vscode.TextEditorDecorationType>();
  /** What was last rendered, per document URI. */
  private readonly rendered = new Map<string, RenderedDecoration[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pendingFiles = new Set<string>();

  constructor(private readonly store: ResultsStore) {
    for (const color of VERDICT_COLORS) {
      this.types.set(
        color,
        vscode.window.createTextEditorDecorationType({
          after: { color: new vscode.ThemeColor(themeColorId(color)), margin: '0 0 0 2em', fontStyle: color === 'stale' ? 'italic' : 'normal' },
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      );
    }
    this.subscriptions.push(
      store.onDidChange((change) => {
        change.files.forEach((f) => this.pendingFiles.add(f));
        if (change.reason === 'edit') this.schedule();
        else this.flush();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gradientLens.decorations')) this.renderAll();
      }),
    );
    this.renderAll();
  }

  /** The decorations last rendered in the editor(s) of `uri`. */
  renderedFor(uri: vscode.Uri): RenderedDecoration[] {
    return this.rendered.get(uri.toString()) ?? [];
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), EDIT_DEBOUNCE_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const files = new Set(this.pendingFiles);
    this.pendingFiles.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme === 'file' && files.has(fileKey(editor.document.uri))) this.render(editor);
    }
  }

  renderAll(): void {
    this.pendingFiles.clear();
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.scheme === 'file') this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    const { decorationsEnabled, decorationStyle } = readSettings(editor.document.uri);
    const options = new Map<VerdictColor, vscode.DecorationOptions[]>(VERDICT_COLORS.map((c) => [c, []]));
    const rendered: RenderedDecoration[] = [];
    if (decorationsEnabled) {
      const byLine = this.store.layersByLine(editor.document.uri);
      for (const [line, items] of [...byLine].sort((a, b) => a[0] - b[0])) {
        if (line < 1 || line > editor.document.lineCount) continue;
        // Layers without weights or verdicts (Flatten, Dropout, …) get no decoration of their own.
        const shown = items.filter(({ layer }) => layer.weights.length > 0 || layer.verdicts.length > 0);
        if (!shown.length) continue;
        const decoration = lineDecoration(
          shown.map((s) => s.layer),
          decorationStyle,
          shown.some((s) => s.stale),
          shown.some((s) => s.entry.report.partial),
        );
        // A watched run's numbers are those of one step: say which (they move while training runs).
        const watch = shown.find((s) => s.entry.watch)?.entry.watch;
        if (watch) decoration.text += ` · step ${watch.step}`;
        const end = editor.document.lineAt(line - 1).range.end;
        options.get(decoration.color)!.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: decoration.text } } });
        rendered.push({ line, text: decoration.text, verdicts: decoration.verdicts, color: themeColorId(decoration.color) });
      }
    }
    for (const [color, type] of this.types) editor.setDecorations(type, options.get(color)!);
    this.rendered.set(editor.document.uri.toString(), rendered);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
