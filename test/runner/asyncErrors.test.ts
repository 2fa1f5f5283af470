// Failures of the user's own code after loading name the cause, the user's file:line and the next step
// instead of "crashed (exit code 7)" (the wasm backend re-throws uncaught errors); an error in the
// script's code after its model was captured does not stop the measurement.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { RunnerMessage } from '../../src/core/protocol';
import { fixture, lineOf, pool, profile, sweep } from './helpers';

const A = (f: string) => fixture('async-errors', f);
const runs = pool(['missing-data.js', 'throws-later.js', 'save-after-fit.js', 'no-gradient.js'], 2, (f) => profile(A(f), { steps: 1 }));
const run = async (i: number) => (await runs)[i];

test('a missing data file read in async code → "Data file not found" with the path, the line of the read, and where relative paths resolve', async () => {
  const { report } = await run(0);
  assert.equal(report.error?.kind, 'user-error');
  assert.equal(
    report.error?.message,
    `Data file not found: data/iris-missing.csv (relative paths resolve from ${path.dirname(A('missing-data.js'))}). Put the file there or fix its path in the script; if the script takes the path as an argument, pass it with --script-args (VS Code: Edit model export and arguments).`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [A('missing-data.js'), lineOf(A('missing-data.js'), 'L:read')]);
});

test('an exception thrown from a timer after loading → its cause and line, not a crash', async () => {
  const { report } = await run(1);
  assert.equal(report.error?.kind, 'user-error');
  assert.match(report.error!.message, /^Invalid JSON: .*position 12\. The script parses a file or response that is not valid JSON\.$/);
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [A('throws-later.js'), lineOf(A('throws-later.js'), 'L:parse')]);
});

const isWarning = (m: RunnerMessage): m is Extract<RunnerMessage, { type: 'log' }> => m.type === 'log' && m.level === 'warn';

const SAVE_WARNING = `The script's own code failed after its model was captured (ignored, the measurement goes on): Cannot find any save handlers for URL 'file://./saved-model' (save-after-fit.js:${lineOf(A('save-after-fit.js'), 'L:save')})`;

test("the script's model.save('file://…') after an un-awaited fit rejects on plain tfjs: the LR sweep logs it and goes on (it ended with exit code 7 before)", async () => {
  const { report, messages } = await sweep(A('save-after-fit.js'), { steps: 50, repeats: 2 });
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.points.length, 2, 'both repeats ran');
  assert.ok(report.result && report.result.median.length > 10);
  assert.deepEqual(messages.filter(isWarning).map((m) => m.text), [SAVE_WARNING]);
});

test('… and the profile of the same file (which ends before Node reports the rejection) is unaffected', async () => {
  const { report, messages } = await run(2);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.steps.length, 2);
  for (const m of messages.filter(isWarning)) assert.equal(m.text, SAVE_WARNING);
});

test('an op without a gradient → the op named, what to do, no "internal" wording', async () => {
  const { report } = await run(3);
  assert.equal(report.error?.kind, 'user-error');
  assert.equal(
    report.error?.message,
    'The model uses TopK, an op without a gradient in TensorFlow.js: no layer before it can be trained or profiled. Replace it with a differentiable op (in a custom layer: its call()), or apply it outside the model.',
  );
});
