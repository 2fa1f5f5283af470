// `gradient-lens lint` end to end (dist/cli.js): text lines with 1-based positions, --json, --sarif validated
// against the vendored SARIF 2.1.0 schema, --rule levels, directory recursion, exit codes 0/1/2.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { cli, ROOT } from './helpers';
import { sarifValidator } from './sarifSchema';
import { LINT_RULES, lintSource } from '../../src/core/lint';

const LINT = path.join('test', 'fixtures', 'lint');
const file = (name: string) => path.join(LINT, name);

test('text: file:line:col severity code message, 1-based, and exit 1 on warnings', async () => {
  const r = await cli(['lint', file('dropout-rate.fire.js')]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const expected = lintSource(fs.readFileSync(path.join(ROOT, file('dropout-rate.fire.js')), 'utf8'), 'x.js').diagnostics;
  assert.equal(lines.length, expected.length + 1);
  expected.forEach((d, i) => assert.equal(lines[i], `${file('dropout-rate.fire.js')}:${d.range.start.line + 1}:${d.range.start.column + 1} warning dropout-rate ${d.message}`));
  assert.equal(lines[0].split(' ')[0], `${file('dropout-rate.fire.js')}:4:77`);
  assert.equal(lines.at(-1), '1 TensorFlow.js file(s) of 1 checked: 0 error(s), 5 warning(s), 0 info, 0 hint(s)');
});

test('healthy models: exit 0; info-level findings alone also exit 0', async () => {
  const healthy = await cli(['lint', file('healthy-mnist-cnn.js'), file('healthy-mlp-regressor.ts'), file('healthy-lstm-forecaster.mjs')]);
  assert.equal(healthy.code, 0, healthy.stdout);
  assert.equal(healthy.stdout.trim(), '3 TensorFlow.js file(s) of 3 checked: 0 error(s), 0 warning(s), 0 info, 0 hint(s)');
  const info = await cli(['lint', file('initializer-activation-mismatch.fire.js')]);
  assert.equal(info.code, 0, info.stdout);
  assert.match(info.stdout, /:4:96 info initializer-activation-mismatch /);
});

test('--rule re-levels and turns off; --deep-stack changes the stack size', async () => {
  const asError = await cli(['lint', file('dropout-rate.fire.js'), '--rule', 'dropout-rate=error']);
  assert.equal(asError.code, 1);
  assert.equal(asError.stdout.split('\n').filter((l) => l.includes(' error dropout-rate ')).length, 5);
  const off = await cli(['lint', file('dropout-rate.fire.js'), '--rule', 'dropout-rate=off']);
  assert.equal(off.code, 0, off.stdout);
  const deep = await cli(['lint', file('deep-saturating-stack.near.js'), '--deep-stack', '3']);
  assert.equal(deep.code, 1);
  assert.match(deep.stdout, /deep-saturating-stack\.near\.js:5:\d+ warning deep-saturating-stack 3 sigmoid hidden layers/);
});

test('directories recurse over JS/TS files, skipping node_modules, dot-directories and non-tfjs files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-lint-'));
  try {
    const bad = "const tf = require('@tensorflow/tfjs');\ntf.layers.dropout({ rate: 0.95 });\n";
    for (const rel of ['a.js', 'sub/b.mts', 'sub/c.cts', 'node_modules/pkg/d.js', '.hidden/e.js', 'f.txt', 'types.d.ts']) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), bad);
    }
    fs.writeFileSync(path.join(dir, 'plain.js'), 'module.exports = 1 +;\n');
    const r = await cli(['lint', dir, '--json']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as { files: { file: string; usesTfjs: boolean; diagnostics: { code: string }[] }[] };
    assert.deepEqual(doc.files.map((f) => path.relative(dir, path.resolve(ROOT, f.file))), ['a.js', path.join('sub', 'b.mts'), path.join('sub', 'c.cts')]);
    assert.ok(doc.files.every((f) => f.usesTfjs && f.diagnostics.map((d) => d.code).join() === 'dropout-rate'));
    // An explicitly named file with a syntax error is reported (exit 1) even though it does not use tfjs.
    const syntax = await cli(['lint', path.join(dir, 'plain.js')]);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stdout, /plain\.js:1:\d+ error syntax-error /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--json: the API objects per file, 0-based ranges, fixes included', async () => {
  const r = await cli(['lint', file('loss-activation-mismatch.fire.js'), '--json']);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.files.length, 1);
  const expected = lintSource(fs.readFileSync(path.join(ROOT, file('loss-activation-mismatch.fire.js')), 'utf8'), 'x.js');
  assert.deepEqual(doc.files[0].diagnostics, JSON.parse(JSON.stringify(expected.diagnostics)));
  assert.deepEqual(doc.rules.map((x: { code: string }) => x.code), LINT_RULES.map((x) => x.code));
});

test('--sarif: validates against the SARIF 2.1.0 schema, with rules, regions, related locations and fixes', async () => {
  const validate = sarifValidator();
  const r = await cli(['lint', LINT, '--sarif']);
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as Sarif.Log;
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.rules!.map((x) => x.id), LINT_RULES.map((x) => x.code));
  assert.ok(run.results!.length >= 40, `${run.results!.length} results`);
  const lr = run.results!.find((x) => x.ruleId === 'learning-rate-range')!;
  // sgd(2): SGD's rates above 1 are an info (its stable step depends on the loss's curvature: docs/lint/learning-rate-range.md).
  assert.equal(lr.level, 'note');
  assert.equal(lr.locations![0].physicalLocation!.artifactLocation!.uri, 'test/fixtures/lint/learning-rate-range.fire.js');
  assert.deepEqual(lr.locations![0].physicalLocation!.region, { startLine: 5, startColumn: 16, endLine: 5, endColumn: 17, charOffset: lr.locations![0].physicalLocation!.region!.charOffset, charLength: 1 });
  assert.ok(run.results!.some((x) => x.fixes?.length && x.relatedLocations?.length));
  assert.ok(run.results!.some((x) => x.level === 'note'));
  // The schema really checks: a result without a message is rejected.
  const broken = structuredClone(log);
  delete (broken.runs[0].results![0] as Partial<Sarif.Result>).message;
  assert.equal(validate(broken), false);
});

test('usage and I/O errors exit 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [['lint'], /Missing PATH/],
    [['lint', 'no/such/dir'], /No such file or directory: no\/such\/dir/],
    [['lint', LINT, '--rule', 'nope=error'], /unknown rule "nope"/],
    [['lint', LINT, '--rule', 'dropout-rate=loud'], /--rule dropout-rate needs a level/],
    [['lint', LINT, '--json', '--sarif'], /cannot be combined/],
    [['lint', LINT, '--deep-stack', '1'], /--deep-stack must be an integer ≥ 2/],
    [['lint', LINT, '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const help = await cli(['lint', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: gradient-lens lint PATH\.\.\./);
});
