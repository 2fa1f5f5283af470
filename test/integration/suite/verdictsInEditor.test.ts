/// <reference types="mocha" />
// The verdict commands as a user meets them in the editor: "Profile gradients and overfit one batch" and
// "Check gradients of custom layers" run from the command palette on a fixture, and what they leave in
// the Problems panel; a layer that gets no gradient only because the layer above it is dead, as the
// diagnostic's related location and in the hover.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GradcheckReport } from '../../../src/core/gradcheckReport';
import type { ProfileReport } from '../../../src/core/report';
import { describeTrusted, fixture, getApi, open, ourDiagnostics, revertAll, useFewSteps, waitFor } from './helpers';

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describeTrusted('verdict commands in the editor', () => {
  before(() => useFewSteps());
  afterEach(() => revertAll());

  it('overfit one batch passes on a model that memorises 8 examples: an information at the model line', async () => {
    const editor = await open('can-overfit.js');
    const uri = editor.document.uri;
    const report = await vscode.commands.executeCommand<ProfileReport>('gradientLens.overfitBatch', uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    const overfit = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'overfit-batch'), 'the overfit-batch diagnostic');
    assert.strictEqual(overfit.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(overfit.range.start.line + 1, 6);
    const m = /^Overfit one batch passed: (\d+) steps on 8 examples drove the loss from (\S+) to (\S+) \(≤ 10 % of its start\)\.$/.exec(overfit.message);
    assert.ok(m, overfit.message);
    // The message rounds to two digits (0.14 of 1.4 can be a pass): the exact losses are in the report.
    const losses = report!.overfit!.losses;
    assert.ok(losses[losses.length - 1] <= 0.1 * losses[0], `${losses[losses.length - 1]} ≤ 10 % of ${losses[0]}`);
    assert.strictEqual(Number(m[1]), losses.length - 1);
    assert.ok(Math.abs(Number(m[2]) - losses[0]) <= 0.05 * losses[0], `${m[2]} is the first loss ${losses[0]}`);
    assert.ok(Number(m[1]) <= 200);
    assert.ok(ourDiagnostics(uri).every((d) => d.severity !== vscode.DiagnosticSeverity.Warning && d.severity !== vscode.DiagnosticSeverity.Error));
  });

  it('overfit one batch fails on a softmax over one unit under MSE: a warning that names the next step', async () => {
    const editor = await open('cannot-overfit.js');
    const uri = editor.document.uri;
    const report = await vscode.commands.executeCommand<ProfileReport>('gradientLens.overfitBatch', uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    const diagnostics = await waitFor(() => {
      const d = ourDiagnostics(uri);
      return d.some((x) => code(x) === 'overfit-batch') ? d : undefined;
    }, 'the overfit-batch diagnostic');
    const overfit = diagnostics.find((d) => code(d) === 'overfit-batch')!;
    assert.strictEqual(overfit.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(overfit.message, /^Overfit one batch failed: 200 steps on only 8 examples took the loss from (\S+) to \1, not below 10 % of its start\. /);
    assert.match(overfit.message, /check the loss and output activation/);
    // the cause, at the output layer's line
    const activation = diagnostics.find((d) => code(d) === 'output-activation');
    assert.ok(activation, diagnostics.map(code).join());
    assert.strictEqual(activation.range.start.line + 1, 8);
    assert.match(activation.message, /meanSquaredError on a softmax output/);
  });

  it('plain Profile gradients does not run the overfit check', async () => {
    const editor = await open('cannot-overfit.js');
    const uri = editor.document.uri;
    const report = await vscode.commands.executeCommand<ProfileReport>('gradientLens.profile', uri);
    assert.strictEqual(report?.status, 'done');
    await waitFor(() => ourDiagnostics(uri).some((d) => code(d) === 'output-activation'), 'the profile diagnostics');
    assert.ok(!ourDiagnostics(uri).some((d) => code(d) === 'overfit-batch'));
  });

  it('gradient check: an error at the class whose hand-written gradient is wrong, none at the right one', async () => {
    const editor = await open('custom-swish.js');
    const uri = editor.document.uri;
    const report = await vscode.commands.executeCommand<GradcheckReport>('gradientLens.gradcheck', uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    assert.deepStrictEqual(report.layers.map((l) => [l.className, l.line, l.ok]), [['GoodSwish', 15, true], ['BadSwish', 24, false]]);
    const diagnostics = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => code(x) === 'gradcheck');
      return d.length ? d : undefined;
    }, 'the gradcheck diagnostic');
    assert.strictEqual(diagnostics.length, 1);
    const [bad] = diagnostics;
    assert.strictEqual(bad.source, 'Gradient Lens');
    assert.strictEqual(bad.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(bad.range.start.line + 1, 24);
    assert.match(bad.message, /^BadSwish: its gradient disagrees with finite differences \(relative error input 0 \S+; tolerance 0\.01\)\. Check the gradient function of its tf\.customGrad/);
    const relError = Number(/relative error input 0 (\S+);/.exec(bad.message)![1]);
    assert.ok(relError > 0.01, String(relError));
  });

  it('a layer below a dead layer: its diagnostic names the dead layer and links to its line', async () => {
    const api = await getApi();
    const editor = await open('dead-relu.js');
    const uri = editor.document.uri;
    const report = await api.profile(uri);
    assert.strictEqual(report.status, 'done');
    const vanishing = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'vanishing'), 'the vanishing diagnostic');
    assert.strictEqual(vanishing.range.start.line + 1, 6);
    assert.match(vanishing.message, /^No gradient reaches ok: the dense layer dead \(line 7\) is dead \(100 % of its units output 0\)/);
    const related = vanishing.relatedInformation ?? [];
    assert.strictEqual(related.length, 1, JSON.stringify(related));
    assert.strictEqual(related[0].location.uri.toString(), uri.toString());
    assert.strictEqual(related[0].location.range.start.line + 1, 7);
    assert.match(related[0].message, /^dead: cause: the dense layer dead \(line 7\) is dead/);
  });

  it('the hover on that layer says why it gets no gradient and points at the dead line', async () => {
    const uri = fixture('dead-relu.js');
    await open('dead-relu.js');
    const api = await getApi();
    if (!api.getReport(uri)) assert.strictEqual((await api.profile(uri)).status, 'done');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    // Markdown escapes the parentheses
    assert.match(text, /No gradient reaches it only because the dense layer dead \\\(line 7\\\) is dead/);
    assert.match(text, /docs\/rules\/vanishing\.md/);
  });
});
