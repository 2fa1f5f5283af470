// Static warnings against the last profile's measurements (src/core/lint/evidence.ts): a stack measured
// healthy becomes a hint with the figure and no preferred fix, one measured vanishing is upgraded and
// absorbs the runtime findings, stale or partial evidence changes nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEvidence, lintSource, type MeasuredFinding, type MeasuredLayer } from '../../src/core/lint';

const SIGMOID = [
  "const tf = require('@tensorflow/tfjs');",
  'const m = tf.sequential();',
  "m.add(tf.layers.dense({ inputShape: [8], units: 8, activation: 'sigmoid' }));",
  "m.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));",
  "m.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));",
  "m.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));",
  "m.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));",
].join('\n');

/** Runtime layers as the report places them: 1-based line of each `tf.layers.dense(` call, column of `dense`. */
function layersOf(text: string, norms: number[], stale: number[] = []): MeasuredLayer[] {
  const lines = text.split('\n');
  const out: MeasuredLayer[] = [];
  lines.forEach((line, i) => {
    const column = line.indexOf('tf.layers.dense(');
    if (column < 0) return;
    const k = out.length;
    out.push({ name: `dense_Dense${k + 1}`, line: i + 1, column: column + 'tf.layers.'.length + 1, gradNorm: norms[k], stale: stale.includes(k) });
  });
  return out;
}

const stackOf = (text: string) => {
  const d = lintSource(text, 'm.js').diagnostics;
  assert.deepEqual(d.map((x) => x.code), ['deep-saturating-stack']);
  assert.equal(d[0].layers?.length, 4);
  return d;
};

test('a stack whose gradient reached its first layer: a hint with the figure, fixes not preferred', () => {
  const diagnostics = stackOf(SIGMOID);
  const layers = layersOf(SIGMOID, [0.31, 0.5, 0.8, 1, 2]);
  const { diagnostics: [d], absorbed } = applyEvidence(diagnostics, { layers, findings: [] }, SIGMOID);
  assert.equal(d.severity, 'hint');
  assert.match(d.message, /^measured: ‖g‖ first\/last layer 0\.31 in the last profile, the gradient reached the first layer of this stack/);
  assert.ok(d.message.endsWith(diagnostics[0].message));
  assert.deepEqual(d.evidence, { verdict: 'dismissed', summary: 'measured: ‖g‖ first/last layer 0.31' });
  assert.ok(d.fixes.length > 0 && d.fixes.every((f) => f.isPreferred === false));
  assert.deepEqual(absorbed, []);
  // The input diagnostics are not modified.
  assert.equal(diagnostics[0].severity, 'warning');
});

test('a stack measured vanishing: upgraded to error, runtime findings absorbed and linked', () => {
  const diagnostics = stackOf(SIGMOID);
  const layers = layersOf(SIGMOID, [2e-9, 1e-6, 1e-4, 1e-2, 0.5]);
  const findings: MeasuredFinding[] = [
    { code: 'vanishing', layer: 'dense_Dense1', message: 'Vanishing gradient: ‖g‖ = 2.0e-9. This layer will barely learn.' },
    { code: 'vanishing', layer: 'dense_Dense2', message: 'Vanishing gradient: ‖g‖ = 1.0e-6. This layer will barely learn.' },
    { code: 'dead-relu', layer: 'dense_Dense1', message: 'not this cause' },
    { code: 'vanishing', layer: 'dense_Dense5', message: 'the output layer is not in the stack' },
  ];
  const { diagnostics: [d], absorbed } = applyEvidence(diagnostics, { layers, findings }, SIGMOID);
  assert.equal(d.severity, 'error');
  assert.match(d.message, /^Confirmed by the last profile \(measured ‖g‖ first\/last layer 2\.0e-7; runtime vanishing at lines 3 and 4\): 4 sigmoid hidden layers/);
  assert.deepEqual(absorbed, [findings[0], findings[1]]);
  const runtime = d.related!.filter((r) => r.message.startsWith('runtime'));
  assert.deepEqual(runtime.map((r) => [r.range.start.line, r.message]), [
    [2, 'runtime vanishing (last profile): Vanishing gradient'],
    [3, 'runtime vanishing (last profile): Vanishing gradient'],
  ]);
  assert.equal(runtime[0].range.end.column, SIGMOID.split('\n')[2].length);
  // Fixes stay preferred: the evidence agrees with them.
  assert.ok(d.fixes[0].isPreferred);
});

test('between vanishing and healthy: the figure, same severity', () => {
  const diagnostics = stackOf(SIGMOID);
  const { diagnostics: [d] } = applyEvidence(diagnostics, { layers: layersOf(SIGMOID, [0.02, 0.1, 0.3, 1, 1]), findings: [] }, SIGMOID);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /^measured: ‖g‖ first\/last layer 0\.02 in the last profile\. 4 sigmoid/);
  assert.equal(d.evidence?.verdict, 'measured');
});

test('stale or partial evidence changes nothing', () => {
  const diagnostics = stackOf(SIGMOID);
  const findings: MeasuredFinding[] = [{ code: 'vanishing', layer: 'dense_Dense1', message: 'Vanishing gradient.' }];
  // One layer's line edited since the run.
  const stale = applyEvidence(diagnostics, { layers: layersOf(SIGMOID, [1e-9, 1, 1, 1, 1], [2]), findings }, SIGMOID);
  assert.deepEqual(stale.diagnostics, diagnostics);
  assert.deepEqual(stale.absorbed, []);
  // A layer of the stack the run did not measure (added since, or another model was profiled).
  const partial = applyEvidence(diagnostics, { layers: layersOf(SIGMOID, [1e-9, 1, 1, 1, 1]).filter((l) => l.line !== 5), findings }, SIGMOID);
  assert.deepEqual(partial.diagnostics, diagnostics);
  // A layer without trainable weights has no ‖g‖.
  assert.deepEqual(applyEvidence(diagnostics, { layers: layersOf(SIGMOID, [NaN, 1, 1, 1, 1]), findings: [] }, SIGMOID).diagnostics, diagnostics);
  // No profile at all.
  assert.deepEqual(applyEvidence(diagnostics, { layers: [], findings: [] }, SIGMOID).diagnostics, diagnostics);
});

test('a loop: every layer its call created is measured, first to last in model order', () => {
  const text = ["const tf = require('@tensorflow/tfjs');", 'const m = tf.sequential();', "for (let i = 0; i < 6; i++) m.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));", 'm.add(tf.layers.dense({ units: 1 }));'].join('\n');
  const diagnostics = lintSource(text, 'l.js').diagnostics;
  assert.deepEqual(diagnostics.map((d) => d.code), ['deep-saturating-stack']);
  const column = text.split('\n')[2].indexOf('dense(') + 1;
  const layers: MeasuredLayer[] = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2].map((g, k) => ({ name: `d${k}`, line: 3, column, gradNorm: g, stale: false }));
  layers.push({ name: 'out', line: 4, column: 10, gradNorm: 1, stale: false });
  const { diagnostics: [d] } = applyEvidence(diagnostics, { layers, findings: [] }, text);
  assert.match(d.message, /^measured: ‖g‖ first\/last layer 1\.0e-5 in the last profile\./);
});

test('two layers on one line are told apart by column', () => {
  const text = ["const tf = require('@tensorflow/tfjs');", "export const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu', kernelInitializer: 'zeros' }), tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal' }), tf.layers.dense({ units: 1 })] });"].join('\n');
  const diagnostics = lintSource(text, 'c.js').diagnostics;
  assert.deepEqual(diagnostics.map((d) => d.code), ['constant-initializer']);
  const line = text.split('\n')[1];
  const at = (n: number) => line.split('tf.layers.dense(').slice(0, n + 1).join('tf.layers.dense(').length + 'tf.layers.'.length + 1;
  const layers: MeasuredLayer[] = [0, 1, 2].map((k) => ({ name: `d${k}`, line: 2, column: at(k), gradNorm: k === 0 ? 0 : 0.5, stale: false }));
  const dead: MeasuredFinding = { code: 'dead-relu', layer: 'd0', message: 'Dead ReLU: 100 % of units output 0.' };
  const other: MeasuredFinding = { code: 'dead-relu', layer: 'd1', message: 'Dead ReLU on the next layer.' };
  const confirmed = applyEvidence(diagnostics, { layers, findings: [dead, other] }, text);
  assert.equal(confirmed.diagnostics[0].severity, 'error');
  assert.deepEqual(confirmed.absorbed, [dead]);
  // No finding: a constant kernel is not dismissed by gradient norms (units can stay identical with healthy ‖g‖).
  const measured = applyEvidence(diagnostics, { layers, findings: [] }, text);
  assert.equal(measured.diagnostics[0].severity, 'warning');
  assert.match(measured.diagnostics[0].message, /^measured: ‖g‖ 0 in the last profile\./);
});

test('rules without layer evidence are left alone', () => {
  const text = "const tf = require('@tensorflow/tfjs');\ntf.layers.dropout({ rate: 0.95 });";
  const diagnostics = lintSource(text, 'r.js').diagnostics;
  const layers: MeasuredLayer[] = [{ name: 'dropout', line: 2, column: 11, gradNorm: NaN, stale: false }];
  assert.deepEqual(applyEvidence(diagnostics, { layers, findings: [] }, text).diagnostics, diagnostics);
});
