// Which export holds the model, which arguments its factory gets and which command-line arguments a
// script that parses process.argv gets, remembered per file in workspaceState. Asked for when the runner
// reports 'ambiguous-export' or 'needs-args', and editable with the "Edit model export and arguments…" command.
import * as path from 'path';
import * as vscode from 'vscode';
import { fileKey } from './resultsStore';

export interface RememberedArguments {
  exportName?: string;
  args?: unknown[];
  /** The script's own command line, as typed (split like a shell would when a run starts). */
  scriptArgs?: string;
}

const KEY_PREFIX = 'gradientLens.arguments:';

/** undefined when `text` is a JSON array (or empty, when allowed), else the problem. */
export function validateArgsJson(text: string, allowEmpty: boolean): string | undefined {
  if (!text.trim()) return allowEmpty ? undefined : 'Enter a JSON array, e.g. [64, "relu"]';
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? undefined : 'The arguments must be a JSON array, e.g. [64, "relu"]';
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}

export class ArgumentsStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(file: string): RememberedArguments {
    return this.memento.get<RememberedArguments>(KEY_PREFIX + fileKey(file)) ?? {};
  }

  async set(file: string, value: RememberedArguments): Promise<void> {
    const clean: RememberedArguments = {};
    if (value.exportName) clean.exportName = value.exportName;
    if (value.args) clean.args = value.args;
    if (value.scriptArgs?.trim()) clean.scriptArgs = value.scriptArgs.trim();
    await this.memento.update(KEY_PREFIX + fileKey(file), Object.keys(clean).length ? clean : undefined);
  }

  /** Asks which export to profile. true when the user chose one. */
  async pickExport(file: string, candidates: readonly string[]): Promise<boolean> {
    const choice = await vscode.window.showQuickPick(
      candidates.map((name) => ({ label: name })),
      { title: `Gradient Lens: ${path.basename(file)} exports several models`, placeHolder: 'Which export should be profiled? (remembered for this file)', ignoreFocusOut: true },
    );
    if (!choice) return false;
    await this.set(file, { ...this.get(file), exportName: choice.label });
    return true;
  }

  /** Asks for the factory's arguments as a JSON array. true when the user gave them. */
  async askArgs(file: string, parameters: readonly string[], factory?: string): Promise<boolean> {
    const remembered = this.get(file);
    const text = await vscode.window.showInputBox({
      title: `Gradient Lens: arguments for ${factory ?? 'the model factory'}(${parameters.join(', ')})`,
      prompt: `A JSON array with one value per parameter (${parameters.join(', ')}). Remembered for ${path.basename(file)}.`,
      placeHolder: '[64, "relu"]',
      value: remembered.args ? JSON.stringify(remembered.args) : undefined,
      ignoreFocusOut: true,
      validateInput: (value) => validateArgsJson(value, false),
    });
    if (text === undefined) return false;
    await this.set(file, { ...remembered, args: JSON.parse(text) });
    return true;
  }

  /**
   * Asks for what a failed run says is missing: the export to use ('ambiguous-export', candidates in
   * details) or the factory's arguments ('needs-args', parameter names in details). true when answered.
   */
  async askForMissing(file: string, error: { kind: string; message: string; details?: string[] }): Promise<boolean> {
    if (!error.details?.length) return false;
    if (error.kind === 'ambiguous-export') return this.pickExport(file, error.details);
    if (error.kind === 'needs-args') return this.askArgs(file, error.details, /factory "([^"]+)"/.exec(error.message)?.[1]);
    return false;
  }

  /** Edits both remembered values. true when something was saved. */
  async edit(file: string): Promise<boolean> {
    const remembered = this.get(file);
    const exportName = await vscode.window.showInputBox({
      title: `Gradient Lens: model export of ${path.basename(file)} (1/3)`,
      prompt: 'The export that holds the model or its factory. Empty: found automatically.',
      value: remembered.exportName ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => (/^\s*([A-Za-z_$][\w$]*)?\s*$/.test(value) ? undefined : 'An export name (a JavaScript identifier such as createModel or default)'),
    });
    if (exportName === undefined) return false;
    const args = await vscode.window.showInputBox({
      title: `Gradient Lens: factory arguments for ${path.basename(file)} (2/3)`,
      prompt: 'A JSON array of arguments for the factory function. Empty: none.',
      placeHolder: '[64, "relu"]',
      value: remembered.args ? JSON.stringify(remembered.args) : '',
      ignoreFocusOut: true,
      validateInput: (value) => validateArgsJson(value, true),
    });
    if (args === undefined) return false;
    const scriptArgs = await vscode.window.showInputBox({
      title: `Gradient Lens: command-line arguments for ${path.basename(file)} (3/3)`,
      prompt: 'What the script reads from process.argv (argparse, yargs, commander), as in a shell. Empty: none.',
      placeHolder: '--epochs 5 --data ./data.csv',
      value: remembered.scriptArgs ?? '',
      ignoreFocusOut: true,
    });
    if (scriptArgs === undefined) return false;
    await this.set(file, { exportName: exportName.trim() || undefined, args: args.trim() ? JSON.parse(args) : undefined, scriptArgs });
    return true;
  }
}
