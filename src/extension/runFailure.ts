// The error notification of a failed run (profile or LR sweep), with the actions that can fix it.
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunnerError } from '../core/protocol';
import { COMMANDS } from './constants';

/** "Gradient Lens: <what> failed (file:line): message", with Show log / Edit arguments / Open settings as they apply. */
export function showRunFailure(log: vscode.LogOutputChannel, uri: vscode.Uri, what: string, error: Pick<RunnerError, 'kind' | 'message' | 'location'>): void {
  const actions = ['Show log'];
  // A script that exits early usually rejected its command line (argparse/yargs print usage and exit).
  if (['needs-args', 'ambiguous-export', 'no-model', 'bad-data', 'user-exit', 'user-error'].includes(error.kind)) actions.push('Edit arguments');
  // internal: a failure inside TensorFlow.js, where another backend (a setting) is the next thing to try.
  if (['timeout', 'out-of-memory', 'internal'].includes(error.kind)) actions.push('Open settings');
  const where = error.location ? ` (${path.basename(error.location.file)}:${error.location.line})` : '';
  void vscode.window.showErrorMessage(`Gradient Lens: ${what} failed${where}: ${error.message}`, ...actions).then((choice) => {
    if (choice === 'Show log') log.show(true);
    else if (choice === 'Edit arguments') void vscode.commands.executeCommand(COMMANDS.editArguments, uri);
    else if (choice === 'Open settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'gradientLens');
  });
}
