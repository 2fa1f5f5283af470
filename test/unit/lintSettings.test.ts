// The static analyzer's settings in package.json stay in step with the rules (src/core/lint): one
// gradientLens.lint.rules entry per rule code with every level and the rule's default severity, nothing
// else, and the deep-stack default of the analyzer.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DEEP_STACK_MIN, LINT_LEVELS, LINT_RULES } from '../../src/core/lint';

const root = path.resolve(__dirname, '../..');
const props = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties;

test('gradientLens.lint.rules lists every rule, with all levels and its default severity', () => {
  const rules = props['gradientLens.lint.rules'];
  assert.equal(rules.type, 'object');
  assert.deepEqual(rules.default, {});
  assert.equal(rules.additionalProperties, false, 'unknown codes are flagged in settings.json');
  assert.deepEqual(Object.keys(rules.properties).sort(), LINT_RULES.map((r) => r.code).sort());
  for (const rule of LINT_RULES) {
    const entry = rules.properties[rule.code];
    assert.deepEqual(entry.enum, [...LINT_LEVELS], rule.code);
    assert.equal(entry.default, rule.defaultSeverity, rule.code);
    assert.ok(entry.markdownDescription.includes(rule.docUrl), `${rule.code} links its doc page`);
    assert.ok(entry.markdownDescription.includes(`Default \`${rule.defaultSeverity}\``), rule.code);
  }
});

test('gradientLens.lint.enabled and deepStackMin match the analyzer', () => {
  assert.equal(props['gradientLens.lint.enabled'].default, true);
  assert.equal(props['gradientLens.lint.deepStackMin'].default, DEFAULT_DEEP_STACK_MIN);
  assert.equal(props['gradientLens.lint.deepStackMin'].type, 'integer');
});
