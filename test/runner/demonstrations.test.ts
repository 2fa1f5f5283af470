// The health rules on real models: each pathology is reported on the right layer and line, and the
// healthy counterpart is not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, layer, lineOf, profileEach } from './helpers';

const DEMO = (f: string) => fixture('demos', f);
const FILES = ['sigmoid20.js', 'relu-he20.js', 'const100.js', 'nan-layer.js', 'dead-relu.js'];
const outcome = profileEach(FILES, DEMO, { steps: 1, batchSize: 16 });

test('20-layer sigmoid MLP: vanishing in its first layers, not in its last', async () => {
  const { report } = await outcome('sigmoid20.js');
  const norms = report.layers.map((l) => l.gradNorm);
  assert.ok(norms[0] < 1e-10, `first layer ‖g‖ = ${norms[0]}`);
  assert.ok(norms[19] > 1e-2, `last sigmoid layer ‖g‖ = ${norms[19]}`);
  // Monotone decay from the head towards the input.
  for (let i = 1; i < 20; i++) assert.ok(norms[i - 1] < norms[i], `sig${i - 1} (${norms[i - 1]}) < sig${i} (${norms[i]})`);
  for (const i of [0, 1, 2, 3, 4]) assert.deepEqual(layer(report, `sig${i}`).verdicts, ['vanishing']);
  for (const name of ['sig17', 'sig18', 'sig19', 'head']) assert.deepEqual(layer(report, name).verdicts, []);
  const first = report.findings.find((f) => f.layer === 'sig0')!;
  assert.equal(first.code, 'vanishing');
  assert.equal(first.severity, 'warning');
  assert.equal(first.line, lineOf(DEMO('sigmoid20.js'), 'L:stack'));
  assert.equal(first.file, DEMO('sigmoid20.js'));
  assert.match(first.message, /sigmoid/);
  assert.ok(!report.findings.some((f) => f.code === 'exploding' || f.code === 'non-finite'));
});

test('the same depth with ReLU + He initialization: no vanishing', async () => {
  const { report } = await outcome('relu-he20.js');
  assert.equal(report.layers.length, 21);
  assert.deepEqual(report.findings.filter((f) => f.code === 'vanishing'), []);
  for (const l of report.layers) assert.ok(l.gradNorm > 1e-3, `${l.name} ‖g‖ = ${l.gradNorm}`);
});

test('constant-100 initializer: exploding', async () => {
  const { report } = await outcome('const100.js');
  const exploding = report.findings.filter((f) => f.code === 'exploding');
  assert.ok(exploding.length >= 1);
  assert.equal(exploding[0].layer, 'out');
  assert.equal(exploding[0].severity, 'error');
  assert.equal(exploding[0].line, lineOf(DEMO('const100.js'), 'L:out'));
  assert.ok(layer(report, 'out').gradNorm >= 1e5, `‖g‖ = ${layer(report, 'out').gradNorm}`);
  // Uniform softmax of identical logits: the first loss is ln(10), with no NaN anywhere.
  assert.ok(Math.abs(report.steps[0].loss - Math.log(10)) < 1e-4, `loss ${report.steps[0].loss}`);
  assert.ok(!report.findings.some((f) => f.code === 'non-finite'));
});

test('a custom layer taking log of negative values: non-finite on that layer and line', async () => {
  const { report } = await outcome('nan-layer.js');
  const nonFinite = report.findings.filter((f) => f.code === 'non-finite');
  assert.equal(nonFinite.length, 1, JSON.stringify(report.findings));
  assert.equal(nonFinite[0].layer, 'shiftedLog');
  assert.equal(nonFinite[0].severity, 'error');
  assert.equal(nonFinite[0].file, DEMO('nan-layer.js'));
  assert.equal(nonFinite[0].line, lineOf(DEMO('nan-layer.js'), 'L:log'));
  assert.match(nonFinite[0].message, /forward pass/);
  assert.deepEqual(layer(report, 'shiftedLog').verdicts, ['non-finite']);
  assert.ok(Number.isNaN(report.steps[0].loss));
  assert.ok(layer(report, 'before').weights[0].stats.nanCount > 0);
});

test('ReLU with bias -100: dead-relu on that layer', async () => {
  const { report } = await outcome('dead-relu.js');
  const dead = layer(report, 'dead');
  assert.equal(dead.deadShare, 1);
  assert.ok(dead.verdicts.includes('dead-relu'));
  const finding = report.findings.find((f) => f.code === 'dead-relu')!;
  assert.equal(finding.layer, 'dead');
  assert.equal(finding.line, lineOf(DEMO('dead-relu.js'), 'L:dead'));
  assert.equal(finding.severity, 'warning');
  assert.equal(report.findings.filter((f) => f.code === 'dead-relu').length, 1);
  assert.ok(layer(report, 'ok').deadShare! < 0.7);
});
