// The option blocks profile, watch, lr and gradcheck share (cli/shared.ts): one command line parsed with the model
// file's options and the command's own, the script's arguments after `--`; and the verdict options of profile and
// watch read once. Plain Node: util.parseArgs, no runner.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isUsageError, parseRunArgs, parseVerdict, runnerUsage, VERDICT_OPTIONS, VERDICT_USAGE } from '../../src/cli/shared';
import { DEFAULT_THRESHOLDS, RUN_DEFAULTS } from '../../src/core/defaults';

test("a run command's line: the shared options and the command's own before --, the script's arguments after it", () => {
  const { values, positionals, scriptArgs } = parseRunArgs(['model.js', '--backend', 'wasm', '--env', 'A=1', '--env', 'B', '--steps', '3', '--json', '--', '--epochs', '5'], { steps: { type: 'string' } });
  assert.deepEqual(positionals, ['model.js']);
  assert.deepEqual({ ...values }, { backend: 'wasm', env: ['A=1', 'B'], steps: '3', json: true });
  assert.deepEqual(scriptArgs, ['--epochs', '5']);
  assert.equal(parseRunArgs(['model.js'], {}).scriptArgs, undefined, 'no -- : no script arguments');
  assert.equal(parseRunArgs(['-h'], {}).values.help, true);
});

test("an option of another command is a usage error: each command accepts the shared options and only its own", () => {
  const parse = (argv: string[]) => () => parseRunArgs(argv, { ...VERDICT_OPTIONS });
  assert.doesNotThrow(parse(['m.js', '--fail-on', 'warning', '--threshold', 'deadShare=0.5', '--threshold', 'lossStuck=0.1', '--format', 'sarif']));
  for (const argv of [['m.js', '--steps', '3'], ['m.js', '--every', '2']]) {
    assert.throws(parse(argv), (error) => isUsageError(error) && /Unknown option '--(steps|every)'/.test((error as Error).message));
  }
  assert.throws(() => parseRunArgs(['m.js', '--fail-on'], { ...VERDICT_OPTIONS }), isUsageError, '--fail-on needs its value');
});

test('the verdict options: their defaults, repeated thresholds, and each bad value named', () => {
  assert.deepEqual(parseVerdict({}), { format: 'text', json: false, thresholds: {}, failOn: 'error' });
  assert.deepEqual(parseVerdict({ json: true, 'fail-on': 'none', threshold: ['deadShare=0.5', 'lossStuck=0'] }), { format: 'json', json: true, thresholds: { deadShare: 0.5, lossStuck: 0 }, failOn: 'none' });
  assert.equal(parseVerdict({ format: 'sarif' }).format, 'sarif');
  assert.throws(() => parseVerdict({ format: 'xml' }), /--format must be text, json or sarif, not "xml"/);
  assert.throws(() => parseVerdict({ json: true, format: 'sarif' }), /--json is --format json/);
  assert.throws(() => parseVerdict({ 'fail-on': 'fatal' }), /--fail-on must be one of error, warning, info, none/);
  assert.throws(() => parseVerdict({ threshold: ['nope=1'] }), /--threshold: unknown key "nope"/);
});

test('the shared usage lines state the defaults and every threshold key', () => {
  assert.match(runnerUsage(7), /--timeout S +stop the run after S seconds \(default 7\)/);
  assert.match(runnerUsage(9, 'training'), /--timeout S +stop training after S seconds \(default 9\)/);
  assert.match(runnerUsage(1), new RegExp(`--memory MB .*\\(default ${RUN_DEFAULTS.memoryLimitMb}\\)`));
  assert.match(runnerUsage(1), new RegExp(`--backend B .*\\(default ${RUN_DEFAULTS.backend}\\)`));
  for (const key of Object.keys(DEFAULT_THRESHOLDS)) assert.ok(VERDICT_USAGE.includes(key), key);
});
