// The contributed commands, bound to the features that implement them.
import * as vscode from 'vscode';
import type { ArgumentsStore } from './argumentsStore';
import { COMMANDS } from './constants';
import type { ProfileCommand } from './profileCommand';
import type { ReportView } from './reportView';
import { fileKey, type ResultsStore } from './resultsStore';
import { commandHandler, targetUri } from './runCommand';

export function registerCommands(profileCommand: ProfileCommand, store: ResultsStore, args: ArgumentsStore, report: ReportView): vscode.Disposable {
  const profile = (overfitBatch: boolean) => commandHandler('profile', (uri) => profileCommand.profile(uri, { interactive: true, overfitBatch }));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.profile, profile(false)),
    vscode.commands.registerCommand(COMMANDS.overfitBatch, profile(true)),
    vscode.commands.registerCommand(COMMANDS.cancel, (arg?: unknown) => profileCommand.cancel(arg instanceof vscode.Uri ? fileKey(arg) : undefined)),
    vscode.commands.registerCommand(COMMANDS.clearResults, (arg?: unknown) => {
      if (arg instanceof vscode.Uri) store.delete(arg);
      else store.clear();
    }),
    vscode.commands.registerCommand(COMMANDS.showReport, (arg?: unknown) => report.show(arg instanceof vscode.Uri ? arg : undefined)),
    vscode.commands.registerCommand(COMMANDS.editArguments, async (arg?: unknown) => {
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Gradient Lens: open a model file to edit its export and arguments.');
        return;
      }
      await args.edit(fileKey(uri));
    }),
  );
}
