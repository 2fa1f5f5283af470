// A finding that sits where a value was consumed relates where it was defined (core/valueOrigins.ts,
// core/originSites.ts, runner/valueOriginSites.ts): the labels divided on an earlier line, the loss function written
// above compile(), the push that fills an array row by row. Each fixture marks its lines (// L:…); near misses: a
// reassigned name, a loss written in the call, an array filled by a helper it is handed to.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport, ReportFinding } from '../../src/core/report';

const FIX = (f: string) => fixture('value-origins', f);
const FILES = ['labels-made-earlier.js', 'labels-reassigned.js', 'summed-loss-named.js', 'summed-loss-inline.js', 'inputs-pushed-raw.js', 'inputs-filled-by-helper.js'];
const outcome = profileEach(FILES, FIX, { steps: 5, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;
// The definitions and the inputs' line (kind `inputs`): what was one kind, 'definition', before related sites had kinds.
const definitions = (f: ReportFinding | undefined) => (f?.related ?? []).filter((r) => r.kind === 'definition' || r.kind === 'inputs').map((r) => [r.layer, r.line]);

test('labels divided one statement before their tensor: invalid-labels on the fit() line, the dividing line related; not the inputs', async () => {
  const r = await report('labels-made-earlier.js');
  const file = FIX('labels-made-earlier.js');
  const f = r.findings.find((x) => x.code === 'invalid-labels');
  assert.ok(f, findingSummary(r));
  assert.equal(f.line, lineOf(file, 'L:fit'));
  assert.deepEqual(definitions(f), [['`scaled`', lineOf(file, 'L:made')]]);
  assert.ok(!definitions(f).some(([, line]) => line === lineOf(file, 'L:rows')), 'the inputs are not where labels go wrong');
  // A definition is not a layer: no layer takes the finding's verdict from it.
  assert.ok(r.layers.every((l) => !l.verdicts.includes('invalid-labels')));
});

test('near miss: a labels name assigned twice relates no definition', async () => {
  const r = await report('labels-reassigned.js');
  const f = r.findings.find((x) => x.code === 'invalid-labels');
  assert.ok(f, findingSummary(r));
  assert.equal(f.line, lineOf(FIX('labels-reassigned.js'), 'L:labels'));
  assert.deepEqual(definitions(f), []);
});

test('a summed loss passed to compile() by name: loss-function on compile(), the function\'s definition related; written inline, nothing', async () => {
  const named = await report('summed-loss-named.js');
  const f = named.findings.find((x) => x.code === 'loss-function');
  assert.ok(f, findingSummary(named));
  assert.equal(f.line, lineOf(FIX('summed-loss-named.js'), 'L:compile'));
  assert.deepEqual(definitions(f), [['`customLoss`', lineOf(FIX('summed-loss-named.js'), 'L:loss')]]);
  const inline = await report('summed-loss-inline.js');
  const g = inline.findings.find((x) => x.code === 'loss-function');
  assert.ok(g, findingSummary(inline));
  assert.equal(g.line, lineOf(FIX('summed-loss-inline.js'), 'L:compile'));
  assert.deepEqual(definitions(g), []);
});

test('raw rows pushed in a loop: unscaled-input on the first layer, the tensor related, and the push its definition', async () => {
  for (const [file, origin] of [['inputs-pushed-raw.js', 'L:push'], ['inputs-filled-by-helper.js', 'L:declared']] as const) {
    const r = await report(file);
    const f = r.findings.find((x) => x.code === 'unscaled-input');
    assert.ok(f, `${file}: ${findingSummary(r)}`);
    // The model is raw-relu.js's (test/fixtures/runner/inputs), its first Dense made there.
    assert.deepEqual([f.file, f.line], [fixture('inputs', 'raw-relu.js'), lineOf(fixture('inputs', 'raw-relu.js'), 'L:first')], file);
    // The tensor's line (a site, not a layer), then the array's definition: the push, where the raw values enter it.
    // The helper's push writes its parameter, another name in another function: not followed (near miss).
    assert.deepEqual(definitions(f), [['inputs', lineOf(FIX(file), 'L:tensor')], ['`inputs`', lineOf(FIX(file), origin)]], file);
  }
});
