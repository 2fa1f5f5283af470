// A run loads the model file and what it imports from disk, so unsaved edits in the editor are not part of
// it. gradientLens.saveBeforeRun decides (as task.saveBeforeRun does for tasks): "prompt" asks whether to
// save them or run the saved version, "always" saves, "never" runs the saved version. Nothing is saved
// without that setting or an answer; a run of the saved version says so in its progress title and log, and
// its results are moved onto the lines the unsaved text has (the edited lines shown as stale).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { RUN_DEFAULTS } from '../core/defaults';
import { editsBetween } from '../core/lineShift';
import { fileKey } from './resultsStore';

export const SAVE_BEFORE_RUN = ['prompt', 'always', 'never'] as const;
export type SaveBeforeRun = (typeof SAVE_BEFORE_RUN)[number];

/** A document run from disk while the editor holds unsaved edits: its text on disk at the start. */
export interface Snapshot {
  file: string;
  diskText: string;
}

/** Files a run may load: the model file's language family and JSON (data, configs). */
const RUNNABLE = /\.(m|c)?(j|t)sx?$|\.json$/i;

export function readSaveBeforeRun(scope: vscode.Uri): SaveBeforeRun {
  const value = vscode.workspace.getConfiguration('gradientLens', scope).get<string>('saveBeforeRun');
  return SAVE_BEFORE_RUN.find((v) => v === value) ?? RUN_DEFAULTS.saveBeforeRun;
}

/** Dirty documents on disk that a run of `uri` may load: the file itself first, then others of its workspace folder. */
export function unsavedDocuments(uri: vscode.Uri): vscode.TextDocument[] {
  const file = fileKey(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(file);
  const inside = (f: string) => !path.relative(folder, f).startsWith('..');
  return vscode.workspace.textDocuments
    .filter((d) => d.isDirty && d.uri.scheme === 'file' && RUNNABLE.test(d.uri.fsPath) && inside(fileKey(d.uri)))
    .sort((a, b) => Number(fileKey(b.uri) === file) - Number(fileKey(a.uri) === file));
}

const SAVE = 'Save and run';
const DISK = 'Run the saved version';

/**
 * Before a run of `uri`: saves its unsaved documents, or snapshots them to run what is on disk, as
 * gradientLens.saveBeforeRun says (asking when it is "prompt" and a person started the run; a run started
 * through the API never saves). Resolves with the snapshots of documents run from disk, or "cancelled"
 * when the person dismissed the question.
 */
export async function prepareDocuments(uri: vscode.Uri, what: string, interactive: boolean, log: vscode.LogOutputChannel): Promise<Snapshot[] | 'cancelled'> {
  const dirty = unsavedDocuments(uri);
  if (!dirty.length) return [];
  const names = dirty.map((d) => path.basename(d.uri.fsPath));
  const listed = names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} other file${names.length > 2 ? 's' : ''}`;
  let choice: string | undefined = DISK;
  const setting = readSaveBeforeRun(uri);
  if (setting === 'always') choice = SAVE;
  else if (setting === 'prompt' && interactive) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: SAVE, detail: `Saves ${names.join(', ')} first.` },
        { label: DISK, detail: 'Unsaved edits are not included; the results are placed on your edited lines, marked as edited.' },
      ],
      { title: `Gradient Lens: ${listed} ${names.length === 1 ? 'has' : 'have'} unsaved changes`, placeHolder: `${what[0].toUpperCase()}${what.slice(1)} reads files from disk`, ignoreFocusOut: true },
    );
    if (!picked) return 'cancelled';
    choice = picked.label;
  }
  if (choice === SAVE) {
    for (const document of dirty) if (!(await document.save())) throw new Error(`${path.basename(document.uri.fsPath)} could not be saved.`);
    log.info(`saved ${names.join(', ')} before ${what}`);
    return [];
  }
  log.info(`${what}: running the saved version of ${names.join(', ')} (unsaved edits not included; gradientLens.saveBeforeRun is "${setting}")`);
  return Promise.all(dirty.map(async (d) => ({ file: fileKey(d.uri), diskText: await fs.promises.readFile(d.uri.fsPath, 'utf8') })));
}

/** "saved version of model.js": for the progress title of a run that left unsaved edits out. */
export function diskVersionNote(snapshots: readonly Snapshot[]): string | undefined {
  if (!snapshots.length) return undefined;
  const first = path.basename(snapshots[0].file);
  return `saved version of ${first}${snapshots.length > 1 ? ` and ${snapshots.length - 1} more` : ''}, unsaved edits not included`;
}

/** The line edits from each snapshot's disk text to its document's current text, per file. */
export function editsSinceSnapshots(snapshots: readonly Snapshot[]) {
  return snapshots.flatMap((s) => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && fileKey(d.uri) === s.file);
    return document ? [{ file: s.file, edits: editsBetween(s.diskText, document.getText()) }] : [];
  });
}
