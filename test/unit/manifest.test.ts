// The extension manifest stays in step with the code: threshold settings mirror DEFAULT_THRESHOLDS,
// every decoration colour is contributed, every finding code has its rule page, menus name real commands.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseExpression } from '@babel/parser';
import { DEFAULT_THRESHOLDS } from '../../src/core/health';
import { VERDICT_COLORS } from '../../src/core/presentation';
import { FINDING_CODES } from '../../src/core/protocol';

const root = path.resolve(__dirname, '../..');
const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);

test('no key appears twice in one object of the manifest (JSON.parse would keep the last silently)', () => {
  const duplicates: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; properties?: { key: { value: string }; value: unknown; loc: { start: { line: number } } }[]; elements?: unknown[] };
    if (n.type === 'ObjectExpression') {
      const seen = new Set<string>();
      for (const p of n.properties!) {
        if (seen.has(p.key.value)) duplicates.push(`"${p.key.value}" at package.json:${p.loc.start.line}`);
        seen.add(p.key.value);
        visit(p.value);
      }
    } else if (n.type === 'ArrayExpression') visit(n.elements);
  };
  visit(parseExpression(manifestText));
  assert.deepEqual(duplicates, []);
});

test('virtual workspaces and Restricted Mode are declared limited (the inline warnings work in both)', () => {
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('threshold settings mirror DEFAULT_THRESHOLDS', () => {
  const props = manifest.contributes.configuration.properties;
  for (const [key, value] of Object.entries(DEFAULT_THRESHOLDS)) {
    const prop = props[`gradientLens.thresholds.${key}`];
    assert.ok(prop, `gradientLens.thresholds.${key} missing`);
    assert.equal(prop.default, value, `gradientLens.thresholds.${key}`);
    assert.match(prop.markdownDescription, new RegExp(`Default \`${value}\``));
  }
  const declared = Object.keys(props).filter((k) => k.startsWith('gradientLens.thresholds.'));
  assert.equal(declared.length, Object.keys(DEFAULT_THRESHOLDS).length);
});

test('every decoration colour is contributed with light, dark and high-contrast defaults', () => {
  for (const color of VERDICT_COLORS) {
    const entry = manifest.contributes.colors.find((c: { id: string }) => c.id === `gradientLens.${color}Foreground`);
    assert.ok(entry, color);
    for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight']) assert.match(entry.defaults[theme], /^#[0-9A-F]{6}$/i);
  }
});

test('every finding code has a rule page naming its default threshold source', () => {
  for (const code of FINDING_CODES) {
    const file = path.join(root, 'docs/rules', `${code}.md`);
    assert.ok(fs.existsSync(file), file);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`^# \`${code}\``));
  }
});

test('menus and icons refer to contributed commands and existing files', () => {
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, items] of Object.entries(manifest.contributes.menus) as [string, { command: string }[]][]) {
    for (const item of items) assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
  }
  for (const c of manifest.contributes.commands) {
    if (c.icon && typeof c.icon === 'object') for (const p of Object.values(c.icon) as string[]) assert.ok(fs.existsSync(path.join(root, p)), p);
  }
});

test('the Get Started walkthrough: each step has its markdown, a command link and that command as completion event', () => {
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.equal(walkthrough.steps.length, 4);
  for (const step of walkthrough.steps) {
    assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
    const linked = /\(command:([\w.]+)\)/.exec(step.description)?.[1];
    assert.ok(linked && (commands.has(linked) || linked.startsWith('editor.')), `${step.id} links ${linked}`);
    assert.deepEqual(step.completionEvents, [`onCommand:${linked}`]);
  }
  assert.ok(fs.existsSync(path.join(root, 'media/walkthrough/example-model.js')));
});
