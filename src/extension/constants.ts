// Identifiers and the one place that knows where the repository (and so the rule documentation) lives.
// The rule pages' address is core's (the CLI's SARIF links the same pages).
export { REPOSITORY_URL, ruleDocUrl } from '../core/findingSites';

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
