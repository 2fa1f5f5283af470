// VS Code for the Web (vscode.dev, github.dev) runs extensions in a browser worker: no Node.js, no child
// process, no files on disk. What runs nothing works there unchanged: the static analyzer's inline warnings
// and their quick fixes, built into this bundle. The commands that need the runner explain where to go.
import * as vscode from 'vscode';
import * as analyzer from '../core/lint';
import { registerLintCodeActions } from './codeActions';
import { LintDiagnostics } from './lintDiagnostics';
import { createLog } from './log';

const NEEDS_NODE =
  'Gradient Lens: profiling and the learning-rate finder run your model in a Node.js process, which VS Code for the Web does not have. Open the folder in VS Code desktop, a Remote window, Codespaces or code-server; inline warnings and their quick fixes work here.';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const lint = new LintDiagnostics(log, () => analyzer);
  const contributed = (context.extension.packageJSON.contributes?.commands ?? []) as { command: string }[];
  context.subscriptions.push(
    log,
    lint,
    registerLintCodeActions(lint),
    ...contributed.map(({ command }) => vscode.commands.registerCommand(command, () => void vscode.window.showInformationMessage(NEEDS_NODE))),
  );
}

export function deactivate(): void {}
