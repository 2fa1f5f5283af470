/// <reference types="mocha" />
// Unsaved edits before a run (src/extension/unsavedDocuments.ts, shared by Profile gradients and Find
// learning rate through runCommand.ts): the command asks (QuickPick) whether to save or run the saved
// version; nothing is saved without an answer or gradientLens.saveBeforeRun = "always"; a run of the saved
// version puts its results on the lines the unsaved text has; dismissing the question runs nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LrReport } from '../../../src/core/lrReport';
import type { ProfileReport } from '../../../src/core/report';
import { describeTrusted, getApi, open, revertAll, sleep, useFewSteps, waitFor } from './helpers';

const byLine = (decorations: { line: number }[]) => decorations.map((d) => d.line).join();

/** Opens fixture `name` for a test that saves it, and afterwards puts its text on disk and in the editor back. */
async function savingFixture(name: string, body: (editor: vscode.TextEditor, onDisk: string) => Promise<void>): Promise<void> {
  const editor = await open(name);
  const onDisk = fs.readFileSync(editor.document.uri.fsPath, 'utf8');
  try {
    await body(editor, onDisk);
  } finally {
    fs.writeFileSync(editor.document.uri.fsPath, onDisk);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

async function setSaveBeforeRun(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('gradientLens').update('saveBeforeRun', value, vscode.ConfigurationTarget.Global);
}

/** Answers the unsaved-changes QuickPick: item 0 "Save and run", 1 "Run the saved version", or dismisses it. */
async function answer(choice: 0 | 1 | 'dismiss'): Promise<void> {
  await sleep(1000);
  if (choice === 'dismiss') return void (await vscode.commands.executeCommand('workbench.action.closeQuickOpen'));
  for (let i = 0; i < choice; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describeTrusted('unsaved edits before a run', () => {
  before(async () => {
    await useFewSteps();
    // The web workbench auto-saves after a delay by default: the edits must stay unsaved.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await revertAll();
    await setSaveBeforeRun(undefined);
  });

  it('"Run the saved version": the file stays unsaved and the results land on the unsaved text\'s lines', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const editor = await open('dead-relu.js');
    const uri = editor.document.uri;
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n'));
    assert.ok(editor.document.isDirty);
    const command = Promise.resolve(vscode.commands.executeCommand<ProfileReport>('gradientLens.profile', uri));
    await answer(1);
    const report = await command;
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    assert.ok(editor.document.isDirty, 'still unsaved');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'nothing written');
    // Measured on the saved file at lines 6-8; the editor has two more lines above them.
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return byLine(r) === '8,9,10' ? r : undefined;
    }, `decorations on lines 8,9,10 (have ${byLine(api.getRenderedDecorations(uri))})`);
    assert.ok(rendered.every((d) => d.color !== 'gradientLens.staleForeground'), 'lines only moved, none edited');
  });

  it('"Save and run" saves the file first; dismissing the question runs nothing and saves nothing', async function () {
    this.timeout(60_000);
    const api = await getApi();
    await savingFixture('model.js', async (editor, onDisk) => {
      const uri = editor.document.uri;
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// edited before the run\n'));
      const before = api.getReport(uri);
      const dismissed = Promise.resolve(vscode.commands.executeCommand<ProfileReport>('gradientLens.profile', uri));
      await answer('dismiss');
      assert.strictEqual((await dismissed)?.error?.kind, 'cancelled');
      assert.strictEqual(api.getReport(uri), before, 'no run, the stored report is unchanged');
      assert.ok(editor.document.isDirty);
      assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);

      const saved = Promise.resolve(vscode.commands.executeCommand<ProfileReport>('gradientLens.profile', uri));
      await answer(0);
      assert.strictEqual((await saved)?.status, 'done');
      assert.ok(!editor.document.isDirty, 'saved');
      assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), `// edited before the run\n${onDisk}`);
    });
  });

  it('the API never asks or saves with "prompt"; "always" saves without asking', async function () {
    this.timeout(60_000);
    const api = await getApi();
    await savingFixture('model.js', async (editor, onDisk) => {
      const uri = editor.document.uri;
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// unsaved\n'));
      assert.strictEqual((await api.profile(uri)).status, 'done');
      assert.ok(editor.document.isDirty, 'the API run left the edit unsaved');
      assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);
      await setSaveBeforeRun('always');
      assert.strictEqual((await api.profile(uri)).status, 'done');
      assert.ok(!editor.document.isDirty, '"always" saved it');
      assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), `// unsaved\n${onDisk}`);
    });
  });

  it('Find learning rate asks the same question; dismissing it starts no sweep', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const editor = await open('lr-sgd.js');
    const uri = editor.document.uri;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// unsaved\n'));
    const before = api.getLrReport(uri);
    const command = Promise.resolve(vscode.commands.executeCommand<LrReport>('gradientLens.findLearningRate', uri));
    await answer('dismiss');
    assert.strictEqual((await command)?.error?.kind, 'cancelled');
    assert.strictEqual(api.getLrReport(uri), before);
    assert.ok(editor.document.isDirty);
  });
});
