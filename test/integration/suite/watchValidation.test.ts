/// <reference types="mocha" />
// Watch reads the validation a script computes itself, inside real VS Code: watch/evaluates.js trains in a loop of
// fit({epochs: 1}) calls and evaluates its 200 held-out rows with model.evaluate() after each (line 22), and its 50
// training rows too (a training loss, not validation). Watched to its end, the panel's Training tab is given the
// held-out curve beside the training loss, named by its call ("model.evaluate() at evaluates.js:22 (200 rows)"), and
// the Problems panel's overfitting warning on the layer's line names the same call.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TrainingMessage } from '../../../src/core/trainingFeed';
import { describeTrusted, fixture, getApi, open, ourDiagnostics, waitFor } from './helpers';

const EVALUATES = 'watch/evaluates.js';
const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const validationOf = (messages: TrainingMessage[] | undefined) => (messages ?? []).flatMap((m) => (m.type === 'trainingValidation' ? m.readings : []));

describeTrusted('watch training: the validation a script evaluates itself', () => {
  it('model.evaluate() on held-out rows after each fit(): the Training tab draws it by its call, and the overfitting warning names that line', async function () {
    this.timeout(150_000);
    const api = await getApi();
    await open(EVALUATES);
    const uri = fixture(EVALUATES);
    const report = await api.watch(uri, { every: 20 });
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    assert.strictEqual(report.epochs.length, 120);
    // One reading an epoch, all from line 22; evaluate() on the training rows is not validation.
    assert.deepStrictEqual([report.validation.length, [...new Set(report.validation.map((r) => `${r.line}:${r.rows}`))]], [120, ['22:200']]);

    // The Training tab: what its webview was given (the run replayed as a panel that loads now receives it).
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the panel', 60_000);
    const readings = validationOf(panel.training);
    assert.strictEqual(readings.length, 120, 'every held-out reading');
    assert.deepStrictEqual([...new Set(readings.map((r) => `${r.origin} | ${r.label} | ${r.line}`))], ['evaluate | model.evaluate() at evaluates.js:22 (200 rows) | 22']);
    assert.deepStrictEqual(
      readings.map((r) => [r.step, r.loss]),
      report.validation.map((r) => [r.step, r.loss]),
      'the readings the runner measured, at their steps',
    );
    assert.ok(readings.every((r, i) => r.step === i), 'one full-batch step an epoch: reading i after step i');

    // The Problems panel: the overfitting warning on the layer's line (15), naming the evaluate() call.
    const diagnostic = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'overfitting'), 'the overfitting diagnostic');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(diagnostic.range.start.line, 14, 'line 15, where the layer is created');
    assert.match(diagnostic.message, /model\.evaluate\(\) at evaluates\.js:22 \(200 rows\)/);
    assert.match(diagnostic.message, /passed its lowest \S+ at evaluation \d+ \(step \d+\)/);
    // The same finding in the Training tab's list.
    const findings = (panel.training ?? []).flatMap((m) => (m.type === 'trainingFinding' ? [m.finding] : []));
    assert.ok(findings.some((f) => f.code === 'overfitting' && /evaluates\.js:22/.test(f.message)), JSON.stringify(findings.map((f) => f.code)));
  });
});
