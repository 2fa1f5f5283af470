// One run per model file, for Profile gradients and Find learning rate alike: a new run registers its slot
// before any await (so a cancel from then on reaches it), then takes over from the run in flight.
import * as vscode from 'vscode';
import { fileKey } from './resultsStore';

export interface RunSlot<R extends { cancel(): Promise<unknown> }> {
  cancel: vscode.CancellationTokenSource;
  run?: R;
}

/** Stops the run this one replaces (until its runner is gone) and saves the file when it has unsaved edits. */
export async function takeOver(previous: RunSlot<{ cancel(): Promise<unknown> }> | undefined, file: string): Promise<void> {
  if (previous) {
    previous.cancel.cancel();
    await previous.run?.cancel();
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && fileKey(d.uri) === file);
  if (document?.isDirty) await document.save();
}

/**
 * The run's result; cancelled when any token asks (the progress notification's Cancel, a newer run of the
 * file, the Cancel command), also if one already has.
 */
export async function resultUnlessCancelled<R>(run: { result: Promise<R>; cancel(): Promise<unknown> }, ...tokens: vscode.CancellationToken[]): Promise<R> {
  const stop = () => void run.cancel();
  const subscriptions = tokens.map((t) => t.onCancellationRequested(stop));
  if (tokens.some((t) => t.isCancellationRequested)) stop();
  try {
    return await run.result;
  } finally {
    subscriptions.forEach((s) => s.dispose());
  }
}
