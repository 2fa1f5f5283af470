// The small API activate() returns, for the integration tests (and other extensions).
import type * as vscode from 'vscode';
import type { ProfileReport } from '../core/report';
import type { LrReport } from '../core/lrReport';
import type { LrSettings } from './config';
import type { DecorationRenderer, RenderedDecoration } from './decorations';
import type { LrCommand } from './lrCommand';
import type { PanelManager } from './panel';
import type { ProfileCommand } from './profileCommand';
import type { ResultsStore } from './resultsStore';

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
}

export function createApi(profileCommand: ProfileCommand, store: ResultsStore, decorations: DecorationRenderer, panels: PanelManager, lrCommand: LrCommand): GradientLensApi {
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
  };
}
