// Status bar: the running profile's step or the watched training's step, epoch and loss (click: cancel / stop),
// else the last result's summary ("$(pulse) 2 vanishing · 1 dead", a watch's with its step). Clicking it shows
// the report.
import * as path from 'path';
import * as vscode from 'vscode';
import { statusSummary } from '../core/presentation';
import { COMMANDS } from './constants';
import type { ResultsStore } from './resultsStore';
import { stepProgress } from '../core/plateau';

export function registerStatusBar(store: ResultsStore): vscode.Disposable & { readonly text: string } {
  const item = vscode.window.createStatusBarItem('gradientLens.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Gradient Lens';
  const update = () => {
    const running = store.running()[0];
    if (running) {
      const step = running.step !== undefined && running.totalSteps !== undefined ? ` ${stepProgress(running.step, running.totalSteps)}` : '';
      item.text = `$(sync~spin) ${running.message}${step}`;
      item.tooltip = running.kind === 'watch' ? `Gradient Lens: watching ${path.basename(running.file)} train. Click to stop (the run is kept).` : `Gradient Lens: profiling ${path.basename(running.file)}`;
      item.command = running.kind === 'watch' ? { command: COMMANDS.stopWatch, title: 'Stop watching', arguments: [vscode.Uri.file(running.file)] } : COMMANDS.cancel;
      item.show();
      return;
    }
    const entry = store.lastFile ? store.get(store.lastFile) : undefined;
    if (!entry) {
      item.hide();
      return;
    }
    item.text = statusSummary(entry.report) + (entry.watch ? ` · step ${entry.watch.step}` : '');
    item.tooltip = `Gradient Lens: ${path.basename(entry.file)}${entry.report.error ? ` — ${entry.report.error.message}` : ''}. Click to show the report.`;
    item.command = { command: COMMANDS.showReport, title: 'Show Markdown report', arguments: [vscode.Uri.file(entry.file)] };
    item.show();
  };
  update();
  const disposable = vscode.Disposable.from(item, store.onDidChange(update), store.onDidChangeRunning(update));
  return {
    dispose: () => disposable.dispose(),
    get text() {
      return item.text;
    },
  };
}
