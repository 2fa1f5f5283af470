// Wiring only: each feature lives in its own file and renders from the one results store.
//   command → host client → runner → protocol events → ResultsStore → decorations, hovers, diagnostics,
//   CodeLens, status bar, report preview.
// Activation stays cheap: nothing here loads TensorFlow.js (the runner process does).
import * as vscode from 'vscode';
import { createApi, type GradientLensApi } from './api';
import { ArgumentsStore } from './argumentsStore';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerContextKeys } from './contextKeys';
import { DecorationRenderer } from './decorations';
import { DiagnosticsView } from './diagnostics';
import { registerHover } from './hover';
import { registerLineTracker } from './lineTracker';
import { createLog } from './log';
import { Profiler } from './profiler';
import { ReportView } from './reportView';
import { ResultsStore } from './resultsStore';
import { registerStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): GradientLensApi {
  const log = createLog();
  const store = new ResultsStore();
  const args = new ArgumentsStore(context.workspaceState);
  const profiler = new Profiler(context.extensionPath, store, log, args);
  const decorations = new DecorationRenderer(store);
  const report = new ReportView(store);
  context.subscriptions.push(
    log,
    store,
    profiler,
    decorations,
    new DiagnosticsView(store),
    report,
    registerHover(store),
    registerCodeLens(store),
    registerLineTracker(store),
    registerStatusBar(store),
    registerContextKeys(store),
    registerCommands(profiler, store, args, report),
  );
  return createApi(profiler, store, decorations);
}

export function deactivate(): void {}
