// The Get Started walkthrough's example: a copy of media/walkthrough/example-model.js in the extension's
// global storage, so the walkthrough never writes into the user's workspace. An existing copy is opened as
// it is (edits made while following the walkthrough are kept).
import * as vscode from 'vscode';
import { COMMANDS } from './constants';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openExample, async () => {
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'example');
    const target = vscode.Uri.joinPath(folder, 'model.js');
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'example-model.js'), target);
    }
    const editor = await vscode.window.showTextDocument(target, { preview: false });
    return editor.document.uri;
  });
}
