/// <reference types="mocha" />
// What the Problems panel relates to a finding, read back as a user's editor holds it
// (vscode.languages.getDiagnostics(uri)[i].relatedInformation): the line of the helper that made the finding's layer,
// in the hover's words ("made by dense() at line 6"), which follows the file as it is edited; and, for a watched run,
// the definition its data was made from — the same related locations profile's findings carry (core/findingSites.ts,
// core/originSites.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ProfileReport } from '../../../src/core/report';
import { describeTrusted, fixture, getApi, open, ourDiagnostics, revertAll, useFewSteps, waitFor } from './helpers';

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
/** Each related information as [file name, 1-based line, message]. */
const related = (d: vscode.Diagnostic) => (d.relatedInformation ?? []).map((r) => [r.location.uri.fsPath, r.location.range.start.line + 1, r.message] as const);

describeTrusted('related locations in the Problems panel', () => {
  before(() => useFewSteps());
  afterEach(() => revertAll());

  it("a layer made by the user's helper: the helper's line is related, in the hover's words, and moves with the file", async () => {
    const editor = await open('dead-by-helper.js');
    const uri = editor.document.uri;
    const report = await vscode.commands.executeCommand<ProfileReport>('gradientLens.profile', uri);
    assert.strictEqual(report?.status, 'done', JSON.stringify(report?.error));
    const find = (c: string) => ourDiagnostics(uri).find((d) => code(d) === c);
    const dead = await waitFor(() => find('dead-relu'), 'the dead-relu diagnostic');
    assert.strictEqual(dead.range.start.line + 1, 12, 'on the calling line, where the -100 bias is written');
    const layer = report.layers.find((l) => l.line === 12)!.name;
    assert.deepStrictEqual(related(dead), [[uri.fsPath, 6, `${layer}: made by dense() at line 6`]]);

    // The layer below gets no gradient because of it: its cause first, then where the helper made it.
    const vanishing = find('vanishing')!;
    assert.ok(vanishing, ourDiagnostics(uri).map(code).join());
    const below = report.layers.find((l) => l.line === 11)!.name;
    const [cause, helper] = related(vanishing);
    assert.deepStrictEqual([cause[0], cause[1]], [uri.fsPath, 12]);
    assert.match(cause[2], new RegExp(`^${layer}: cause: `));
    assert.deepStrictEqual(helper, [uri.fsPath, 6, `${below}: made by dense() at line 6`]);

    // Two lines inserted above the helper: its related location follows it (the results store shifts helper frames).
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n'));
    const moved = await waitFor(() => {
      const d = find('dead-relu');
      return d && d.range.start.line + 1 === 14 && d;
    }, 'the dead-relu diagnostic two lines down');
    assert.deepStrictEqual(related(moved), [[uri.fsPath, 8, `${layer}: made by dense() at line 8`]], 'the location and its words move with the helper');
  });

  it('a watched run: a NaN already in the inputs relates the definition the inputs were made from', async function () {
    this.timeout(120_000);
    const api = await getApi();
    await open('watch/nan-inputs.js');
    const uri = fixture('watch/nan-inputs.js');
    const report = await api.watch(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const nonFinite = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'non-finite'), 'the non-finite diagnostic');
    assert.strictEqual(nonFinite.range.start.line + 1, 8, 'on the line that made the inputs');
    assert.deepStrictEqual(related(nonFinite), [[uri.fsPath, 6, '`rows`: defined here: the inputs given to fit() (line 8) are made from it']]);
    // No layer was made on line 8, yet its hover says what the Problems panel says, and where the inputs came from.
    const hover = await hoverText(uri, 8);
    assert.match(hover, /\*\*error\*\* \(\[non-finite\]\([^)]*\)\): First NaN\/Inf at step \d+/);
    assert.match(hover, /- see \\`rows\\` \(line 6\): defined here: the inputs given to fit\\\(\\\) \\\(line 8\\\) are made from it/);
  });

  it('a watched run: a NaN/Inf first seen in the loss relates the loss function\'s definition, in Problems and in the hover', async function () {
    this.timeout(120_000);
    const api = await getApi();
    await open('watch/nan-loss.js');
    const uri = fixture('watch/nan-loss.js');
    const report = await api.watch(uri);
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    const nonFinite = await waitFor(() => ourDiagnostics(uri).find((d) => code(d) === 'non-finite'), 'the non-finite diagnostic');
    assert.strictEqual(nonFinite.range.start.line + 1, 14, 'on compile(), which chose the loss');
    assert.match(nonFinite.message, /the loss turned NaN\/Inf while every layer's output was finite/);
    assert.deepStrictEqual(related(nonFinite), [[uri.fsPath, 9, '`logLoss`: defined here: the loss function compile() is given, where the NaN/Inf first appeared']]);
    const hover = await hoverText(uri, 14);
    assert.match(hover, /non-finite/);
    assert.match(hover, /- see \\`logLoss\\` \(line 9\): defined here: the loss function compile\\\(\\\) is given, where the NaN\/Inf first appeared/);
    // Near miss: a line the finding does not sit on (model.fit) gets no Gradient Lens hover (TypeScript's own may be there).
    assert.doesNotMatch(await hoverText(uri, 18), /non-finite|NaN|logLoss/);
  });
});

/** The Markdown of every hover at the first non-blank character of 1-based `line`, as the editor gets it. */
async function hoverText(uri: vscode.Uri, line: number): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = new vscode.Position(line - 1, document.lineAt(line - 1).firstNonWhitespaceCharacterIndex + 1);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
