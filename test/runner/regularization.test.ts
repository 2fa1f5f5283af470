// over-regularization judged by the rows the program validates on (test/fixtures/runner/regularization): d2l.ai §3.7's
// weight decay 3, validated by fit()'s validationData or validationSplit, is information — the penalty decides the step
// and the validation loss falls below where the same steps without it go; L2 1.0 on a learnable regression stays a
// warning with the validation readings as evidence (its steps on fresh batches of its 256 rows); with no rows to validate
// on the warning says so. Each judged profile
// sends the two readings the verdict reads (probe kind `penalty`).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('regularization', f);
const FILES = ['decay-helps.js', 'decay-helps-split.js', 'decay-no-validation.js', 'decay-too-strong.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const number = '([\\d.]+(?:e-?\\d+)?)';

test('weight decay that does its job on the validation rows: information on the regularized layer, no alarm', async () => {
  for (const [file, rows] of [['decay-helps.js', "fit\\(\\)'s validationData"], ['decay-helps-split.js', "fit\\(\\)'s validationSplit rows"]]) {
    const { report, messages } = await outcome(file);
    assert.deepEqual(report.findings.filter((f) => f.severity !== 'info').map((f) => f.code), [], `${file}: ${findingSummary(report)}`);
    const finding = report.findings.find((f) => f.code === 'over-regularization');
    assert.equal(finding?.severity, 'info', `${file}: ${findingSummary(report)}`);
    assert.equal(finding.line, lineOf(FIX(file), 'L:layer'));
    const read = new RegExp(`The validation loss on \\d+ rows of ${rows} went ${number} → ${number} over the 20 profiled steps, where the same 20 steps without the penalties reach ${number}`).exec(finding.message);
    assert.ok(read, finding.message);
    const [start, end, without] = read.slice(1).map(Number);
    assert.ok(end < 0.99 * start && end < 0.99 * without, finding.message);
    const probes = messages.filter((m) => m.type === 'probe' && m.kind === 'penalty');
    assert.deepEqual(probes.map((p) => p.type === 'probe' && p.factor), [1, 0]);
  }
});

test('L2 1.0 on a learnable regression: a warning whose evidence is the validation rows (the run without penalties validates better)', async () => {
  const { report } = await outcome('decay-too-strong.js');
  const found = report.findings.filter((f) => f.code === 'over-regularization');
  assert.equal(found.length, 1, findingSummary(report));
  assert.equal(found[0].severity, 'warning');
  assert.ok([lineOf(FIX('decay-too-strong.js'), 'L:first'), lineOf(FIX('decay-too-strong.js'), 'L:second')].includes(found[0].line!), findingSummary(report));
  // 256 rows at batch 32: both runs step through fresh batches of them, as fit() would, not the one profiled batch.
  const read = new RegExp(`validationData went ${number} → ${number} over 20 steps on fresh batches of the script's rows, where the same 20 steps without the penalties reach ${number}: the penalty does not buy a lower validation loss`).exec(found[0].message);
  assert.ok(read, found[0].message);
  assert.ok(Number(read[3]) < Number(read[2]), 'without the penalty the validation loss goes lower');
});

test('no rows to validate on: the warning stays, judged on the gradients alone, and no penalty probe runs', async () => {
  const { report, messages } = await outcome('decay-no-validation.js');
  const finding = report.findings.find((f) => f.code === 'over-regularization');
  assert.equal(finding?.severity, 'warning', findingSummary(report));
  assert.equal(finding.line, lineOf(FIX('decay-no-validation.js'), 'L:layer'));
  assert.match(finding.message, /No validation readings to judge it by \(fit\(\) has no validationData or validationSplit .*judged on the gradients alone/);
  assert.deepEqual(messages.filter((m) => m.type === 'probe' && m.kind === 'penalty'), []);
});
