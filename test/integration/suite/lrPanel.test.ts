/// <reference types="mocha" />
// The learning-rate side of the panel in real VS Code: Find learning rate runs a real sweep into the panel;
// Apply goes the way the panel's button goes (an `applyLr` message): a diff of the proposed change and an
// Apply/Cancel notification, answered with VS Code's own notification commands
// (`notification.acceptPrimaryAction` = the Apply button, `notifications.clearAll` = dismissing it); the
// edit is a normal one that `undo` reverts. The panel itself (tabs, CSP, reload, messages): panel.test.ts.

import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { formatLearningRate } from '../../../src/core/format';
import type { LrReport } from '../../../src/core/lrReport';
import { encodePanelMessage } from '../../../src/core/panelProtocol';
import { describeTrusted, describeUntrusted, EXTENSION_ID, fixture, getApi, open, revertAll, runnerProcesses, sleep, waitFor } from './helpers';

/** The diff editor showing the proposed change of `uri`, once it is open. */
function proposalDiff(uri: vscode.Uri): vscode.TabInputTextDiff | undefined {
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputTextDiff && tab.input.original.toString() === uri.toString() && tab.input.modified.scheme === 'gradient-lens-proposed') return tab.input;
  }
  return undefined;
}

/** Answers the Apply/Cancel notification once the diff is shown: its primary action (Apply) or dismissing it. */
async function answerProposal(uri: vscode.Uri, answer: 'apply' | 'dismiss'): Promise<string> {
  const diff = await waitFor(() => proposalDiff(uri), 'the diff of the proposed change', 15_000);
  const proposed = (await vscode.workspace.openTextDocument(diff.modified)).getText();
  // The question appears just after the diff: answer until it was taken (the diff closes).
  const deadline = Date.now() + 10_000;
  while (proposalDiff(uri)) {
    if (Date.now() > deadline) throw new Error('the Apply/Cancel question was not answered within 10 s');
    await vscode.commands.executeCommand(answer === 'apply' ? 'notification.acceptPrimaryAction' : 'notifications.clearAll');
    await sleep(250);
  }
  return proposed;
}

/** Runner processes other than the profiler's idle warm one (gradientLens.keepRunnerWarm). */
const sweepRunners = (api: { warmRunnerPid(): number | undefined }) => runnerProcesses().filter((pid) => pid !== api.warmRunnerPid());

async function setLr(settings: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('gradientLens.lr');
  for (const [key, value] of Object.entries(settings)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

describeTrusted('learning rate panel', () => {
  const steps = 20;
  const repeats = 2;
  before(() => setLr({ steps, repeats }));
  after(() => setLr({ steps: undefined, repeats: undefined }));
  afterEach(async () => {
    // A question left open by a failed test must not be answered by the next one.
    await vscode.commands.executeCommand('notifications.clearAll');
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Find learning rate opens the panel on the LR tab, streams every point to it and completes the sweep', async function () {
    this.timeout(120_000);
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    await open('lr-sgd.js');
    const report = await vscode.commands.executeCommand<LrReport>('gradientLens.findLearningRate', uri);
    assert.ok(report, 'the command returned no report');
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    assert.strictEqual(api.getLrReport(uri), report);
    assert.strictEqual(report.points.length, repeats);
    // The exponential schedule of the settings: lr_k = 1e-7 · (10 / 1e-7)^(k / (steps - 1)).
    for (const points of report.points) {
      assert.ok(points.length >= 2 && points.length <= steps, `${points.length} points`);
      points.forEach((p, k) => assert.ok(Math.abs(p.lr / (1e-7 * (10 / 1e-7) ** (k / (steps - 1))) - 1) < 1e-6, `repeat point ${k}: lr ${p.lr}`));
    }
    const valley = report.result?.suggestions.valley;
    assert.ok(valley && valley.lr >= 1e-7 && valley.lr <= 10, JSON.stringify(report.result?.suggestions));
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the panel webview to post ready', 20_000);
    assert.strictEqual(panel.tab, 'lr');
    assert.strictEqual(panel.title, 'Gradient Lens: lr-sgd.js');
    assert.strictEqual(panel.lrPoints, report.points.flat().length, 'every point was forwarded to the panel');
    assert.deepStrictEqual(sweepRunners(api), [], 'no sweep runner left');
  });

  it("Apply (the panel's applyLr message) previews, then edits tf.train.sgd's learning rate; undo restores the file", async function () {
    this.timeout(60_000);
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    const lr = api.getLrReport(uri)?.result?.suggestions.valley?.lr;
    assert.ok(lr, 'the previous test stored a result with a valley suggestion');
    const editor = await open('lr-sgd.js');
    const document = editor.document;
    const original = document.getText();
    assert.match(original, /tf\.train\.sgd\(0\.01\)/, 'the fixture as committed');
    const expected = original.replace('tf.train.sgd(0.01)', `tf.train.sgd(${formatLearningRate(lr)})`);
    assert.notStrictEqual(expected, original);
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    await waitFor(() => api.inspectPanel(uri), 'the panel');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.ok(api.receivePanelMessage(uri, encodePanelMessage({ type: 'applyLr', lr, suggestion: 'valley' })));
    const proposed = await answerProposal(uri, 'apply');
    assert.strictEqual(proposed, expected, 'the diff shows the edit');
    await waitFor(() => document.getText() === expected, 'the edit');
    assert.ok(document.isDirty, 'a normal unsaved edit');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), original, 'the file on disk is unchanged until saved');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original, 'undo to restore the file');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), original);
  });

  it("Apply with provenance: the recommended rate goes to the swept model's compile() (not the first), lists the constant's other use, and warns that the file changed since the sweep", async function () {
    this.timeout(120_000);
    const uri = fixture('lr-provenance.js');
    const document = (await open('lr-provenance.js')).document;
    const original = document.getText();
    const report = await vscode.commands.executeCommand<LrReport>('gradientLens.findLearningRate', uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    const line = (marker: string) => original.split('\n').findIndex((l) => l.includes(marker)) + 1;
    assert.deepStrictEqual({ file: report.compileLocation?.file, line: report.compileLocation?.line }, { file: uri.fsPath, line: line('model.compile(') }, 'the runner reports the swept compile()');
    const rec = report.result?.recommendation;
    assert.ok(rec?.lr !== undefined && rec.basis === 'short-run', JSON.stringify(rec));

    // An unsaved edit after the sweep: the rate was measured on the earlier version.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), '// tuned later\n'));
    await vscode.commands.executeCommand('notifications.clearAll');
    const applied = vscode.commands.executeCommand<{ applied: boolean; line?: number; description?: string; warnings?: string[] }>('gradientLens.applyLearningRate', uri, rec.lr, 'recommended');
    const proposed = await answerProposal(uri, 'apply');
    const outcome = await applied;
    assert.strictEqual(outcome.applied, true, JSON.stringify(outcome));
    assert.strictEqual(outcome.line, line('const LEARNING_RATE'), 'the constant of the swept compile(), not the helper\'s adam(0.01)');
    assert.match(outcome.description ?? '', new RegExp(`used by tf\\.train\\.sgd on line ${line('model.compile(')}; it is also used on line ${line("console.log('training with'")}, which change with it`));
    assert.deepStrictEqual(outcome.warnings, ['lr-provenance.js changed since the sweep: the rate was measured on the earlier version']);
    assert.match(proposed, new RegExp(`const LEARNING_RATE = ${formatLearningRate(rec.lr).replace('.', '\\.')};`));
    assert.match(document.getText(), /helper\.compile\(\{ optimizer: tf\.train\.adam\(0\.01\)/, 'the helper model is untouched');
  });

  it('Apply on a string optimizer writes the file\'s own tf.train.adam(lr); dismissing the question changes nothing', async function () {
    this.timeout(60_000);
    const uri = fixture('lr-adam-string.js');
    const document = (await open('lr-adam-string.js')).document;
    const original = document.getText();
    await vscode.commands.executeCommand('notifications.clearAll');
    const discarded = vscode.commands.executeCommand<{ applied: boolean; reason?: string }>('gradientLens.applyLearningRate', uri, 2.5e-4);
    const expected = original.replace("optimizer: 'adam'", 'optimizer: tfjs.train.adam(2.5e-4)');
    assert.strictEqual(await answerProposal(uri, 'dismiss'), expected);
    assert.deepStrictEqual(await discarded, { applied: false, reason: 'Cancelled.' });
    assert.strictEqual(document.getText(), original);

    const applied = vscode.commands.executeCommand<{ applied: boolean; line?: number }>('gradientLens.applyLearningRate', uri, 2.5e-4);
    await answerProposal(uri, 'apply');
    // Called without a sweep of the file: the edit is offered, with the rate's unknown origin said.
    const { description: _description, ...outcome } = (await applied) as { description?: string };
    assert.deepStrictEqual(outcome, { applied: true, line: 8, text: 'tfjs.train.adam(2.5e-4)', file: uri.fsPath, warnings: ['no sweep of this file in this session produced the rate: its origin is unknown'] });
    assert.strictEqual(document.getText(), expected);
  });

  it("Re-run (the panel's rerunLr) sweeps again into the panel; Copy puts the rate on the clipboard as Apply would write it", async function () {
    this.timeout(120_000);
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    const before = api.getLrReport(uri);
    assert.ok(before, 'the first test stored a result');
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    await waitFor(() => api.inspectPanel(uri), 'the panel');
    assert.ok(api.receivePanelMessage(uri, encodePanelMessage({ type: 'rerunLr' })));
    const report = await waitFor(() => api.getLrReport(uri) !== before && api.getLrReport(uri), 'the re-run result', 60_000);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const panel = api.inspectPanel(uri);
    assert.strictEqual(panel?.tab, 'lr');
    assert.strictEqual(panel?.lrPoints, report.points.flat().length);
    assert.match(panel?.status?.message ?? '', /^Done: /);
    assert.strictEqual(panel?.status?.running, false);

    await vscode.env.clipboard.writeText('');
    assert.ok(api.receivePanelMessage(uri, encodePanelMessage({ type: 'copyLr', lr: 0.000312 })));
    let clipboard = '';
    await waitFor(() => {
      void vscode.env.clipboard.readText().then((t) => (clipboard = t));
      return clipboard === '3.1e-4';
    }, `the clipboard to read 3.1e-4 (reads "${clipboard}")`);
  });

  it('a file exporting two models: the command asks which (QuickPick), remembers it and sweeps; the API does not ask', async function () {
    this.timeout(120_000);
    const api = await getApi();
    const uri = fixture('lr-two-models.js');
    const asked = await api.findLearningRate(uri);
    assert.strictEqual(asked.error?.kind, 'ambiguous-export', JSON.stringify(asked.error));
    assert.deepStrictEqual(asked.error?.details?.slice().sort(), ['small', 'wide']);
    const command = Promise.resolve(vscode.commands.executeCommand<LrReport>('gradientLens.findLearningRate', uri));
    await waitFor(() => api.getLrReport(uri) !== asked && api.getLrReport(uri)?.error?.kind === 'ambiguous-export', 'the ambiguous-export failure of the command', 60_000);
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const report = await command;
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    assert.ok(['small', 'wide'].includes(report.exportName ?? ''), `export ${report.exportName}`);
    const again = await api.findLearningRate(uri);
    assert.strictEqual(again.status, 'done', 'the choice is remembered');
    assert.strictEqual(again.exportName, report.exportName);
  });

  it('Cancel from the panel stops a long sweep within the grace period and leaves no runner', async function () {
    this.timeout(120_000);
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    const previous = api.getLrReport(uri);
    await setLr({ steps: 10_000, repeats: 1 });
    let pending: Thenable<LrReport | undefined>;
    try {
      pending = vscode.commands.executeCommand<LrReport>('gradientLens.findLearningRate', uri);
      await waitFor(() => (api.inspectPanel(uri)?.lrPoints ?? 0) > 5 && true, 'the sweep to stream points', 60_000);
    } finally {
      await setLr({ steps, repeats });
    }
    const t0 = Date.now();
    assert.ok(api.receivePanelMessage(uri, encodePanelMessage({ type: 'cancel' })));
    const report = await pending;
    const elapsed = Date.now() - t0;
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /tf\.train\.sgd\(0\.01\)/, 'the fixture on disk as committed');
    assert.strictEqual(report?.error?.kind, 'cancelled', JSON.stringify(report?.error));
    assert.ok(elapsed < 4000, `cancel took ${elapsed} ms`);
    assert.strictEqual(api.getLrReport(uri), previous, 'the last finished result stays');
    await waitFor(() => sweepRunners(api).length === 0, 'no sweep runner left', 2000);
  });
});

describe('panel contributions @untrusted', () => {
  it('Find learning rate is in the same menus as Profile gradients; onWebviewPanel activation; gradientLens.lr.* defaults', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const menus: Record<string, { command: string; when?: string }[]> = manifest.contributes.menus;
    for (const menu of ['explorer/context', 'editor/context', 'editor/title', 'commandPalette']) {
      const profile = menus[menu].find((i) => i.command === 'gradientLens.profile')!;
      const find = menus[menu].find((i) => i.command === 'gradientLens.findLearningRate');
      assert.ok(find, `gradientLens.findLearningRate missing in ${menu}`);
      // The same files as Profile gradients (editor/title: Profile's also hides while running). VS Code
      // hands out normalized clauses (reordered, `file` as the remote scheme): compared as sets of terms.
      const terms = (when: string) => when.split(' && ').filter((t) => t !== '!gradientLens.running').sort();
      assert.deepStrictEqual(terms(find.when!), terms(profile.when!), menu);
    }
    assert.ok(menus.commandPalette.some((i) => i.command === 'gradientLens.showGradientPanel'));
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:gradientLens.panel'));
    const props = manifest.contributes.configuration.properties;
    const defaults = Object.fromEntries(['startLr', 'endLr', 'steps', 'mode', 'repeats'].map((k) => [k, props[`gradientLens.lr.${k}`]?.default]));
    assert.deepStrictEqual(defaults, { startLr: 1e-7, endLr: 10, steps: 100, mode: 'exp', repeats: 3 });
  });

  it('the CodeLens "Find learning rate" sits next to "Profile gradients" and targets the file', async () => {
    const uri = fixture('lr-sgd.js');
    await vscode.workspace.openTextDocument(uri);
    let resolved: vscode.CodeLens[] = [];
    for (let tries = 0; tries < 40 && !resolved.length; tries++) {
      resolved = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      if (!resolved.length) await sleep(100);
    }
    const profile = resolved.find((l) => l.command?.command === 'gradientLens.profile');
    const find = resolved.find((l) => l.command?.command === 'gradientLens.findLearningRate');
    assert.ok(profile && find, resolved.map((l) => l.command?.title).join(', '));
    assert.match(find.command!.title, /Find learning rate/);
    assert.ok(find.range.isEqual(profile.range), 'same line as Profile gradients');
    assert.strictEqual(find.range.start.line, 5, 'the tf.sequential( line');
    assert.strictEqual((find.command!.arguments?.[0] as vscode.Uri).fsPath, uri.fsPath);
  });
});

describeUntrusted('learning rate panel @untrusted', () => {
  it('Find learning rate runs nothing in Restricted Mode; Show gradient panel (which runs nothing) still opens', async () => {
    const api = await getApi();
    const uri = fixture('lr-sgd.js');
    assert.strictEqual(await vscode.commands.executeCommand('gradientLens.findLearningRate', uri), undefined);
    await assert.rejects(api.findLearningRate(uri), /Restricted Mode/);
    await sleep(300);
    assert.strictEqual(api.inspectPanel(uri), undefined, 'no panel for a sweep that did not run');
    assert.deepStrictEqual(runnerProcesses(), []);
    assert.strictEqual(api.getLrReport(uri), undefined);
    await vscode.commands.executeCommand('gradientLens.showGradientPanel', uri);
    await waitFor(() => api.inspectPanel(uri)?.ready, 'the panel webview to post ready', 20_000);
    assert.deepStrictEqual(runnerProcesses(), []);
  });
});
