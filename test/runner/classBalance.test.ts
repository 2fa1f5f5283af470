// class-imbalance on real labels (test/fixtures/runner/class-balance, MNIST digits): a class under 1 % of the labels
// given to fit() and far below the largest fires on the line that made the labels — one-hot or class indices alike;
// a balanced set and a 60/40 two-class split stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('class-balance', f);
const FILES = ['rare-zeros.js', 'rare-sparse.js', 'balanced.js', 'sixty-forty.js'];
const outcome = profileEach(FILES, FIX, { steps: 3, backend: 'wasm' });
const report = async (f: string): Promise<ProfileReport> => (await outcome(f)).report;

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
  assert.deepEqual(related?.map((x) => x.line), [lineOf(FIX('rare-zeros.js'), 'L:fit')]);
});

test('near misses: 30 of every digit, and a 60/40 two-class split, raise no class-imbalance', async () => {
  for (const file of ['balanced.js', 'sixty-forty.js']) {
    const r = await report(file);
    assert.ok(!r.findings.some((f) => f.code === 'class-imbalance'), `${file}: ${findingSummary(r)}`);
  }
});
