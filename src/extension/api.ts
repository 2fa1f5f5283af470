// The small API activate() returns, for the integration tests (and other extensions).
import type * as vscode from 'vscode';
import type { ProfileReport } from '../core/report';
import type { LrReport } from '../core/lrReport';
import type { LrSettings } from './config';
import type { DecorationRenderer, RenderedDecoration } from './decorations';
import type { LrCommand } from './lrCommand';
import type { PanelManager } from './panel';
import type { ProfileCommand } from './profileCommand';
import type { ResultsStore, ResultEntry } from './resultsStore';
import type { WatchReport } from '../core/watchReport';
import type { CompareOutcome, RunsCommands } from './runsCommands';
import type { RunStore, StoredRun } from './runStore';
import type { WatchCommand, WatchOptions } from './watchCommand';

export interface GradientLensApi {
  /** Profiles `uri` without prompting (a needs-args/ambiguous-export run resolves as failed). */
  profile(uri: vscode.Uri): Promise<ProfileReport>;
  /** What was last rendered as decorations in the editor(s) of `uri` (lines 1-based). */
  getRenderedDecorations(uri: vscode.Uri): RenderedDecoration[];
  /** The stored report of `uri` (lines moved by later edits). */
  getReport(uri: vscode.Uri): ProfileReport | undefined;
  /** Process ids of runner processes that have not exited yet. */
  runnerPids(): number[];
  /** The idle warm runner kept for the next profile (gradientLens.keepRunnerWarm), if any. */
  warmRunnerPid(): number | undefined;
  /** Runs the LR range test on `uri` (gradientLens.lr.* settings, overridden by `overrides`) in its panel. */
  findLearningRate(uri: vscode.Uri, overrides?: Partial<LrSettings>): Promise<LrReport>;
  /** The last finished LR range test of `uri`. */
  getLrReport(uri: vscode.Uri): LrReport | undefined;
  /** The panel of `uri`: the HTML it was given, its tab, whether its webview said ready, visibility. */
  inspectPanel(uri: vscode.Uri): ReturnType<PanelManager['inspect']>;
  /** Feeds `raw` through the panel's own validation and dispatch, as if its webview had posted it. */
  receivePanelMessage(uri: vscode.Uri, raw: unknown): boolean;
  /** How many webview messages failed validation (and were logged and ignored). */
  ignoredPanelMessages(): number;
  /** What the panel serializer does after a reload: adopt `panel` for the file its saved `state` names (false: closed it). */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): boolean;
  /** Watches `uri` train without prompting (`every`/`maxSteps` override the settings). */
  watch(uri: vscode.Uri, options?: Omit<WatchOptions, 'interactive'>): Promise<WatchReport>;
  /** Runner processes of watches that have not exited yet. */
  watchRunnerPids(): number[];
  /** The results store's entry of `uri` (a watch's says at which step its numbers are). */
  getEntry(uri: vscode.Uri): Pick<ResultEntry, 'watch' | 'report'> | undefined;
  /** The status bar item's text. */
  statusBarText(): string;
  /** Stored runs (of `uri` when given), newest first, and where they are kept. */
  listRuns(uri?: vscode.Uri): StoredRun[];
  runsFolder(): string;
  /** Opens a run file in its model file's panel; the model file, or undefined (reason shown). */
  openRun(runPath: string): string | undefined;
  /** Compares two runs of `uri` (default: its two latest) in its panel's Compare tab. */
  compareRuns(uri: vscode.Uri, runA?: string, runB?: string): CompareOutcome;
}

export interface WatchParts {
  watchCommand: WatchCommand;
  runStore: RunStore;
  runs: RunsCommands;
  statusBar: { readonly text: string };
}

export function createApi(profileCommand: ProfileCommand, store: ResultsStore, decorations: DecorationRenderer, panels: PanelManager, lrCommand: LrCommand, watch: WatchParts): GradientLensApi {
  return {
    profile: (uri) => profileCommand.profile(uri, { interactive: false }),
    getRenderedDecorations: (uri) => decorations.renderedFor(uri),
    getReport: (uri) => store.get(uri)?.report,
    runnerPids: () => profileCommand.runnerPids(),
    warmRunnerPid: () => profileCommand.warmRunnerPid(),
    findLearningRate: (uri, overrides) => lrCommand.find(uri, overrides),
    getLrReport: (uri) => lrCommand.lastReport(uri),
    inspectPanel: (uri) => panels.inspect(uri.fsPath),
    receivePanelMessage: (uri, raw) => panels.receiveFor(uri.fsPath, raw),
    ignoredPanelMessages: () => panels.ignoredMessages,
    restorePanel: (panel, state) => panels.restore(panel, state),
    watch: (uri, options) => watch.watchCommand.watch(uri, { ...options, interactive: false }),
    watchRunnerPids: () => watch.watchCommand.runnerPids(),
    getEntry: (uri) => store.get(uri),
    statusBarText: () => watch.statusBar.text,
    listRuns: (uri) => watch.runStore.list(uri?.fsPath),
    runsFolder: () => watch.runStore.folder,
    openRun: (runPath) => watch.runs.open(runPath),
    compareRuns: (uri, runA, runB) => watch.runs.compare(uri.fsPath, runA, runB),
  };
}
