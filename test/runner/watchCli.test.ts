// The CLI over watch runs: `gradient-lens watch --json` (profile's fields plus timeline[] and findings[]
// with their step, profile's exit codes) and `gradient-lens compare` on the before/after runs of a deep
// sigmoid stack and its quick fix (ReLU + He initialization).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { WatchReport } from '../../src/core/watchReport';
import type { RunComparison } from '../../src/core/runCompare';
import { cli, fixture } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-watch-cli-'));

test('watch --json: timeline[] {step, epoch, loss, layers[{name, gradNorm}]} and findings[] with step; exit 1 on an error finding', async () => {
  const runFile = path.join(dir, 'lr.jsonl');
  const result = await cli(['watch', fixture('watch', 'lr-raise.js'), '--json', '--every', '20', '--run-file', runFile]);
  assert.equal(result.code, 1, result.stderr);
  const report = parseWithNonFinite(result.stdout) as WatchReport;
  assert.equal(report.status, 'done');
  assert.equal(report.backend !== undefined && report.modelName !== undefined, true, 'profile\'s fields');
  assert.equal(report.timeline.length, 120);
  const point = report.timeline[7];
  assert.equal(point.step, 7);
  assert.equal(point.epoch, 0);
  assert.equal(typeof point.loss, 'number');
  assert.deepEqual(point.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
  assert.ok(point.layers.every((l) => l.gradNorm > 0));
  assert.equal(report.timeline[65].epoch, 3);
  assert.ok(report.findings.length > 0 && report.findings.every((f) => Number.isInteger(f.step)));
  assert.equal(report.samples.length, 6, 'a sample every 20 steps');
  assert.equal(report.runFile, runFile);
  assert.ok(fs.statSync(runFile).size > 0);
});

test('watch: --batch and a bad --every are usage errors (exit 2)', async () => {
  const batch = await cli(['watch', fixture('watch', 'lr-raise.js'), '--batch', '8']);
  assert.equal(batch.code, 2);
  assert.match(batch.stderr, /--batch does not apply to watch/);
  const every = await cli(['watch', fixture('watch', 'lr-raise.js'), '--every', '0']);
  assert.equal(every.code, 2);
  assert.match(every.stderr, /--every must be an integer ≥ 1/);
});

test('compare: after the ReLU/He fix the early layers\' ‖g‖ rise by orders of magnitude; different files are refused', async () => {
  const template = fs.readFileSync(fixture('watch', 'deep-stack.js'), 'utf8');
  const model = path.join(dir, 'deep.js');
  const before = path.join(dir, 'before.jsonl');
  const after = path.join(dir, 'after.jsonl');
  fs.writeFileSync(model, template);
  const a = await cli(['watch', model, '--run-file', before, '--fail-on', 'none']);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /WARNING vanishing from step 0 dense_Dense1/);
  fs.writeFileSync(model, template.replace("'sigmoid'; // ACTIVATION", "'relu'; // ACTIVATION").replace("'glorotUniform'; // INITIALIZER", "'heNormal'; // INITIALIZER"));
  const b = await cli(['watch', model, '--run-file', after, '--fail-on', 'none']);
  assert.equal(b.code, 0, b.stderr);

  const json = await cli(['compare', before, after, '--json']);
  assert.equal(json.code, 0, json.stderr);
  const c = parseWithNonFinite(json.stdout) as RunComparison;
  assert.equal(c.comparable, true);
  assert.equal(c.fileChanged, true);
  assert.equal(c.layers.length, 12);
  const first = c.layers[0];
  assert.equal(first.name, 'dense_Dense1');
  assert.ok(first.ratio! > 1e3, `first layer ‖g‖ ×${first.ratio}`);
  assert.match(first.verdictA, /vanishing/);
  assert.equal(first.verdictB, 'ok');
  assert.ok(c.layers.slice(0, 4).every((l) => l.ratio! > 100), c.layers.map((l) => l.ratio).join(', '));

  const text = await cli(['compare', before, after]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /dense_Dense1\s+11\s+\S+\s+\S+\s+×\S+ ↑\s+vanishing\s+ok/);

  const other = await cli(['compare', before, path.join(dir, 'lr.jsonl')]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /The runs are of different model files/);
  fs.writeFileSync(path.join(dir, 'junk.jsonl'), 'not a run\n');
  const junk = await cli(['compare', before, path.join(dir, 'junk.jsonl')]);
  assert.equal(junk.code, 2);
  assert.match(junk.stderr, /junk\.jsonl is not a Gradient Lens run file/);
});
