/// <reference types="mocha" />
// The webview panel, host side, in real VS Code: the panel opens per model file with the built bundle
// (its webview posts `ready` through the real transport, so the bundle ran under the CSP), the CSP is
// strict, malformed webview messages change nothing, valid ones act. The learning-rate side of the panel
// (sweep, Apply, Re-run, Cancel) is in lrPanel.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { encodePanelMessage } from '../../../src/core/panelProtocol';
import { describeTrusted, fixture, getApi, open, revertAll, sleep, useFewSteps, waitFor } from './helpers';

/** The directives of the page's CSP meta tag. */
function cspOf(html: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'no CSP meta tag');
  return new Map(
    meta[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describeTrusted('gradient panel', () => {
  before(() => useFewSteps());
  afterEach(async () => {
    await revertAll();
    await closeAllEditors();
  });

  it('Show gradient panel opens one panel per model file on the Gradients tab, and its webview loads', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    await open('model.js');
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the webview to post ready', 20_000);
    assert.strictEqual(panel.title, 'Gradient Lens: model.js');
    assert.strictEqual(panel.tab, 'gradients');
    assert.ok(panel.visible);
    // Again: the same panel (same page, same nonce), not a second one.
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    assert.strictEqual(api.inspectPanel(uri)?.html, panel.html);
  });

  it('hidden and shown again, the panel reloads and the host replays its data to it', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    const first = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the webview to post ready', 20_000);
    // Another editor in the panel's group hides it; VS Code discards the page (no retainContextWhenHidden).
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gradientLens.panel')));
    assert.ok(group, 'the panel has a tab');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('lr-sgd.js')), { viewColumn: group.viewColumn });
    await waitFor(() => !api.inspectPanel(uri)?.visible && !api.inspectPanel(uri)?.ready, 'the panel to be hidden');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    const again = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the reloaded webview to post ready', 20_000);
    assert.strictEqual(again.loads, first.loads + 1);
    assert.ok(again.visible);
    assert.strictEqual(again.html, first.html, 'the same page, loaded again');
  });

  it("Export (the panel's exportData) saves through the save dialog next to the model file: CSV text and PNG bytes", async function () {
    this.timeout(60_000);
    const api = await getApi();
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    await waitFor(() => api.inspectPanel(uri), 'the panel');
    const folder = path.dirname(uri.fsPath);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const exports = [
      { format: 'csv' as const, content: 'layer,gradNorm\ndense_Dense1,0.5\n', suggestedName: '../evil/model layers', file: 'model layers.csv', bytes: Buffer.from('layer,gradNorm\ndense_Dense1,0.5\n') },
      { format: 'png' as const, content: `data:image/png;base64,${png.toString('base64')}`, suggestedName: 'lr-curve.png', file: 'lr-curve.png', bytes: png },
    ];
    try {
      for (const e of exports) {
        const target = path.join(folder, e.file);
        assert.ok(api.receivePanelMessage(uri, encodePanelMessage({ type: 'exportData', format: e.format, content: e.content, suggestedName: e.suggestedName })));
        // The dialog proposes the file next to the model; accepting it saves there.
        const deadline = Date.now() + 15_000;
        while (!fs.existsSync(target)) {
          if (Date.now() > deadline) throw new Error(`${target} was not written`);
          await sleep(300);
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
        await waitFor(() => fs.readFileSync(target).equals(e.bytes) && true, `${e.file} content`);
      }
      assert.ok(!fs.existsSync(path.join(folder, '..', 'evil')), 'the suggested name cannot leave the folder');
    } finally {
      for (const e of exports) fs.rmSync(path.join(folder, e.file), { force: true });
    }
  });

  it('the page has a strict CSP: nonce-only scripts, resources only from the webview source, nothing inline', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    const { html } = await waitFor(() => api.inspectPanel(uri), 'the panel');
    const csp = cspOf(html);
    assert.deepStrictEqual(csp.get('default-src'), ["'none'"]);
    const scriptSrc = csp.get('script-src') ?? [];
    assert.strictEqual(scriptSrc.length, 1);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src ${scriptSrc}`);
    const cspSource = csp.get('style-src');
    assert.ok(cspSource?.length, 'style-src');
    assert.deepStrictEqual(csp.get('img-src'), [...cspSource, 'data:']);
    assert.deepStrictEqual(csp.get('font-src'), cspSource);
    assert.ok(!/unsafe-(inline|eval)/.test(html), "no 'unsafe-inline' / 'unsafe-eval'");
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.ok(scripts.length >= 1);
    for (const attributes of scripts) {
      assert.match(attributes, new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
      assert.match(attributes, /src="[^"]+\/dist\/webview\/panel\.js"/);
    }
    assert.ok(!/<style\b|\sstyle=|\son[a-z]+=/i.test(html), 'no inline styles or event handlers');
    // A new page gets a new nonce.
    await closeAllEditors();
    await waitFor(() => !api.inspectPanel(uri), 'the panel to close');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    const again = await waitFor(() => api.inspectPanel(uri), 'the panel');
    assert.notStrictEqual(cspOf(again.html).get('script-src')?.[0], scriptSrc[0]);
  });

  it('after a reload the serializer adopts the panel for the file its webview saved; one without a valid state is closed', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    const panel = vscode.window.createWebviewPanel('gradientLens.panel', 'restoring', vscode.ViewColumn.One, {});
    assert.ok(api.restorePanel(panel, { version: 1, file: uri.fsPath, title: 'Gradient Lens: model.js', tab: 'table' }));
    const restored = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the restored webview to post ready', 20_000);
    assert.strictEqual(restored.tab, 'table');
    assert.strictEqual(panel.title, 'Gradient Lens: model.js');
    assert.deepStrictEqual(cspOf(restored.html).get('default-src'), ["'none'"]);
    // The command now reveals the restored panel instead of opening a second one.
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    assert.strictEqual(api.inspectPanel(uri)?.html, restored.html);

    for (const state of [{ version: 2, file: uri.fsPath, title: 't', tab: 'lr' }, undefined, { version: 1, file: uri.fsPath, title: 'duplicate', tab: 'lr' }]) {
      const other = vscode.window.createWebviewPanel('gradientLens.panel', 'restoring', vscode.ViewColumn.One, {});
      await sleep(200); // as after a reload: the workbench has opened it before the serializer runs
      let disposed = false;
      other.onDidDispose(() => (disposed = true));
      assert.strictEqual(api.restorePanel(other, state), false, JSON.stringify(state));
      assert.ok(disposed, `closed: ${JSON.stringify(state)}`);
    }
    assert.strictEqual(api.inspectPanel(uri)?.html, restored.html, 'the first panel stays');
  });

  it('malformed webview messages are logged and ignored; a valid revealLayer moves the cursor to the layer line', async () => {
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    const editor = await open('lr-sgd.js');
    const original = editor.document.getText();
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    await waitFor(() => api.inspectPanel(uri), 'the panel');
    const malformed: unknown[] = [
      { type: 'applyLr', lr: 0.1, suggestion: 'valley' }, // an object, not the JSON string the protocol sends
      'not json {',
      JSON.stringify({ type: 'runCode', code: 'process.exit()' }),
      JSON.stringify({ type: 'applyLr', lr: -1, suggestion: 'valley' }),
      JSON.stringify({ type: 'applyLr', lr: 0.1, suggestion: 'guess' }),
      JSON.stringify({ type: 'applyLr', lr: '0.1', suggestion: 'valley' }),
      JSON.stringify({ type: 'revealLayer', layer: 'x', file: uri.fsPath, line: 0 }),
      JSON.stringify({ type: 'revealLayer', layer: 'x', file: '/etc/passwd', line: 1 }),
      JSON.stringify({ type: 'exportData', format: 'png', content: 'data:text/html,<script>', suggestedName: 'x.png' }),
      null,
      42,
    ];
    const before = api.ignoredPanelMessages();
    for (const raw of malformed) assert.ok(api.receivePanelMessage(uri, raw));
    await waitFor(() => api.ignoredPanelMessages() - before === malformed.length && true, `${malformed.length} ignored messages (got ${api.ignoredPanelMessages() - before})`);
    assert.strictEqual(editor.document.getText(), original, 'nothing was edited');
    assert.ok(!editor.document.isDirty);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === '/etc/passwd'), '/etc/passwd was not opened');

    api.receivePanelMessage(uri, JSON.stringify({ type: 'revealLayer', layer: 'dense_Dense1', file: uri.fsPath, line: 7, column: 13 }));
    const selection = await waitFor(() => {
      const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === uri.fsPath);
      return shown?.selection.active.line === 6 && shown.selection.active;
    }, 'the cursor on line 7 in the editor of lr-sgd.js');
    assert.strictEqual(selection.character, 12);
    assert.strictEqual(api.ignoredPanelMessages() - before, malformed.length);
  });
});
