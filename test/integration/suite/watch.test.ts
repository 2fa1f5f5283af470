/// <reference types="mocha" />
// Watch training inside real VS Code: a fixture trained to its end with decorations, diagnostics, status bar
// and the panel's Training tab read back; a long fit watched live (decorations move with the steps) and
// stopped (no runner left, the run file kept and reopened); and the deep-sigmoid quick fix applied through the
// editor's code actions, watched before and after, compared in the panel's Compare tab.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TrainingMessage } from '../../../src/core/trainingFeed';
import { alive, describeTrusted, fixture, getApi, open, ourDiagnostics, runnerProcesses, sleep, waitFor } from './helpers';

const DEEP = 'watch/deep-sigmoid.js';
const LONG = 'watch/long-fit.js';
/** Where the quick-fix test writes its copy (removed after). */
const FIXED = 'watch/deep-sigmoid-fixed.tmp.js';

const stepOf = (text: string) => Number(/· step (\d+)/.exec(text)?.[1] ?? NaN);
const messagesOf = <T extends TrainingMessage['type']>(messages: TrainingMessage[] | undefined, type: T) => (messages ?? []).filter((m): m is Extract<TrainingMessage, { type: T }> => m.type === type);

describeTrusted('watch training', () => {
  after(() => fs.rmSync(fixture(FIXED).fsPath, { force: true }));

  it('watches a fit to its end: decorations and status bar at the last step, findings with their step, the Training tab and the run file', async function () {
    this.timeout(120_000);
    const api = await getApi();
    await open(DEEP);
    const uri = fixture(DEEP);
    const before = api.listRuns(uri).length;
    const report = await api.watch(uri, { every: 4 });
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    // 256 examples, batch 32, 2 epochs.
    assert.strictEqual(report.stepCount, 16);
    assert.strictEqual(report.lastStep, 15);

    const decorations = await waitFor(() => {
      const d = api.getRenderedDecorations(uri);
      return d.length >= 3 && d;
    }, 'decorations of the watched run');
    assert.deepStrictEqual(decorations.map((d) => d.line), [9, 10, 11]);
    for (const d of decorations) assert.strictEqual(stepOf(d.text), 15, `"${d.text}" reflects the last step`);
    const first = decorations[0];
    assert.match(first.text, /^∇ \S+ vanishing/, first.text);
    assert.strictEqual(first.color, 'gradientLens.vanishingForeground');
    assert.match(decorations[2].text, /^∇ \S+ · step 15$/, 'the head is healthy');
    assert.match(api.statusBarText(), /vanishing.* · step 15$/);
    assert.strictEqual(api.getEntry(uri)?.watch?.running, false);

    // Findings are diagnostics at their layer's line, saying the step they began.
    const vanishing = ourDiagnostics(uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'vanishing');
    assert.ok(vanishing.length >= 1, 'a vanishing diagnostic');
    assert.strictEqual(vanishing[0].range.start.line, 8);
    assert.match(vanishing[0].message, /step \d+/);

    // The panel's Training tab: the whole run, ended.
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the panel', 20_000);
    const [started] = messagesOf(panel.training, 'trainingStarted');
    assert.strictEqual(started.run.live, false, 'the run has ended');
    assert.deepStrictEqual(started.run.layers.map((l) => l.name), ['first', ...Array.from({ length: 8 }, (_, i) => `hidden${i}`), 'head']);
    assert.strictEqual(messagesOf(panel.training, 'trainingSteps').flatMap((m) => m.steps).length, 16);
    assert.strictEqual(messagesOf(panel.training, 'trainingSample').length, 4, 'histograms every 4 steps');
    assert.strictEqual(messagesOf(panel.training, 'trainingEpoch').length, 2);
    assert.ok(messagesOf(panel.training, 'trainingFinding').every((m) => m.finding.step !== undefined));
    assert.strictEqual(messagesOf(panel.training, 'trainingEnded')[0]?.status, 'done');

    // The run file: kept under the workspace storage, listed with its mode, steps and status.
    const runs = api.listRuns(uri);
    assert.strictEqual(runs.length, before + 1);
    assert.deepStrictEqual([runs[0].mode, runs[0].steps, runs[0].status], ['watch', 16, 'done']);
    assert.ok(runs[0].path.startsWith(api.runsFolder()) && fs.existsSync(runs[0].path));
  });

  it('a long fit: decorations follow the steps live; Stop ends it within a second, leaves no runner, keeps the run, which reopens', async function () {
    this.timeout(120_000);
    const api = await getApi();
    await open(LONG);
    const uri = fixture(LONG);
    const pending = api.watch(uri);
    const [pid] = await waitFor(() => (api.watchRunnerPids().length ? api.watchRunnerPids() : undefined), 'a watch runner', 20_000);
    const early = await waitFor(() => {
      const d = api.getRenderedDecorations(uri).find((x) => x.line === 8);
      return d && stepOf(d.text) >= 0 && stepOf(d.text);
    }, 'a live decoration', 30_000);
    const later = await waitFor(() => {
      const d = api.getRenderedDecorations(uri).find((x) => x.line === 8);
      return d && stepOf(d.text) > early + 20 && stepOf(d.text);
    }, 'the decoration to move on', 30_000);
    assert.ok(later > early);
    assert.strictEqual(api.getEntry(uri)?.watch?.running, true);
    assert.match(api.statusBarText(), /Watching long-fit\.js: step \d+ · epoch \d+ · loss /);
    await sleep(300);

    const t0 = Date.now();
    await vscode.commands.executeCommand('gradientLens.stopWatch', uri);
    const report = await pending;
    const elapsed = Date.now() - t0;
    assert.strictEqual(report.error?.kind, 'cancelled');
    assert.ok(elapsed < 2000, `Stop took ${elapsed} ms`);
    assert.strictEqual(report.partial, true);
    assert.ok(report.stepCount > later, `${report.stepCount} steps kept`);
    await waitFor(() => !alive(pid), 'the runner to exit', 2000);
    assert.deepStrictEqual(api.watchRunnerPids(), []);
    const warm = api.warmRunnerPid();
    assert.deepStrictEqual(runnerProcesses().filter((p) => p !== warm), [], 'no runner process left');
    assert.strictEqual(api.getEntry(uri)?.watch?.running, false, 'the stopped run stays in the views');
    assert.strictEqual(stepOf(api.getRenderedDecorations(uri).find((x) => x.line === 8)?.text ?? ''), report.lastStep);

    const [run] = api.listRuns(uri);
    assert.deepStrictEqual([run.mode, run.status, run.steps], ['watch', 'cancelled', report.stepCount]);
    // Reopened from the file: the panel shows the stored run, not a live one.
    assert.strictEqual(api.openRun(run.path), uri.fsPath);
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the panel', 20_000);
    const [started] = messagesOf(panel.training, 'trainingStarted');
    assert.deepStrictEqual([started.run.live, started.run.runFile], [false, run.path]);
    const steps = messagesOf(panel.training, 'trainingSteps').flatMap((m) => m.steps);
    assert.ok(steps.length > 0 && steps.length <= 1000, `${steps.length} timeline points`);
    assert.strictEqual(steps.at(-1)?.step, report.lastStep);
    assert.strictEqual(messagesOf(panel.training, 'trainingEnded')[0]?.status, 'cancelled');
  });

  it('Compare shows the deep-sigmoid quick fix: the early layers’ ‖g‖ rise in the run after the fix', async function () {
    this.timeout(180_000);
    const api = await getApi();
    const copy = fixture(FIXED);
    fs.writeFileSync(copy.fsPath, fs.readFileSync(fixture(DEEP).fsPath, 'utf8'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy), { preview: false });
    const before = await api.watch(copy, { every: 8 });
    assert.strictEqual(before.status, 'done', JSON.stringify(before.error));

    // The quick fix, as a user applies it: the warning's code action, then save.
    const warning = await waitFor(() => ourDiagnostics(copy).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'deep-saturating-stack'), 'the deep-saturating-stack warning', 20_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', copy, warning.range, 'quickfix.gradientLens');
    const fix = actions.find((a) => /relu/i.test(a.title));
    assert.ok(fix?.edit, `a ReLU/He fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /activation: 'relu'/);
    assert.ok(await editor.document.save());

    const after = await api.watch(copy, { every: 8 });
    assert.strictEqual(after.status, 'done', JSON.stringify(after.error));
    const outcome = api.compareRuns(copy);
    assert.ok(outcome.compared, outcome.compared ? '' : outcome.reason);
    // What the panel's Compare tab was given.
    const panel = await waitFor(() => api.inspectPanel(copy)?.ready && api.inspectPanel(copy), 'the panel', 20_000);
    const compare = panel.compare!;
    assert.strictEqual(panel.tab, 'compare');
    assert.ok(compare.a.startedAt! < compare.b.startedAt!, 'A is the run before the fix');
    const row = (name: string) => compare.layers.find((l) => l.name === name)!;
    for (const name of ['first', 'hidden0', 'hidden1']) {
      const r = row(name);
      assert.ok(r.ratio! > 10, `${name}: ‖g‖ ${r.gradNormA} → ${r.gradNormB} (×${r.ratio})`);
      assert.match(r.verdictA, /vanishing/);
      assert.doesNotMatch(r.verdictB, /vanishing/);
    }
    assert.match(compare.note ?? '', /model file changed/);
    console.log(`compare: first layer ‖g‖ ${row('first').gradNormA} → ${row('first').gradNormB} (×${row('first').ratio?.toPrecision(3)})`);
  });

  it('the commands: Compare runs and Open stored run through their QuickPicks, Export stored run through the save dialog', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const copy = fixture(FIXED);
    await vscode.window.showTextDocument(copy, { preview: false });
    const runs = api.listRuns(copy);
    assert.ok(runs.length >= 2, `${runs.length} stored runs of the copy`);
    /** Accepts the focused QuickPick / save dialog entry until the command settles (the UI opens a moment later). */
    const accepting = async <T>(pending: Thenable<T>): Promise<T> => {
      let settled = false;
      const result = Promise.resolve(pending).finally(() => (settled = true));
      while (!settled) {
        await sleep(300);
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      return result;
    };
    // "Compare the latest run with the previous one" is the first choice.
    const outcome = (await accepting(vscode.commands.executeCommand('gradientLens.compareRuns', copy))) as { compared: boolean; compare?: { a: { runFile?: string }; b: { runFile?: string } } };
    assert.ok(outcome.compared);
    assert.deepStrictEqual([outcome.compare?.a.runFile, outcome.compare?.b.runFile], [runs[1].path, runs[0].path]);
    // Compare and Open reveal the panel, which takes focus, and a QuickPick (the save dialog too) closes on
    // focus loss: on a loaded machine the focus arrived after the next QuickPick had opened and dismissed it.
    // Before the next command, wait until the workbench shows the panel as the active tab, loaded, as a user would.
    const panelInFront = () =>
      waitFor(() => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
        return tab?.input instanceof vscode.TabInputWebview && tab.label === `Gradient Lens: ${path.basename(copy.fsPath)}` && api.inspectPanel(copy)?.ready;
      }, 'the panel to be the active tab, loaded', 20_000);
    await panelInFront();
    // The file's own runs come first, newest first.
    const opened = await accepting(vscode.commands.executeCommand('gradientLens.openRun', copy));
    assert.strictEqual(opened, copy.fsPath);
    const [started] = messagesOf(api.inspectPanel(copy)?.training, 'trainingStarted');
    assert.strictEqual(started.run.runFile, runs[0].path);
    await panelInFront();
    // Export: the dialog proposes the run's name next to its model file.
    const target = path.join(path.dirname(copy.fsPath), path.basename(runs[0].path));
    try {
      assert.strictEqual(await accepting(vscode.commands.executeCommand('gradientLens.exportRun', runs[0].path)), target);
      assert.ok(fs.readFileSync(target).equals(fs.readFileSync(runs[0].path)), 'an exact copy');
    } finally {
      fs.rmSync(target, { force: true });
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
