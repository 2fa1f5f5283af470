// Findings about the data land on the line that made it (src/runner/tensorSites.ts): each fixture in
// test/fixtures/runner/data-sites marks its lines (// L:…) and the profile must put the finding, or its
// related location, on exactly that line — and a NaN/Inf always carries a line.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, profileEach, type RunOutcome } from './helpers';
import type { RunnerMessageOf } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('data-sites', f);
const FILES = ['labels-divided.js', 'labels-whole.js', 'targets-helper.js', 'dataset-labels.js', 'log-linear.js', 'sqrt-loss.js', 'per-example.js', 'nan-inputs.js', 'dataset-generator.js', 'dataset-plain.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const serious = (r: ProfileReport) => r.findings.filter((f) => f.severity !== 'info');
const summary = (r: ProfileReport) => r.findings.map((f) => `${f.code}:${f.severity}:${f.layer ?? '-'}:${f.line ?? '-'}`).join(', ');
const modelMessage = (o: RunOutcome) => o.messages.find((m): m is RunnerMessageOf<'model'> => m.type === 'model')!;

test('the model message carries the lines that made x and y: an op on a later line counts, not the tensor it started from', async () => {
  const o = await outcome('labels-divided.js');
  const sites = modelMessage(o).dataLocations;
  const file = FIX('labels-divided.js');
  assert.deepEqual(sites?.inputs?.map((l) => [l.file, l.line]), [[file, lineOf(file, 'L:inputs')]]);
  assert.deepEqual(sites?.targets?.map((l) => [l.file, l.line]), [[file, lineOf(file, 'L:labels')]]);
  assert.equal(sites?.call?.line, lineOf(file, 'L:fit'));
});

test('labels divided by 255: invalid-labels on the line that made the labels, the compile() line related', async () => {
  const { report } = await outcome('labels-divided.js');
  const file = FIX('labels-divided.js');
  const f = report.findings.find((x) => x.code === 'invalid-labels');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.file, file);
  assert.equal(f.line, lineOf(file, 'L:labels'));
  assert.equal(f.layer, undefined, 'not pinned to a layer (the extension would show it there)');
  assert.deepEqual(f.related?.filter((r) => r.kind !== 'definition').map((r) => r.line), [lineOf(file, 'L:compile')]);
  // And where the class indices the tensor was made from are defined (core/valueOrigins.ts).
  assert.deepEqual(f.related?.filter((r) => r.kind === 'definition').map((r) => [r.layer, r.line]), [['`classes`', lineOf(file, 'L:classes')]]);
});

test('near miss: whole class indices made on the same lines raise no labels finding', async () => {
  const { report } = await outcome('labels-whole.js');
  assert.ok(!report.findings.some((f) => f.code === 'invalid-labels'), summary(report));
  assert.equal(modelMessage(await outcome('labels-whole.js')).dataLocations?.targets?.[0].line, lineOf(FIX('labels-whole.js'), 'L:labels'));
});

test('targets outside the sigmoid range: output-activation on the output layer, the helper line that made the targets related', async () => {
  const { report } = await outcome('targets-helper.js');
  const file = FIX('targets-helper.js');
  const f = report.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(file, 'L:out'));
  const targets = f.related?.find((r) => r.layer === 'targets');
  assert.equal(targets?.line, lineOf(file, 'L:targets'), 'the line inside the helper where the tensor was made');
  assert.match(targets!.message, /targets given to fit\(\) \(-0\.\d+ to 0\.\d+\)/);
});

test('4,500 per-example tensors before tf.stack(): the stacked inputs and the labels made before the loop keep their lines', async () => {
  const o = await outcome('per-example.js');
  const file = FIX('per-example.js');
  const sites = modelMessage(o).dataLocations;
  assert.equal(sites?.inputs?.[0].line, lineOf(file, 'L:inputs'));
  assert.equal(sites?.targets?.[0].line, lineOf(file, 'L:labels'));
  assert.equal(o.report.findings.find((f) => f.code === 'invalid-labels')?.line, lineOf(file, 'L:labels'), summary(o.report));
});

test('fitDataset with a map() transform and .batch(): the labels finding on the transform that made the examples', async () => {
  const o = await outcome('dataset-labels.js');
  const file = FIX('dataset-labels.js');
  const f = o.report.findings.find((x) => x.code === 'invalid-labels');
  assert.ok(f, summary(o.report));
  assert.deepEqual([f.file, f.line], [file, lineOf(file, 'L:dataset')]);
  const sites = modelMessage(o).dataLocations;
  assert.deepEqual([sites?.call?.line, sites?.inputs?.[0].line, sites?.targets?.[0].line], [lineOf(file, 'L:fit'), lineOf(file, 'L:dataset'), lineOf(file, 'L:dataset')]);
});

test('fitDataset over a generator of whole batches: inputs and labels each on the line that made them', async () => {
  const o = await outcome('dataset-generator.js');
  const file = FIX('dataset-generator.js');
  const f = o.report.findings.find((x) => x.code === 'invalid-labels');
  assert.deepEqual([f?.file, f?.line], [file, lineOf(file, 'L:labels')], summary(o.report));
  const sites = modelMessage(o).dataLocations;
  assert.deepEqual([sites?.inputs?.[0].line, sites?.targets?.[0].line], [lineOf(file, 'L:inputs'), lineOf(file, 'L:labels')]);
});

test('near miss: plain arrays that tf.data turns into the batch itself: no script line made it, the finding stays on fitDataset()', async () => {
  const o = await outcome('dataset-plain.js');
  const file = FIX('dataset-plain.js');
  const f = o.report.findings.find((x) => x.code === 'invalid-labels');
  assert.deepEqual([f?.file, f?.line], [file, lineOf(file, 'L:fit')], summary(o.report));
  const sites = modelMessage(o).dataLocations;
  assert.deepEqual([sites?.inputs?.[0].line, sites?.targets?.[0].line], [lineOf(file, 'L:fit'), lineOf(file, 'L:fit')]);
});

test('log loss on a linear output: one error on the output layer names the cause, no location-less non-finite', async () => {
  const { report } = await outcome('log-linear.js');
  const file = FIX('log-linear.js');
  assert.ok(!report.findings.some((f) => f.code === 'non-finite'), summary(report));
  const f = report.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'error');
  assert.equal(f.line, lineOf(file, 'L:out'));
  assert.match(f.message, /^NaN\/Inf in the loss or its gradient from step 0, caused by the output activation: The loss reads its predictions as probabilities but the output layer's activation is linear/);
  for (const x of serious(report)) assert.notEqual(x.line, undefined, `${x.code} has a line`);
});

test('NaN first in a custom loss: non-finite on the compile() line that chose it, the output layer related', async () => {
  const { report } = await outcome('sqrt-loss.js');
  const file = FIX('sqrt-loss.js');
  const f = report.findings.find((x) => x.code === 'non-finite');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(file, 'L:compile'));
  assert.deepEqual(f.related?.map((r) => r.line), [lineOf(file, 'L:out')]);
  assert.match(f.message, /first appears in the loss/);
});

test('NaN already in the inputs: non-finite on the line that made them, not on the first layer', async () => {
  const { report } = await outcome('nan-inputs.js');
  const file = FIX('nan-inputs.js');
  const f = report.findings.find((x) => x.code === 'non-finite');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(file, 'L:inputs'));
  assert.equal(f.layer, undefined);
  assert.match(f.message, /first appears in the batch itself: the inputs given to fit\(\) hold NaN\/Inf/);
});
