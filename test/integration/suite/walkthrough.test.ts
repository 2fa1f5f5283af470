/// <reference types="mocha" />
// The Get Started walkthrough (package.json contributes.walkthroughs) inside real VS Code: it opens, its
// steps' command links name registered commands, and its example opens from the extension's global storage
// with the static warning the quick-fix step is about, and profiles with a decoration on each layer line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeTrusted, EXTENSION_ID, getApi, ourDiagnostics, useFewSteps, waitFor } from './helpers';

describeTrusted('Get Started walkthrough', () => {
  before(() => useFewSteps());

  it('opens as a walkthrough editor, and every step links a registered command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as { id: string; steps: { description: string; completionEvents: string[] }[] }[];
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const linked = /\(command:([\w.]+)\)/.exec(step.description)?.[1];
      assert.ok(linked && commands.has(linked), `step links ${linked}`);
      assert.deepStrictEqual(step.completionEvents, [`onCommand:${linked}`]);
    }
    const before = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label));
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    const opened = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => !before.has(t.label) && !(t.input instanceof vscode.TabInputText)), 'the walkthrough tab', 10_000);
    assert.ok(opened.label.length > 0);
    await vscode.window.tabGroups.close(opened);
  });

  it('"Open the example model" opens a copy outside the workspace, underlined by the analyzer, and it profiles', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('gradientLens.openExample');
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(path.relative(folder, uri.fsPath).startsWith('..'), `outside the workspace: ${uri.fsPath}`);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), fs.readFileSync(path.join(extension.extensionPath, 'media/walkthrough/example-model.js'), 'utf8'));
    const [stack] = await waitFor(() => {
      const found = ourDiagnostics(uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'deep-saturating-stack');
      return found.length ? found : undefined;
    }, 'the deep-saturating-stack warning', 15_000);
    assert.strictEqual(stack.range.start.line + 1, 14);
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const lines = await waitFor(() => {
      const rendered = api.getRenderedDecorations(uri).map((d) => d.line);
      return rendered.length === 7 ? rendered : undefined;
    }, 'a decoration on each of the 7 layer lines');
    assert.deepStrictEqual(lines, [14, 15, 16, 17, 18, 19, 20]);
  });
});
