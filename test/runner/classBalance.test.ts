// class-imbalance on real labels (test/fixtures/runner/class-balance, MNIST digits): a class under 1 % of the labels
// given to fit() and far below the largest fires on the line that made the labels — one-hot or class indices alike;
// a balanced set and a 60/40 two-class split stay quiet. A next-character model whose rare classes are as rare among
// its input characters (the labels are the text's own tokens) gets it as information; the same data with one class
// cut out of the labels by a selection still gets the warning.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('class-balance', f);
const FILES = ['rare-zeros.js', 'rare-sparse.js', 'balanced.js', 'sixty-forty.js'];
const TEXT = ['next-char-onehot.js', 'next-char-dropped.js', 'next-char-scaled.js', 'next-char-scaled-dropped.js'];
const outcome = profileEach([...FILES, ...TEXT], FIX, { steps: 3, backend: 'wasm' });
// wasm has no kernel for an Embedding's gradient (UnsortedSegmentSum): the id-reading model runs on cpu.
const cpu = profileEach(['next-char-ids.js'], FIX, { steps: 3, backend: 'cpu' });
const report = async (f: string): Promise<ProfileReport> => (f === 'next-char-ids.js' ? await cpu(f) : await outcome(f)).report;

test('2 zeros among 272 digits: class-imbalance on the labels line with the counts, the fit() call related', async () => {
  for (const file of ['rare-zeros.js', 'rare-sparse.js']) {
    const r = await report(file);
    const [finding, ...more] = r.findings.filter((f) => f.code === 'class-imbalance');
    assert.ok(finding && more.length === 0, `${file}: ${findingSummary(r)}`);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual([finding.file, finding.line], [FIX(file), lineOf(FIX(file), 'L:labels')]);
    assert.match(finding.message, /of the 272 labels given to fit\(\) .* class 0 has 2 \(0\.74 %\), while class \d has 30 — 15× the rarest/);
    assert.match(finding.message, /classWeight: \{0: 15, …\}/);
  }
  const related = (await report('rare-zeros.js')).findings.find((f) => f.code === 'class-imbalance')?.related;
  assert.deepEqual(related?.filter((x) => x.kind !== 'definition').map((x) => x.line), [lineOf(FIX('rare-zeros.js'), 'L:fit')]);
  // The selection the labels tensor was made from (core/valueOrigins.ts): where the rows were chosen.
  assert.deepEqual(related?.filter((x) => x.kind === 'definition').map((x) => x.line), [lineOf(FIX('rare-zeros.js'), 'L:select')]);
});

test('near misses: 30 of every digit, and a 60/40 two-class split, raise no class-imbalance', async () => {
  for (const file of ['balanced.js', 'sixty-forty.js']) {
    const r = await report(file);
    assert.ok(!r.findings.some((f) => f.code === 'class-imbalance'), `${file}: ${findingSummary(r)}`);
  }
});

test('a next-character model on Zipf-skewed text: class-imbalance as information, naming the rare classes\' share among the input tokens', async () => {
  for (const file of ['next-char-ids.js', 'next-char-onehot.js', 'next-char-scaled.js']) {
    const r = await report(file);
    const [finding, ...more] = r.findings.filter((f) => f.code === 'class-imbalance');
    assert.ok(finding && more.length === 0, `${file}: ${findingSummary(r)}`);
    assert.equal(finding.severity, 'info', file);
    assert.equal(finding.line, lineOf(FIX(file), 'L:labels'));
    assert.match(finding.message, /of the 13007 labels .* class 25 has 39 \(0\.3 %\)/);
    assert.match(finding.message, /same 27-token vocabulary it predicts, and these classes are as rare among its 39021 input tokens \(class 25: 0\.3 % of the labels, 0\.\d+ % of the input tokens\)/);
    assert.match(finding.message, /No action needed/);
    assert.ok(!r.findings.some((f) => f.severity !== 'info'), `${file}: ${findingSummary(r)}`);
  }
});

test('near miss: the same text with letter 1 cut to 1 in 200 of its rows by a selection — rare in the labels, common in the inputs — stays a warning', async () => {
  for (const file of ['next-char-dropped.js', 'next-char-scaled-dropped.js']) {
    const r = await report(file);
    const [finding] = r.findings.filter((f) => f.code === 'class-imbalance');
    assert.equal(finding?.severity, 'warning', `${file}: ${findingSummary(r)}`);
    assert.match(finding.message, /class 1 has 26 \(0\.33 %\)/);
    assert.doesNotMatch(finding.message, /No action needed/);
  }
});
