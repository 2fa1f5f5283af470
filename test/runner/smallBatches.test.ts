// Scripts that train at batch size 1 on sorted data: the profile judges dead units and vanishing
// gradients on 32 rows drawn as fit() shuffles them, not on the first row (docs/rules/evidence.md).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profileOk } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['batch1-sorted.js', 'batch1-dead.js', 'batch1-unshuffled.js'];
const runs = pool(FILES, 2, (f) => profileOk(FIX(f), { steps: 20, backend: 'wasm' }));

test('batch 1, sorted data with an all-zero first row, healthy: profiled on 32 shuffled rows, no warning', async () => {
  const { report } = (await runs)[0];
  assert.equal(report.batchSize, 32);
  assert.match(report.dataNote!, /^a batch of 32 rows of the script's fit\(\) call, drawn as fit\(\) shuffles them \(seeded\), where the script trains on batches of 1: /);
  const serious = report.findings.filter((f) => f.severity !== 'info');
  assert.deepEqual(serious.map((f) => f.code), []);
  assert.ok(report.steps[20].loss < 0.9 * report.steps[0].loss, `loss ${report.steps[0].loss} → ${report.steps[20].loss}`);
});

test('batch 1, a ReLU layer with bias -100: dead over all 32 rows, at its own line, the layer below named as blocked by it', async () => {
  const { report } = (await runs)[1];
  const dead = report.findings.filter((f) => f.code === 'dead-relu');
  assert.equal(dead.length, 1);
  assert.equal(dead[0].severity, 'warning');
  assert.equal(dead[0].line, lineOf(FIX('batch1-dead.js'), 'L:dead'));
  assert.match(dead[0].message, /^Dead ReLU: 100 % of dense_Dense\d+'s units output 0 for every example of the batch/);
  const vanishing = report.findings.find((f) => f.code === 'vanishing');
  assert.ok(vanishing?.cause, 'the layer below points at the dead layer');
  assert.equal(vanishing.cause.line, lineOf(FIX('batch1-dead.js'), 'L:dead'));
});

test('batch 1 with shuffle: false: the first 32 of its 64 rows, and the note says so', async () => {
  const { report } = (await runs)[2];
  assert.equal(report.batchSize, 32);
  assert.match(report.dataNote!, /^the first 32 of the 64 rows of the script's fit\(\) call, in its order, where the script trains on batches of 1: /);
});
