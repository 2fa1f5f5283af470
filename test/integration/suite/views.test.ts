/// <reference types="mocha" />
// Profiling fixtures of the workspace and checking what the editor shows: decorations on exactly the
// expected lines with the expected verdicts, diagnostics, hover, CodeLens, line tracking while editing,
// and failed runs (syntax error, factory that needs arguments).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeTrusted, fixture, getApi, open, ourDiagnostics, revertAll, sleep, useFewSteps, waitFor } from './helpers';

const byLine = (decorations: { line: number }[]) => decorations.map((d) => d.line);

describeTrusted('views of a profile', () => {
  before(() => useFewSteps());
  afterEach(() => revertAll());

  it('sigmoid stack: one aggregated vanishing decoration on the loop line, a healthy head', async () => {
    const api = await getApi();
    const editor = await open('sigmoid-stack.js');
    const report = await api.profile(editor.document.uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(editor.document.uri);
      return r.length ? r : undefined;
    }, 'decorations');
    assert.deepStrictEqual(byLine(rendered), [8, 9]);
    const [loop, head] = rendered;
    assert.match(loop.text, /^∇ 16× \S+–\S+ · \d+ vanishing$/);
    assert.deepStrictEqual(loop.verdicts, ['vanishing']);
    assert.strictEqual(loop.color, 'gradientLens.vanishingForeground');
    assert.match(head.text, /^∇ \S+$/);
    assert.deepStrictEqual(head.verdicts, []);
    assert.strictEqual(head.color, 'gradientLens.healthyForeground');
  });

  it('dead ReLU: the dead layer line says so; diagnostics at the layer lines link the rule docs', async () => {
    const api = await getApi();
    const editor = await open('dead-relu.js');
    const uri = editor.document.uri;
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return r.length ? r : undefined;
    }, 'decorations');
    assert.deepStrictEqual(byLine(rendered), [6, 7, 8]);
    // the cause only: its zero gradient is not reported as vanishing too
    assert.deepStrictEqual(rendered[1].verdicts, ['dead-relu']);
    assert.strictEqual(rendered[1].text, '∇ 0 dead ReLU');
    assert.strictEqual(rendered[1].color, 'gradientLens.deadForeground');
    assert.deepStrictEqual(rendered[0].verdicts, ['vanishing']);
    assert.deepStrictEqual(rendered[2].verdicts, []);

    const diagnostics = await waitFor(() => {
      const d = ourDiagnostics(uri);
      return d.length ? d : undefined;
    }, 'diagnostics');
    const summary = diagnostics.map((d) => `${d.range.start.line + 1}:${(d.code as { value: string }).value}`).sort();
    assert.deepStrictEqual(summary, ['6:vanishing', '7:dead-relu']);
    const dead = diagnostics.find((d) => (d.code as { value: string }).value === 'dead-relu')!;
    assert.strictEqual(dead.severity, vscode.DiagnosticSeverity.Warning);
    assert.match((dead.code as { target: vscode.Uri }).target.toString(), /docs\/rules\/dead-relu\.md$/);
  });

  it('hover on a layer line: per-weight table, trend and rule link', async () => {
    const uri = fixture('dead-relu.js');
    await open('dead-relu.js');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(6, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\*\*dead\*\* · Dense · relu/);
    assert.match(text, /\| kernel \| 16×16 \|/);
    assert.match(text, /\| bias \| 16 \|/);
    assert.match(text, /‖g‖\/‖w‖/);
    assert.match(text, /trend `[▁▂▃▄▅▆▇█_!]+`/);
    assert.match(text, /docs\/rules\/dead-relu\.md/);
  });

  it('CodeLens "Profile gradients" above tf.sequential(', async () => {
    const uri = fixture('dead-relu.js');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const profile = lenses.filter((l) => l.command?.command === 'gradientLens.profile');
    assert.deepStrictEqual(profile.map((l) => l.range.start.line + 1), [5]);
    assert.match(profile[0].command!.title, /Profile gradients/);
  });

  it('edits move decorations and diagnostics with their lines; edited lines go stale until the next profile', async () => {
    const api = await getApi();
    const editor = await open('dead-relu.js');
    const uri = editor.document.uri;
    await waitFor(() => api.getRenderedDecorations(uri).length === 3, 'decorations of the previous test');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n'));
    await waitFor(() => byLine(api.getRenderedDecorations(uri)).join() === '8,9,10', 'decorations moved by 2 lines');
    await waitFor(() => ourDiagnostics(uri).every((d) => d.range.start.line + 1 >= 8), 'diagnostics moved');
    assert.ok(api.getRenderedDecorations(uri).every((d) => d.color !== 'gradientLens.staleForeground'), 'nothing stale after inserting lines above');

    // type into the dead layer's line (now line 9)
    const line9 = editor.document.lineAt(8);
    await editor.edit((b) => b.insert(line9.range.end.translate(0, -1), ' '));
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return r.find((d) => d.line === 9)?.color === 'gradientLens.staleForeground' ? r : undefined;
    }, 'line 9 stale');
    assert.match(rendered[1].text, /\(edited\)$/);
    assert.notStrictEqual(rendered[0].color, 'gradientLens.staleForeground');
    assert.notStrictEqual(rendered[2].color, 'gradientLens.staleForeground');

    // deleting the first inserted line moves everything up by one
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    await waitFor(() => byLine(api.getRenderedDecorations(uri)).join() === '7,8,9', 'decorations moved up');

    await revertAll();
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done');
    await waitFor(() => {
      const r = api.getRenderedDecorations(uri);
      return byLine(r).join() === '6,7,8' && r.every((d) => d.color !== 'gradientLens.staleForeground');
    }, 'fresh decorations after re-profiling');
  });

  it('layers created in another file decorate that file when its editor is visible', async () => {
    const api = await getApi();
    const main = fixture('uses-helper.js');
    const report = await api.profile(main);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const helper = await open('lib/stack.js');
    const rendered = await waitFor(() => {
      const r = api.getRenderedDecorations(helper.document.uri);
      return r.length ? r : undefined;
    }, 'decorations in lib/stack.js');
    assert.deepStrictEqual(byLine(rendered), [7]);
    assert.match(rendered[0].text, /^∇ 3× /);
    const mainEditor = await open('uses-helper.js');
    await waitFor(() => byLine(api.getRenderedDecorations(mainEditor.document.uri)).join() === '9', 'the output layer in uses-helper.js');
  });

  it('ambiguous export: the command asks with a QuickPick, remembers the choice and profiles again', async () => {
    const api = await getApi();
    const uri = fixture('two-models.js');
    await open('two-models.js');
    const command = Promise.resolve(vscode.commands.executeCommand('gradientLens.profile', uri));
    await waitFor(() => api.getReport(uri)?.error?.kind === 'ambiguous-export', 'the ambiguous-export failure', 30_000);
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await command;
    const report = api.getReport(uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    assert.strictEqual(report?.exportName, 'encoder');
    // remembered: the API (which never prompts) now profiles the chosen export
    const again = await api.profile(uri);
    assert.strictEqual(again.status, 'done');
    assert.strictEqual(again.exportName, 'encoder');
  });

  it('a model-level finding (diverging loss) sits on the line that set the learning rate (tf.train.sgd(10))', async () => {
    const api = await getApi();
    const uri = fixture('diverging.js');
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    assert.ok(report.findings.some((f) => f.code === 'loss-diverging' && !f.layer), JSON.stringify(report.findings));
    const diagnostic = await waitFor(() => ourDiagnostics(uri).find((d) => (d.code as { value: string }).value === 'loss-diverging'), 'loss-diverging diagnostic');
    assert.strictEqual(diagnostic.range.start.line + 1, 8);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('a finding about the data sits on the line that made the labels tensor; the compile() line and the definition it was made from as related information', async () => {
    const api = await getApi();
    const uri = fixture('labels-divided.js');
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const diagnostic = await waitFor(() => ourDiagnostics(uri).find((d) => (d.code as { value: string }).value === 'invalid-labels'), 'invalid-labels diagnostic');
    assert.strictEqual(diagnostic.range.start.line + 1, 9);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /^Labels the loss cannot read: sparseCategoricalCrossentropy expects class indices/);
    assert.deepStrictEqual(diagnostic.relatedInformation?.map((r) => [r.location.uri.fsPath, r.location.range.start.line + 1, r.message]), [
      [uri.fsPath, 14, 'compile(): the loss sparseCategoricalCrossentropy, which reads these labels'],
      // core/originSites.ts: `ys = raw.div(255)` reads `raw`, defined once on line 8.
      [uri.fsPath, 8, '`raw`: defined here: the targets given to fit() (line 9) are made from it'],
    ]);
  });

  it('a syntax error yields a diagnostic at its line and no decorations', async () => {
    const api = await getApi();
    const editor = await open('syntax-error.js');
    const uri = editor.document.uri;
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'failed');
    assert.strictEqual(report.error?.kind, 'syntax');
    const diagnostics = await waitFor(() => {
      const d = ourDiagnostics(uri);
      return d.length ? d : undefined;
    }, 'syntax diagnostic');
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].range.start.line + 1, 6);
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0].message, /syntax/i);
    assert.deepStrictEqual(api.getRenderedDecorations(uri), []);
  });

  it('a factory that needs arguments fails with the parameter names (without prompting through the API)', async () => {
    const api = await getApi();
    const uri = fixture('needs-args.js');
    const report = await api.profile(uri);
    assert.strictEqual(report.error?.kind, 'needs-args');
    assert.deepStrictEqual(report.error?.details?.[0], 'hiddenUnits');
    await waitFor(() => ourDiagnostics(uri).length === 1, 'needs-args diagnostic');
  });

  it('"Clear results" removes the diagnostics and the report of the file', async () => {
    const api = await getApi();
    const uri = fixture('dead-relu.js');
    await waitFor(() => ourDiagnostics(uri).length === 2, 'dead-relu diagnostics');
    await vscode.commands.executeCommand('gradientLens.clearResults', uri);
    await waitFor(() => ourDiagnostics(uri).length === 0, 'diagnostics cleared');
    assert.strictEqual(api.getReport(uri), undefined);
  });
});
