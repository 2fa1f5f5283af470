// "Profile gradients" above each `tf.sequential(` / `tf.model(` (a regex over the text), and the last
// result's summary next to it once the file has been profiled.
import * as vscode from 'vscode';
import { statusSummary } from '../core/presentation';
import { modelConstructionOffsets } from '../core/modelSites';
import { COMMANDS, DOCUMENT_SELECTOR } from './constants';
import type { ResultsStore } from './resultsStore';

export function registerCodeLens(store: ResultsStore): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const subscription = store.onDidChange((change) => {
    if (change.reason !== 'edit') changed.fire();
  });
  const provider = vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      const text = document.getText();
      const lenses: vscode.CodeLens[] = [];
      const entry = store.get(document.uri);
      const report = entry?.report;
      for (const offset of modelConstructionOffsets(text)) {
        const start = document.positionAt(offset);
        const range = new vscode.Range(start, start);
        lenses.push(new vscode.CodeLens(range, { title: '$(pulse) Profile gradients', command: COMMANDS.profile, arguments: [document.uri], tooltip: 'Profile the per-layer gradients of this model (Gradient Lens)' }));
        lenses.push(new vscode.CodeLens(range, { title: '$(graph-line) Find learning rate', command: COMMANDS.findLearningRate, arguments: [document.uri], tooltip: 'Run a learning-rate range test on this model and chart it (Gradient Lens)' }));
        lenses.push(
          new vscode.CodeLens(range, { title: '$(eye) Watch training', command: COMMANDS.watchTraining, arguments: [document.uri], tooltip: 'Run this file’s training to its end, recording every layer’s gradients at every step (Gradient Lens)' }),
        );
        if (report) {
          const summary = entry.watch?.running ? `watching: step ${entry.watch.step}` : statusSummary(report).replace(/^\$\([^)]+\) /, '') + (entry.watch ? ` · step ${entry.watch.step}` : '');
          lenses.push(new vscode.CodeLens(range, { title: summary, command: COMMANDS.showGradientPanel, arguments: [document.uri], tooltip: 'Show the gradient panel of this file (Gradient Lens)' }));
        }
      }
      return lenses;
    },
  });
  return vscode.Disposable.from(provider, subscription, changed);
}
