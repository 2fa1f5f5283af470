// Workspace trust: profiling executes the workspace's code, so in Restricted Mode it runs nothing.
import * as vscode from 'vscode';

export class UntrustedWorkspaceError extends Error {
  constructor() {
    super('Gradient Lens does not profile in Restricted Mode (untrusted workspace).');
  }
}

/** Explains why nothing runs, with a way to manage trust. Does not wait for the user. */
export function explainRestrictedMode(): void {
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showWarningMessage(
      'Gradient Lens profiles nothing in Restricted Mode: profiling runs the model file and the code it imports. Trust this workspace to profile its models.',
      manage,
    )
    .then((choice) => {
      if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
}
