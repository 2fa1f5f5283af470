// The static analyzer's settings in package.json stay in step with the rules (src/core/lint): one
// gradientLens.lint.rules entry per rule code with every level and the rule's default severity, nothing
// else; the analyzer's deep-stack default is the one in core/defaults.ts (whose manifest default
// test/unit/defaults.test.ts checks).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_LEVELS, LINT_RULES, lintSource } from '../../src/core/lint';
import { LINT_DEFAULTS } from '../../src/core/defaults';

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

/** `hidden` sigmoid Dense layers and a softmax output. */
const sigmoidStack = (hidden: number) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${Array.from({ length: hidden }, (_, i) => `model.add(tf.layers.dense({ units: 16, activation: 'sigmoid'${i ? '' : ', inputShape: [8]'} }));`).join('\n')}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
`;
const deepStackWarnings = (text: string) => lintSource(text, 'model.js').diagnostics.filter((d) => d.code === 'deep-saturating-stack').length;

test('without a deepStackMin option the analyzer uses LINT_DEFAULTS.deepStackMin', () => {
  const n = LINT_DEFAULTS.deepStackMin;
  assert.equal(deepStackWarnings(sigmoidStack(n)), 1, `${n} sigmoid hidden layers are a deep stack`);
  assert.equal(deepStackWarnings(sigmoidStack(n - 1)), 0, `${n - 1} are not`);
  assert.equal(props['gradientLens.lint.deepStackMin'].type, 'integer');
});
