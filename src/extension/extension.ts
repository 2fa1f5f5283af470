// Wiring only: each feature lives in its own file and renders from the one results store.
//   command → host client → runner → protocol events → ResultsStore → decorations, hovers, diagnostics,
//   CodeLens, status bar, report preview.
//   Editor text → static analyzer (src/core/lint, nothing executed) → lint diagnostics and quick fixes.
// Activation stays cheap: nothing here loads TensorFlow.js (the runner process does).
import * as vscode from 'vscode';
import { createApi, type GradientLensApi } from './api';
import { ArgumentsStore } from './argumentsStore';
import { registerLintCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerContextKeys } from './contextKeys';
import { DecorationRenderer } from './decorations';
import { DiagnosticsView } from './diagnostics';
import { registerHover } from './hover';
import { registerLineTracker } from './lineTracker';
import { LintDiagnostics } from './lintDiagnostics';
import { createLog } from './log';
import { LrCommand, registerLrCommands } from './lrCommand';
import { PanelManager, registerPanelCommands } from './panel';
import { ProfileCommand } from './profileCommand';
import { GradcheckCommand } from './gradcheckCommand';
import { ReportView } from './reportView';
import { ResultsStore } from './resultsStore';
import { loadSourceTools } from './sourceToolsLoader';
import { registerStatusBar } from './statusBar';
import { registerWalkthrough } from './walkthrough';
import { RunStore } from './runStore';
import { RunsCommands } from './runsCommands';
import { registerWatchCommands, WatchCommand } from './watchCommand';

export function activate(context: vscode.ExtensionContext): GradientLensApi {
  const log = createLog();
  const store = new ResultsStore();
  const args = new ArgumentsStore(context.workspaceState);
  // Run files live in this workspace's storage (the global one when no folder is open).
  const runStore = new RunStore(context.storageUri ?? context.globalStorageUri);
  const profileCommand = new ProfileCommand(context.extensionPath, store, log, args, runStore);
  const decorations = new DecorationRenderer(store);
  const report = new ReportView(store);
  const lint = new LintDiagnostics(log, loadSourceTools, store);
  const panels = new PanelManager(context.extensionUri, store, log);
  const lrCommand = new LrCommand(context.extensionPath, panels, log, args);
  const gradcheck = new GradcheckCommand(context.extensionPath, log, args);
  const watchCommand = new WatchCommand(context.extensionPath, store, panels, runStore, log, args);
  const runs = new RunsCommands(runStore, panels, log);
  const statusBar = registerStatusBar(store);
  context.subscriptions.push(
    log,
    store,
    profileCommand,
    decorations,
    new DiagnosticsView(store, lint),
    lint,
    registerLintCodeActions(lint),
    report,
    registerHover(store),
    registerCodeLens(store),
    registerLineTracker(store),
    statusBar,
    registerContextKeys(store),
    registerCommands(profileCommand, store, args, report),
    panels,
    panels.registerSerializer(),
    registerPanelCommands(panels, store),
    lrCommand,
    registerLrCommands(lrCommand),
    gradcheck,
    gradcheck.register(),
    registerWalkthrough(context),
    watchCommand,
    registerWatchCommands(watchCommand),
    runs.register(),
  );
  return createApi(profileCommand, store, decorations, panels, lrCommand, { watchCommand, runStore, runs, statusBar });
}

export function deactivate(): void {}
