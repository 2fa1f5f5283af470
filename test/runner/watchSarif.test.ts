// `gradient-lens watch --format sarif` (cli/sarif.ts, the writer `lint --sarif` uses): valid SARIF 2.1.0 (the vendored
// schema), one result per finding of the same run's --json, at the line and with the text the editor's Problems panel
// shows (core/findingSites.ts) and that the text output prints; usage errors for unknown formats.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { cli, fixture, lineOf } from './helpers';
import { sarifValidator } from './sarifSchema';

const FILE = fixture('overfitting', 'evaluate-train-on-batch.js');

test('watch --format sarif: schema-valid, each finding at its layer\'s line with its step, as the text output prints it', async () => {
  const [sarif, text] = await Promise.all([cli(['watch', FILE, '--format', 'sarif']), cli(['watch', FILE, '--fail-on', 'none'])]);
  // A warning is below the default --fail-on error: exit 0, as with --json.
  assert.equal(sarif.code, 0, sarif.stderr);
  const log = JSON.parse(sarif.stdout) as Sarif.Log;
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'gradient-lens');
  assert.equal(run.invocations?.[0].executionSuccessful, true);
  const results = run.results ?? [];
  const overfitting = results.filter((r) => r.ruleId === 'overfitting');
  assert.equal(overfitting.length, 1, JSON.stringify(results.map((r) => r.ruleId)));
  const [result] = overfitting;
  assert.equal(result.level, 'warning');
  assert.equal(run.tool.driver.rules?.[result.ruleIndex!].id, 'overfitting');
  const message = result.message.text ?? '';
  assert.match(run.tool.driver.rules![result.ruleIndex!].helpUri ?? '', /docs\/rules\/overfitting\.md$/);
  const location = result.locations![0].physicalLocation!;
  assert.equal(location.artifactLocation!.uri, 'test/fixtures/runner/overfitting/evaluate-train-on-batch.js');
  assert.equal(location.artifactLocation!.uriBaseId, 'SRCROOT');
  assert.equal(location.region!.startLine, lineOf(FILE, 'WIDE LAYER'));
  assert.match(message, /model\.evaluate\(\) at evaluate-train-on-batch\.js:\d+ \(200 rows\)/);
  const step = (result.properties as { step: number }).step;
  assert.ok(message.includes(`step ${step}`));
  // The text output names the same finding at the same line, with the same message.
  assert.equal(text.code, 0, text.stderr);
  assert.ok(text.stdout.includes(`WARNING overfitting from step ${step} dense_Dense1 (test/fixtures/runner/overfitting/evaluate-train-on-batch.js:${lineOf(FILE, 'WIDE LAYER')})`), text.stdout);
  assert.ok(text.stdout.includes(message), text.stdout);
  assert.match(text.stdout, /validation: model\.evaluate\(\) at evaluate-train-on-batch\.js:\d+ \(200 rows\), 300 readings: \S+ → /);
});

test('watch: --format takes text, json or sarif only, and not together with --json', async () => {
  for (const [args, message] of [
    [['--format', 'xml'], /--format must be text, json or sarif, not "xml"/],
    [['--json', '--format', 'sarif'], /cannot be combined/],
  ] as const) {
    const r = await cli(['watch', FILE, ...args]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  }
});
