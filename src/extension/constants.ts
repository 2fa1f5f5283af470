// Identifiers and the one place that knows where the repository (and so the rule documentation) lives.
import type { FindingCode } from '../core/protocol';

export const REPOSITORY_URL = 'https://github.com/gradient-lens/gradient-lens';

/** The documentation page of a finding code (docs/rules/<code>.md in the repository). */
export function ruleDocUrl(code: FindingCode): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${code}.md`;
}

export const COMMANDS = {
  profile: 'gradientLens.profile',
  /** Profile, then the overfit-one-batch check (docs/rules/overfit-batch.md). */
  overfitBatch: 'gradientLens.overfitBatch',
  /** The gradient check of the file's custom layers (the CLI's gradcheck). */
  gradcheck: 'gradientLens.gradcheck',
  cancel: 'gradientLens.cancel',
  clearResults: 'gradientLens.clearResults',
  showReport: 'gradientLens.showReport',
  editArguments: 'gradientLens.editArguments',
  findLearningRate: 'gradientLens.findLearningRate',
  showGradientPanel: 'gradientLens.showGradientPanel',
  /** Watch training (issue 14): run the file's training to its end, live in the editor; Stop keeps the run. */
  watchTraining: 'gradientLens.watchTraining',
  stopWatch: 'gradientLens.stopWatch',
  /** Stored runs (run files): reopen one in the panel, export one, compare two of the same model file. */
  openRun: 'gradientLens.openRun',
  exportRun: 'gradientLens.exportRun',
  compareRuns: 'gradientLens.compareRuns',
  /** Get Started walkthrough: open the example model (a copy in global storage). */
  openExample: 'gradientLens.openExample',
  /** Internal (the panel's buttons and the tests; not in the palette): (uri, lr). */
  applyLearningRate: 'gradientLens.applyLearningRate',
  copyLearningRate: 'gradientLens.copyLearningRate',
  cancelFindLearningRate: 'gradientLens.cancelFindLearningRate',
} as const;

export const CONTEXT_KEYS = {
  running: 'gradientLens.running',
  watching: 'gradientLens.watching',
  hasResults: 'gradientLens.hasResults',
} as const;

/** Languages whose documents get CodeLenses, hovers and line tracking. */
export const DOCUMENT_SELECTOR = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ scheme: 'file', language }));

export const DIAGNOSTIC_SOURCE = 'Gradient Lens';
