// The small API activate() returns, for the integration tests (and other extensions).
import type * as vscode from 'vscode';
import type { ProfileReport } from '../core/report';
import type { DecorationRenderer, RenderedDecoration } from './decorations';
import type { Profiler } from './profiler';
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
}

export function createApi(profiler: Profiler, store: ResultsStore, decorations: DecorationRenderer): GradientLensApi {
  return {
    profile: (uri) => profiler.profile(uri, { interactive: false }),
    getRenderedDecorations: (uri) => decorations.renderedFor(uri),
    getReport: (uri) => store.get(uri)?.report,
    runnerPids: () => profiler.runnerPids(),
    warmRunnerPid: () => profiler.warmRunnerPid(),
  };
}
