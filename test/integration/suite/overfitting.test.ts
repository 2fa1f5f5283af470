/// <reference types="mocha" />
// The overfitting finding of Watch training inside real VS Code (core/overfittingRule.ts): a fixture whose validation
// loss passes its minimum while its training loss falls, watched to its end — the warning read back as a diagnostic on
// the layer's line (with the epoch it began), as the decoration's verdict and as a finding in the panel's Training tab,
// which also draws fit()'s val_loss beside the training loss, named "fit()'s val_loss (validationData)".
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TrainingMessage } from '../../../src/core/trainingFeed';
import { describeTrusted, fixture, getApi, open, ourDiagnostics, waitFor } from './helpers';

const OVERFITS = 'watch/overfits.js';
const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describeTrusted('watch training: overfitting', () => {
  it('a run whose validation loss passes its minimum: an overfitting warning on the layer\'s line, its decoration and the Training tab', async function () {
    this.timeout(180_000);
    const api = await getApi();
    await open(OVERFITS);
    const uri = fixture(OVERFITS);
    const report = await api.watch(uri, { every: 20 });
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    assert.strictEqual(report.epochs.length, 120);

    const diagnostic = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'overfitting'), 'the overfitting diagnostic');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(diagnostic.range.start.line, 13, 'line 14, where the layer is created');
    assert.match(diagnostic.message, /validation loss \(running median of 3 epochs\) passed its lowest \S+ at epoch \d+ \(step \d+\)/);
    assert.match(diagnostic.message, /weight decay .* or dropout/);

    const decoration = await waitFor(() => api.getRenderedDecorations(uri).find((d) => d.line === 14), 'the layer\'s decoration');
    assert.match(decoration.text, /overfitting/, decoration.text);

    // The first webview of the workbench: under a load of ~50 on 2 cores it took longer than 20 s to load.
    const panel = await waitFor(() => api.inspectPanel(uri)?.ready && api.inspectPanel(uri), 'the panel', 60_000);
    const findings = (panel.training ?? []).filter((m): m is Extract<TrainingMessage, { type: 'trainingFinding' }> => m.type === 'trainingFinding');
    assert.ok(findings.some((m) => m.finding.code === 'overfitting' && m.finding.step !== undefined), JSON.stringify(findings.map((m) => m.finding.code)));
    // The Training tab draws fit()'s val_loss beside the training loss, named by where it came from.
    const validation = (panel.training ?? []).flatMap((m) => (m.type === 'trainingValidation' ? m.readings : []));
    assert.strictEqual(validation.length, 120, 'one val_loss an epoch');
    assert.deepStrictEqual([...new Set(validation.map((r) => `${r.origin} | ${r.label}`))], ["validationData | fit()'s val_loss (validationData)"]);
    assert.deepStrictEqual(validation.map((r) => r.loss), report.epochs.map((e) => e.logs.val_loss));
  });
});
