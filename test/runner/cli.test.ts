// The CLI end to end: exit codes 0/1/2, the --json document, --fail-on, --export/--args/--backend,
// and the table output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';
import { cli, fixture, lineOf, pool, ROOT, type CliResult } from './helpers';

const rel = (file: string) => path.relative(ROOT, file);
const json = (r: CliResult) => parseWithNonFinite(r.stdout) as ProfileReport;

const RUNS = {
  healthy: ['profile', rel(fixture('closed', 'dense-bias.js')), '--steps', '1', '--json'],
  healthyTable: ['profile', rel(fixture('closed', 'dense-bias.js')), '--steps', '0'],
  exploding: ['profile', rel(fixture('demos', 'const100.js')), '--steps', '1', '--batch', '8'],
  explodingNone: ['profile', rel(fixture('demos', 'const100.js')), '--steps', '0', '--fail-on', 'none'],
  dead: ['profile', rel(fixture('demos', 'dead-relu.js')), '--steps', '2', '--batch', '16', '--json'],
  deadWarning: ['profile', rel(fixture('demos', 'dead-relu.js')), '--steps', '0', '--fail-on', 'warning'],
  nan: ['profile', rel(fixture('demos', 'nan-layer.js')), '--steps', '0', '--json'],
  syntax: ['profile', rel(fixture('bad', 'syntax.js')), '--json'],
  syntaxTable: ['profile', rel(fixture('bad', 'syntax.js'))],
  needsArgs: ['profile', rel(fixture('discovery', 'factory-args.js'))],
  withArgs: ['profile', rel(fixture('discovery', 'factory-args.js')), '--args', '[7, "tanh"]', '--steps', '0', '--json', '--backend', 'cpu'],
  withExport: ['profile', rel(fixture('discovery', 'ambiguous-models.js')), '--export', 'encoder', '--steps', '0', '--json'],
  missingFile: ['profile', 'no/such/file.js'],
  badBackend: ['profile', rel(fixture('closed', 'dense-bias.js')), '--backend', 'gpu'],
  badArgs: ['profile', rel(fixture('closed', 'dense-bias.js')), '--args', '{"a":1}'],
  help: ['profile', '--help'],
  topHelp: ['--help'],
} satisfies Record<string, string[]>;
type RunName = keyof typeof RUNS;
const names = Object.keys(RUNS) as RunName[];
const results = pool(names, 2, (n) => cli(RUNS[n]));
const run = async (n: RunName) => (await results)[names.indexOf(n)];

test('healthy model: exit 0 and the --json document', async () => {
  const r = await run('healthy');
  assert.equal(r.code, 0, r.stderr);
  const report = json(r);
  assert.equal(report.status, 'done');
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(report.backend!));
  assert.equal(report.dataSource, 'sampleBatch');
  assert.equal(report.discovery, 'factory');
  assert.equal(report.file, fixture('closed', 'dense-bias.js'));
  assert.deepEqual(report.steps.map((s) => s.step), [0, 1]);
  assert.deepEqual(report.findings, []);
  const [l] = report.layers;
  assert.deepEqual(
    { name: l.name, className: l.className, file: l.file, line: l.line, verdicts: l.verdicts },
    { name: l.name, className: 'Dense', file: fixture('closed', 'dense-bias.js'), line: lineOf(fixture('closed', 'dense-bias.js'), 'L:dense'), verdicts: [] },
  );
  assert.equal(typeof l.column, 'number');
  assert.ok(l.gradNorm > 0);
  assert.deepEqual(l.weights.map((w) => [w.name.replace(/^.*\//, ''), w.shape, w.steps.map((s) => s.step)]), [
    ['kernel', [3, 2], [0, 1]],
    ['bias', [2], [0, 1]],
  ]);
  for (const w of l.weights) assert.equal(w.gradNorm, w.steps[0].gradNorm);
});

test('table output names each layer with file:line', async () => {
  const r = await run('healthyTable');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Gradient Lens — test\/fixtures\/runner\/closed\/dense-bias\.js/);
  assert.match(r.stdout, new RegExp(`Dense\\s+test/fixtures/runner/closed/dense-bias\\.js:${lineOf(fixture('closed', 'dense-bias.js'), 'L:dense')}\\s`));
  assert.match(r.stdout, /No findings: gradients look healthy\./);
});

test('an error finding: exit 1 by default, 0 with --fail-on none', async () => {
  const r = await run('exploding');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /ERROR exploding out \(test\/fixtures\/runner\/demos\/const100\.js:\d+\)/);
  assert.equal((await run('explodingNone')).code, 0);
});

test('warnings only: exit 0 by default, 1 with --fail-on warning; findings in --json', async () => {
  const r = await run('dead');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await run('deadWarning')).code, 1);
  const report = json(r);
  assert.equal(report.batchSize, 16);
  assert.equal(report.totalSteps, 2);
  const finding = report.findings.find((f) => f.code === 'dead-relu')!;
  assert.deepEqual(
    { code: finding.code, severity: finding.severity, layer: finding.layer, file: finding.file, line: finding.line },
    { code: 'dead-relu', severity: 'warning', layer: 'dead', file: fixture('demos', 'dead-relu.js'), line: lineOf(fixture('demos', 'dead-relu.js'), 'L:dead') },
  );
  assert.match(finding.message, /Dead ReLU/);
  assert.ok(report.layers.find((l) => l.name === 'dead')!.verdicts.includes('dead-relu'));
});

test('NaN survives the --json document', async () => {
  const r = await run('nan');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /"\$nonFinite": "NaN"/);
  const report = json(r);
  assert.ok(Number.isNaN(report.steps[0].loss));
  assert.equal(report.findings[0].code, 'non-finite');
  assert.equal(report.findings[0].layer, 'shiftedLog');
});

test('a failed run: exit 2, error on stderr with file:line, status failed in --json', async () => {
  const r = await run('syntax');
  assert.equal(r.code, 2);
  const report = json(r);
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'syntax');
  const line = lineOf(fixture('bad', 'syntax.js'), 'L:syntax');
  assert.match(r.stderr, new RegExp(`^gradient-lens: test/fixtures/runner/bad/syntax\\.js:${line}:\\d+: syntax: Syntax error`, 'm'));
  const table = await run('syntaxTable');
  assert.equal(table.code, 2);
  assert.equal(table.stdout, '');
  const needs = await run('needsArgs');
  assert.equal(needs.code, 2);
  assert.match(needs.stderr, /needs-args: .*hiddenUnits/);
});

test('--args, --export and --backend reach the runner', async () => {
  const withArgs = await run('withArgs');
  assert.equal(withArgs.code, 0, withArgs.stderr);
  const a = json(withArgs);
  assert.equal(a.backend, 'cpu');
  assert.deepEqual(a.layers[0].weights[0].shape, [3, 7]);
  assert.equal(a.layers[0].activation, 'tanh');
  const withExport = await run('withExport');
  assert.equal(withExport.code, 0, withExport.stderr);
  assert.equal(json(withExport).exportName, 'encoder');
  assert.deepEqual(json(withExport).layers[0].weights[0].shape, [3, 2]);
});

test('usage errors: exit 2 with the usage text; --help exits 0', async () => {
  for (const [name, pattern] of [
    ['missingFile', /File not found: no\/such\/file\.js/],
    ['badBackend', /--backend must be one of auto, tensorflow, wasm, cpu/],
    ['badArgs', /--args must be a JSON array/],
  ] as const) {
    const r = await run(name);
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, pattern);
    assert.match(r.stderr, /Usage: gradient-lens profile FILE/);
  }
  const help = await run('help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes: 0 healthy, 1 findings at or above --fail-on, 2 the run failed \(what it measured/);
  const top = await run('topHelp');
  assert.equal(top.code, 0);
  assert.match(top.stdout, /^ {2}profile +Profiles the per-layer gradients/m);
  // every command's name stands apart from its description, the longest (gradcheck) too
  for (const name of ['profile', 'lint', 'lr', 'gradcheck', 'watch', 'compare']) assert.match(top.stdout, new RegExp(`^ {2}${name} {2,}\\S`, 'm'), name);
});

test('--threshold overrides a health rule: a stricter dead share keeps the dead layer; an impossible one drops it', async () => {
  const file = rel(fixture('demos', 'dead-relu.js'));
  const base = ['profile', file, '--steps', '0', '--json'];
  const dead = (r: CliResult) => json(r).findings.filter((f) => f.code === 'dead-relu').length;
  assert.equal(dead(await cli([...base, '--threshold', 'deadShare=0.5'])), 1);
  assert.equal(dead(await cli([...base, '--threshold', 'deadShare=2'])), 0);
  const bad = await cli([...base, '--threshold', 'deadShare=abc']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--threshold deadShare needs a number/);
});
