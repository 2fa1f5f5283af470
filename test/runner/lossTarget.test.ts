// A built-in loss whose minimum is not at the targets (core/lossTargetRule.ts; docs/rules/loss-target.md): the runner
// reports the profiled batch's label statistics (min, max, share below 0) and the rule reads them against the loss's
// tfjs definition. Margin losses on 0/1 labels and MSLE on standardised targets fire on the compile() line; the same
// losses on the targets they are meant for (±1 labels, positive targets) and MSE on standardised targets stay quiet.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('loss-target', f);
const FIRES = ['hinge-zero-one.js', 'squared-hinge-zero-one.js', 'msle-standardised.js'];
const QUIET = ['hinge-signed.js', 'squared-hinge-signed.js', 'msle-positive.js', 'mse-standardised.js'];
const outcome = profileEach([...FIRES, ...QUIET], FIX, { steps: 3, backend: 'wasm' });
const COMPILE = lineOf(FIX('model.js'), 'L:compile');

for (const file of ['hinge-zero-one.js', 'squared-hinge-zero-one.js']) {
  test(`${file}: a margin loss on 0/1 labels — loss-target (warning) on the compile() line`, async () => {
    const { report } = await outcome(file);
    const f = report.findings.find((x) => x.code === 'loss-target');
    assert.ok(f, findingSummary(report));
    assert.equal(f.severity, 'warning');
    assert.equal(f.line, COMPILE);
    assert.match(f.message, /gets 0\/1 labels \(\d+(\.\d+)? % of them 0\).*every 0 label costs exactly 1 whatever the model predicts/);
  });
}

test('msle-standardised.js: MSLE on standardised targets — loss-target (warning) naming the share below 0', async () => {
  const { report } = await outcome('msle-standardised.js');
  const f = report.findings.find((x) => x.code === 'loss-target');
  assert.ok(f, findingSummary(report));
  assert.equal(f.line, COMPILE);
  assert.match(f.message, /targets from -\d.*, \d+(\.\d+)? % of them below 0\. .*every target below 0 reads as 0/);
});

for (const file of QUIET) {
  test(`near miss ${file}: no loss-target`, async () => {
    const { report } = await outcome(file);
    assert.ok(!report.findings.some((x) => x.code === 'loss-target'), `${file}: ${findingSummary(report)}`);
  });
}
