// `gradient-lens profile --format sarif` (cli/sarif.ts, the writer of watch's SARIF): valid SARIF 2.1.0 (the vendored
// schema), read back: each finding at its line with its rule's page; as related locations the definition a finding's
// line consumed (core/valueOrigins.ts) and the line where the user's helper made the finding's layer
// (core/layerPlacement.ts, the hover's "made by dense() at line 6"), which the text output prints too; exit codes by
// --fail-on, and a failed run as an unsuccessful invocation at the error's line.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { cli, fixture, lineOf, pool, ROOT, type CliResult } from './helpers';
import { sarifValidator } from './sarifSchema';

const rel = (file: string) => path.relative(ROOT, file);
const HELPER = fixture('helper-layers', 'dead-by-helper.js');
const LABELS = fixture('value-origins', 'labels-made-earlier.js');
const SYNTAX = fixture('bad', 'syntax.js');

const RUNS = {
  helper: ['profile', rel(HELPER), '--steps', '2', '--batch', '16', '--format', 'sarif'],
  helperFailOnWarning: ['profile', rel(HELPER), '--steps', '2', '--batch', '16', '--format', 'sarif', '--fail-on', 'warning'],
  helperText: ['profile', rel(HELPER), '--steps', '2', '--batch', '16'],
  labels: ['profile', rel(LABELS), '--steps', '5', '--backend', 'wasm', '--format', 'sarif', '--fail-on', 'warning'],
  syntax: ['profile', rel(SYNTAX), '--format', 'sarif'],
} satisfies Record<string, string[]>;
type RunName = keyof typeof RUNS;
const names = Object.keys(RUNS) as RunName[];
const results = pool(names, 2, (n) => cli(RUNS[n]));
const run = async (n: RunName) => (await results)[names.indexOf(n)];

/** The SARIF log of a run, validated against the schema. */
function readLog(r: CliResult): Sarif.Run {
  const log = JSON.parse(r.stdout) as Sarif.Log;
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.runs.length, 1);
  assert.equal(log.runs[0].tool.driver.name, 'gradient-lens');
  return log.runs[0];
}

const resultOf = (run: Sarif.Run, ruleId: string): Sarif.Result => {
  const found = (run.results ?? []).filter((r) => r.ruleId === ruleId);
  assert.equal(found.length, 1, JSON.stringify((run.results ?? []).map((r) => r.ruleId)));
  return found[0];
};
const related = (result: Sarif.Result) => (result.relatedLocations ?? []).map((l) => [l.message?.text ?? '', l.physicalLocation?.region?.startLine]);

test('a dead layer a helper made: at its calling line, the helper\'s line related; warnings exit 0, 1 with --fail-on warning', async () => {
  const r = await run('helper');
  assert.equal(r.code, 0, r.stderr);
  const sarif = readLog(r);
  assert.equal(sarif.invocations?.[0].executionSuccessful, true);
  const dead = resultOf(sarif, 'dead-relu');
  assert.equal(dead.level, 'warning');
  assert.equal(sarif.tool.driver.rules?.[dead.ruleIndex!].id, 'dead-relu');
  assert.match(sarif.tool.driver.rules![dead.ruleIndex!].helpUri ?? '', /docs\/rules\/dead-relu\.md$/);
  const at = dead.locations![0].physicalLocation!;
  assert.deepEqual([at.artifactLocation?.uri, at.artifactLocation?.uriBaseId, at.region?.startLine], [rel(HELPER), 'SRCROOT', lineOf(HELPER, 'L:dead')]);
  const helperLine = lineOf(HELPER, 'L:helper');
  const layer = (dead.properties as { layer: string }).layer;
  assert.deepEqual(related(dead), [[`${layer}: made by dense() at line ${helperLine}`, helperLine]]);
  // The same document, exit 1 once warnings count.
  const strict = await run('helperFailOnWarning');
  assert.equal(strict.code, 1, strict.stderr);
  assert.deepEqual(resultOf(readLog(strict), 'dead-relu').locations, dead.locations);
  // The text output names the helper's line under the finding, in the same words.
  const text = await run('helperText');
  assert.equal(text.code, 0, text.stderr);
  assert.ok(text.stdout.includes(`WARNING dead-relu ${layer} (${rel(HELPER)}:${lineOf(HELPER, 'L:dead')})`), text.stdout);
  assert.ok(text.stdout.includes(`      ${layer}: made by dense() at line ${helperLine}\n`), text.stdout);
});

test('invalid labels: at the fit() line, where the labels were divided a related location', async () => {
  const r = await run('labels');
  assert.equal(r.code, 1, r.stderr);
  const labels = resultOf(readLog(r), 'invalid-labels');
  assert.equal(labels.locations![0].physicalLocation!.region!.startLine, lineOf(LABELS, 'L:fit'));
  assert.ok(related(labels).some(([text, line]) => line === lineOf(LABELS, 'L:made') && /^`scaled`: /.test(String(text))), JSON.stringify(related(labels)));
});

test('a failed run: exit 2, a valid log whose invocation failed at the error\'s line, the error on stderr', async () => {
  const r = await run('syntax');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /syntax\.js:\d+:\d+: syntax: /);
  const sarif = readLog(r);
  const invocation = sarif.invocations![0];
  assert.equal(invocation.executionSuccessful, false);
  const [notification] = invocation.toolExecutionNotifications!;
  assert.equal(notification.level, 'error');
  assert.match(notification.message.text ?? '', /The run failed \(syntax\)/);
  const at = notification.locations![0].physicalLocation!;
  assert.equal(at.artifactLocation?.uri, rel(SYNTAX));
  assert.equal(at.region?.startLine, Number(/syntax\.js:(\d+):/.exec(r.stderr)![1]));
  assert.deepEqual(sarif.results, []);
});

test('profile: --format takes text, json or sarif only, and not together with --json', async () => {
  for (const [args, message] of [
    [['--format', 'xml'], /--format must be text, json or sarif, not "xml"/],
    [['--json', '--format', 'sarif'], /cannot be combined/],
  ] as const) {
    const r = await cli(['profile', rel(HELPER), ...args]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  }
});
