// Shared by the Gradient Lens integration tests (bundled into each *.test.js; not a test file itself).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/api';

export const EXTENSION_ID = 'gradient-lens.gradient-lens';
/** Set by the harness (runInCodeServer.ts --untrusted). */
export const UNTRUSTED = process.env.GRADIENT_LENS_IT_TRUST === 'untrusted';
/** describe() in a trusted workspace; skipped in the harness's --untrusted run. */
export const describeTrusted: Mocha.SuiteFunction = (UNTRUSTED ? describe.skip : describe) as Mocha.SuiteFunction;
export const describeUntrusted: Mocha.SuiteFunction = (UNTRUSTED ? describe : describe.skip) as Mocha.SuiteFunction;

export async function getApi(): Promise<GradientLensApi> {
  const extension = vscode.extensions.getExtension<GradientLensApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Live (non-zombie) processes running a dist/runner.js, whatever started them (Linux /proc). */
export function runnerProcesses(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!/dist[\\/]runner\.js/.test(cmdline)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[1]) === process.pid) found.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return found;
}

/** Our diagnostics of `uri`. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Gradient Lens');
}

/** Profiles with few steps (fast), restoring nothing: tests share the setting. */
export async function useFewSteps(steps = 2): Promise<void> {
  await vscode.workspace.getConfiguration('gradientLens').update('steps', steps, vscode.ConfigurationTarget.Global);
}

/**
 * Reverts the edited fixtures (files under test/fixtures, the workspace folder's parent). Never the workbench's own
 * documents: the user settings.json is dirty for a moment while a configuration update writes it, and showing it
 * then failed the untrusted run ("another editor opened in the meantime") — reverting it would undo the update too.
 */
export async function revertAll(): Promise<void> {
  const fixtures = path.dirname(vscode.workspace.workspaceFolders![0].uri.fsPath) + path.sep;
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.scheme !== 'file' || !document.uri.fsPath.startsWith(fixtures)) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}
