/// <reference types="mocha" />
// Partial results in the editor: a slow model shows step 0 while it still runs, and a profile that is
// cancelled or times out after step 0 keeps decorating its lines, marked partial (decoration text, hover,
// a warning diagnostic instead of an error).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeTrusted, getApi, ourDiagnostics, useFewSteps, waitFor } from './helpers';

/** The runner fixture (outside the workspace folder): step 0 quick, every later step 30 s. */
function slowModel(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  return vscode.Uri.file(path.join(folder, '..', 'runner', 'partial', 'slow-after-step0.js'));
}

function markerLines(uri: vscode.Uri, ...markers: string[]): number[] {
  const lines = fs.readFileSync(uri.fsPath, 'utf8').split('\n');
  return markers.map((m) => lines.findIndex((l) => l.includes(m)) + 1);
}

async function hoverText(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, 20));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
}

describeTrusted('partial profiles', () => {
  before(() => useFewSteps(5));
  after(async () => {
    await useFewSteps();
    await vscode.workspace.getConfiguration('gradientLens').update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('step 0 is shown while the run continues; cancelled after it, its lines stay decorated, marked partial', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const uri = slowModel();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const [hidden, out] = markerLines(uri, 'L:hidden', 'L:out');
    const pending = api.profile(uri);
    const live = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return r.length ? r : undefined;
    }, 'step-0 decorations while the profile runs', 30_000);
    assert.deepStrictEqual(live.map((d) => d.line), [hidden, out]);
    assert.ok(api.runnerPids().length > 0, 'the run is still going');
    await vscode.commands.executeCommand('gradientLens.cancel');
    const report = await pending;
    assert.strictEqual(report.error?.kind, 'cancelled');
    assert.strictEqual(report.partial, true);
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return r.length && r.every((d) => d.text.endsWith(' (partial)')) ? r : undefined;
    }, 'decorations marked partial');
    assert.deepStrictEqual(rendered.map((d) => d.line), [hidden, out]);
    assert.match(rendered[1].text, /^∇ \S+ exploding.* \(partial\)$/);
    assert.match(await hoverText(uri, out), /Partial profile: 1 of 6 steps measured before the run stopped \\\(cancelled\\\)\./);
  });

  it('a timeout after step 0 keeps step 0 on the lines, with a warning that says which step did not finish', async function () {
    this.timeout(60_000);
    await vscode.workspace.getConfiguration('gradientLens').update('timeoutSeconds', 5, vscode.ConfigurationTarget.Global);
    const api = await getApi();
    const uri = slowModel();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const [hidden, out] = markerLines(uri, 'L:hidden', 'L:out');
    const report = await api.profile(uri);
    assert.strictEqual(report.error?.kind, 'timeout');
    assert.strictEqual(report.partial, true);
    assert.deepStrictEqual(report.steps.map((s) => s.step), [0]);
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return r.length && r.every((d) => d.text.endsWith(' (partial)')) ? r : undefined;
    }, 'decorations marked partial');
    assert.deepStrictEqual(rendered.map((d) => d.line), [hidden, out]);
    const diagnostics = await waitFor(() => {
      const d = ourDiagnostics(uri).filter((x) => x.code === 'timeout');
      return d.length ? d : undefined;
    }, 'the timeout diagnostic');
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0].message, /^Partial profile \(timeout\): Step 1 of 5 did not finish within 5 s/);
  });
});
