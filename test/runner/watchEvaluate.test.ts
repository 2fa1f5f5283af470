// Watch reads the validation a script computes itself (runner/watchValidation.ts; core/overfittingRule.ts), through
// `gradient-lens watch --json` and the real runner: memorises.js's model validated by its own model.evaluate() — in a
// loop of fit({epochs: 1}) calls, and in a trainOnBatch loop that rebuilds the held-out tensors at every evaluation —
// warns from the lowest reading on the layer's line, naming the evaluate() line; evaluate() on the training rows is not
// validation; the ridge twin stays quiet; one evaluate() after training is information, not a verdict.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { WatchReport } from '../../src/core/watchReport';
import { cli, fixture, lineOf } from './helpers';

async function watchJson(file: string): Promise<WatchReport> {
  const result = await cli(['watch', file, '--json', '--fail-on', 'none']);
  assert.equal(result.code, 0, result.stderr);
  return parseWithNonFinite(result.stdout) as WatchReport;
}

const names = ['evaluate-loop.js', 'evaluate-loop-regularised.js', 'evaluate-train-on-batch.js', 'evaluate-once.js'];
const runs = Promise.all(names.map((f) => watchJson(fixture('overfitting', f))));

test('a fit({epochs: 1}) loop validated by its own model.evaluate(): one reading an epoch, overfitting from the lowest, on the layer\'s line', async () => {
  const file = fixture('overfitting', 'evaluate-loop.js');
  const report = (await runs)[0];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.epochs.length, 300);
  // The held-out rows' curve: evaluate(x, y) on the training rows is no validation; the test pass after training is
  // another held-out set (read once: the rule follows the set evaluated most often).
  const heldOut = report.validation.filter((v) => v.line === lineOf(file, 'EVALUATE LINE'));
  assert.equal(heldOut.length, 300, JSON.stringify(report.validation.slice(0, 3)));
  assert.equal(heldOut[0].rows, 200);
  assert.equal(new Set(heldOut.map((v) => v.key)).size, 1);
  assert.ok(report.validation.every((v) => v.rows !== 50), 'evaluate() on the 50 training rows is not validation');
  // Each reading pairs the validation loss with the epoch's training loss (the mean of its one full-batch step).
  report.epochs.forEach((e, i) => assert.ok(Math.abs(heldOut[i].trainLoss - e.logs.loss) <= 1e-6 * e.logs.loss, `epoch ${i}: ${heldOut[i].trainLoss} vs ${e.logs.loss}`));
  const val = heldOut.map((v) => v.loss);
  const best = val.indexOf(Math.min(...val));
  assert.ok(best > 0 && val[val.length - 1] > 1.5 * val[best], `the validation loss passes its minimum: ${val[0]} → ${val[best]} → ${val[val.length - 1]}`);
  const found = report.findings.filter((f) => f.code === 'overfitting');
  assert.equal(found.length, 1, JSON.stringify(report.findings));
  assert.equal(found[0].severity, 'warning');
  assert.ok(Math.abs(heldOut.findIndex((v) => v.step === found[0].step) - best) <= 1, `from step ${found[0].step}, the raw lowest at reading ${best}`);
  assert.equal(found[0].line, lineOf(file, 'WIDE LAYER'));
  assert.match(found[0].message, new RegExp(`model\\.evaluate\\(\\) at evaluate-loop\\.js:${lineOf(file, 'EVALUATE LINE')} \\(200 rows\\)`));
});

test('its twin with the Bayes-optimal ridge penalty: the same readings, no overfitting', async () => {
  const report = (await runs)[1];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const val = report.validation.filter((v) => v.rows === 200).map((v) => v.loss);
  assert.equal(val.length, 300);
  assert.ok(val[val.length - 1] < 1.05 * Math.min(...val), `GL at the end ${val[val.length - 1] / Math.min(...val)}`);
  assert.deepEqual(report.findings.filter((f) => f.code === 'overfitting'), []);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), []);
});

test('a trainOnBatch loop evaluating new tensors of the same held-out rows every 5 steps: one curve, overfitting', async () => {
  const file = fixture('overfitting', 'evaluate-train-on-batch.js');
  const report = (await runs)[2];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.validation.length, 300);
  assert.equal(new Set(report.validation.map((v) => v.key)).size, 1);
  assert.deepEqual(report.validation.slice(0, 3).map((v) => v.step), [4, 9, 14]);
  const found = report.findings.filter((f) => f.code === 'overfitting');
  assert.equal(found.length, 1, JSON.stringify(report.findings));
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].line, lineOf(file, 'WIDE LAYER'));
});

test('one evaluate() after training: information that one reading cannot show overfitting, no verdict', async () => {
  const report = (await runs)[3];
  assert.equal(report.validation.length, 1);
  const notes = report.findings.filter((f) => f.code === 'overfitting');
  assert.equal(notes.length, 1, JSON.stringify(report.findings));
  assert.equal(notes[0].severity, 'info');
  assert.match(notes[0].message, /model\.evaluate\(\) at evaluate-once\.js:\d+ \(200 rows\) gave 1 validation reading/);
});
