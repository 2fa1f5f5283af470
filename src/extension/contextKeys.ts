// Context keys for menus: gradientLens.running, gradientLens.watching, gradientLens.hasResults.
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from './constants';
import type { ResultsStore } from './resultsStore';

export function registerContextKeys(store: ResultsStore): vscode.Disposable {
  const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
  const update = () => {
    set(CONTEXT_KEYS.running, store.running().length > 0);
    set(CONTEXT_KEYS.watching, store.running().some((r) => r.kind === 'watch'));
    set(CONTEXT_KEYS.hasResults, store.size > 0);
  };
  update();
  return vscode.Disposable.from(store.onDidChange(update), store.onDidChangeRunning(update));
}
