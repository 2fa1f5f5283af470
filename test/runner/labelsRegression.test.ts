// labels-unrelated for a regression, through the real engine: targets shuffled apart from their features fire on the
// line that made them, with the three fresh-batch runs as evidence (targets as given, the positive control learned, the
// targets permuted); the same targets unshuffled, targets the inputs explain only half of (weak, noisy) and the shuffled
// targets under a rate too slow for the control to be learned stay quiet (docs/rules/labels-unrelated.md, "Regression").
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import { REGRESSION_PROBE_STEPS } from '../../src/core/labelRules';

const FIX = (f: string) => fixture('labels', f);
const QUIET = ['real-targets.js', 'weak-targets.js', 'slow-shuffled-targets.js'];
const outcome = profileEach(['shuffled-targets.js', ...QUIET], FIX, { steps: 20, backend: 'wasm' });
const labelProbes = (messages: Awaited<ReturnType<typeof outcome>>['messages']) => messages.flatMap((m) => (m.type === 'probe' && m.kind === 'labels' ? [m] : []));

test('regression targets shuffled apart: labels-unrelated on the targets line, with the control learned', async () => {
  const { report, messages } = await outcome('shuffled-targets.js');
  const found = report.findings.filter((f) => f.code === 'labels-unrelated');
  assert.equal(found.length, 1, `${findingSummary(report)}; probes ${JSON.stringify(labelProbes(messages).map((p) => [p.factor, p.losses.length]))}`);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].line, lineOf(FIX('shuffled-targets.js'), 'L:labels'));
  assert.match(found[0].message, new RegExp(`over ${REGRESSION_PROBE_STEPS} steps on fresh batches .* 128 rows it did not train on`));
  assert.match(found[0].message, /targets that a fixed linear map of the inputs gives were learned to \d+ % of theirs in \d+ steps/);
  const probes = labelProbes(messages);
  // The profiled steps' readings, then the targets as given, the control, the targets permuted.
  assert.deepEqual(probes.map((p) => [p.factor, p.fresh ?? false]), [[1, false], [1, true], [-1, true], [0, true]]);
  // Both compared runs carry each held-out row's loss for the paired counterfactual.
  assert.deepEqual(probes.filter((p) => p.fresh && p.factor !== -1).map((p) => p.rowLosses?.length), [128, 128]);
});

test('near misses: own targets, weak targets, a rate too slow for the control — quiet', async () => {
  for (const file of QUIET) {
    const { report, messages } = await outcome(file);
    assert.ok(!report.findings.some((f) => f.code === 'labels-unrelated'), `${file}: ${findingSummary(report)}`);
    const probes = labelProbes(messages);
    assert.ok(probes.length > 0, `${file}: held-out rows read`);
    if (file === 'slow-shuffled-targets.js') {
      // The control was not learned within the steps: no permuted run follows, nothing is judged.
      const control = probes.find((p) => p.factor === -1);
      assert.ok(control && control.losses.length === REGRESSION_PROBE_STEPS / 4 + 1, JSON.stringify(probes.map((p) => p.factor)));
      assert.ok(!probes.some((p) => p.factor === 0), file);
    } else {
      // Transfer shown (along the profiled steps or on fresh batches): the control never runs.
      assert.ok(!probes.some((p) => p.factor === -1), `${file}: ${JSON.stringify(probes.map((p) => [p.factor, p.fresh]))}`);
    }
  }
});
