/// <reference types="mocha" />
// The contributions as VS Code sees them (packageJSON of the installed extension), and the commands
// really registered and runnable.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeTrusted, EXTENSION_ID, fixture, getApi, useFewSteps } from './helpers';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
const COMMAND_IDS = ['gradientLens.profile', 'gradientLens.cancel', 'gradientLens.clearResults', 'gradientLens.showReport', 'gradientLens.editArguments', 'gradientLens.findLearningRate', 'gradientLens.showGradientPanel', 'gradientLens.overfitBatch', 'gradientLens.openExample', 'gradientLens.gradcheck', 'gradientLens.watchTraining', 'gradientLens.stopWatch', 'gradientLens.openRun', 'gradientLens.exportRun', 'gradientLens.compareRuns'];

/** Evaluates the `resourceExtname =~ /…/` part of a when clause against a file name. */
function extnameMatches(when: string, file: string): boolean {
  const m = /resourceExtname =~ \/(.+?)\/(\s|$)/.exec(when);
  assert.ok(m, `no resourceExtname regex in "${when}"`);
  const ext = file.slice(file.lastIndexOf('.'));
  return new RegExp(m[1]).test(ext);
}

describe('manifest @untrusted', () => {
  it('contributes the commands with category and icon', () => {
    const commands: { command: string; title: string; category: string; icon?: unknown }[] = manifest().contributes.commands;
    assert.deepStrictEqual(commands.map((c) => c.command).sort(), [...COMMAND_IDS].sort());
    const profile = commands.find((c) => c.command === 'gradientLens.profile')!;
    assert.strictEqual(profile.title, 'Profile gradients');
    assert.strictEqual(profile.category, 'Gradient Lens');
    assert.ok(profile.icon, 'profile has an icon');
    for (const c of commands) assert.strictEqual(c.category, 'Gradient Lens');
  });

  it('puts "Profile gradients" in the explorer and editor context menus for JS/TS files, the editor title and the palette', () => {
    const menus: Record<string, MenuItem[]> = manifest().contributes.menus;
    for (const menu of ['explorer/context', 'editor/context', 'editor/title', 'commandPalette']) {
      const item = menus[menu]?.find((i) => i.command === 'gradientLens.profile');
      assert.ok(item, `gradientLens.profile missing in ${menu}`);
      for (const ok of ['model.js', 'model.ts', 'model.mjs', 'model.cjs', 'model.mts', 'model.cts']) assert.ok(extnameMatches(item.when!, ok), `${menu}: ${ok} should match`);
      for (const no of ['data.json', 'train.py', 'notes.md', 'x.jsx']) assert.ok(!extnameMatches(item.when!, no), `${menu}: ${no} should not match`);
    }
    assert.strictEqual(menus['editor/title'].find((i) => i.command === 'gradientLens.profile')!.group, 'navigation');
  });

  it('declares activation, trust, extension kind, settings and colours', () => {
    const m = manifest();
    assert.deepStrictEqual(m.activationEvents, ['onLanguage:javascript', 'onLanguage:typescript', 'onWebviewPanel:gradientLens.panel']);
    assert.strictEqual(m.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(m.capabilities.untrustedWorkspaces.description.length > 20);
    assert.deepStrictEqual(m.extensionKind, ['workspace']);
    const props = m.contributes.configuration.properties;
    assert.strictEqual(props['gradientLens.steps'].default, 20);
    assert.strictEqual(props['gradientLens.batchSize'].default, null);
    assert.deepStrictEqual(props['gradientLens.backend'].enum, ['auto', 'tensorflow', 'wasm', 'cpu']);
    assert.strictEqual(props['gradientLens.nodePath'].default, '');
    for (const key of ['timeoutSeconds', 'memoryLimitMb', 'decorations.enabled', 'decorations.style', 'thresholds.vanishingRelative', 'thresholds.deadShare']) {
      assert.ok(props[`gradientLens.${key}`]?.markdownDescription, `gradientLens.${key} documented`);
    }
    const colors: { id: string; defaults: Record<string, string> }[] = m.contributes.colors;
    for (const name of ['healthy', 'vanishing', 'exploding', 'nonFinite', 'dead', 'saturated', 'stale']) {
      const color = colors.find((c) => c.id === `gradientLens.${name}Foreground`);
      assert.ok(color, `colour ${name}`);
      for (const theme of ['light', 'dark', 'highContrast']) assert.match(color.defaults[theme], /^#[0-9A-Fa-f]{6}$/);
    }
  });

  it('registers every contributed command once activated', async () => {
    await getApi();
    const registered = await vscode.commands.getCommands(true);
    for (const id of COMMAND_IDS) assert.ok(registered.includes(id), `${id} not registered`);
  });
});

describeTrusted('commands', () => {
  before(() => useFewSteps());

  it('"Profile gradients" executed on a file profiles it and stores the report', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.profile', uri);
    const report = api.getReport(uri);
    assert.ok(report, 'no report stored');
    assert.strictEqual(report.status, 'done', JSON.stringify(report.error));
    assert.strictEqual(report.layers.length, 2);
    assert.deepStrictEqual(api.runnerPids(), []);
  });

  it('"Show Markdown report" opens a read-only Markdown report', async () => {
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.showReport', uri);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'gradient-lens-report', path: `${uri.fsPath}.gradient-lens.md` }));
    assert.strictEqual(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# Gradient Lens — model\.js/);
    assert.match(doc.getText(), /\| dense\\_Dense1 \| Dense \(relu\) \| 6 \|/);
  });

  it('"Clear results" removes the report', async () => {
    const api = await getApi();
    const uri = fixture('model.js');
    await vscode.commands.executeCommand('gradientLens.clearResults');
    assert.strictEqual(api.getReport(uri), undefined);
  });
});
