// overfitting in `gradient-lens watch --json` (core/overfittingRule.ts; docs/rules/overfitting.md), through the CLI's
// host client and the real runner: a linear model with nearly as many weights as rows, unregularised, passes its
// validation minimum (warning on its layer's line, from the best epoch's step); its twin with the Bayes-optimal ridge
// penalty stays quiet; a fit() without validation data is told, once and as information, that nothing can be judged.
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

const runs = Promise.all(['memorises.js', 'regularised.js'].map((f) => watchJson(fixture('overfitting', f))));

test('unregularised, 40 weights on 50 noisy rows: overfitting (warning) from the epoch of the lowest validation loss, on the layer\'s line', async () => {
  const file = fixture('overfitting', 'memorises.js');
  const report = (await runs)[0];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  assert.equal(report.epochs.length, 300);
  const val = report.epochs.map((e) => e.logs.val_loss);
  const best = val.indexOf(Math.min(...val));
  assert.ok(best > 0 && val[val.length - 1] > 1.5 * val[best], `the validation loss passes its minimum: ${val[0]} → ${val[best]} (epoch ${best}) → ${val[val.length - 1]}`);
  const found = report.findings.filter((f) => f.code === 'overfitting');
  assert.equal(found.length, 1, JSON.stringify(report.findings));
  assert.equal(found[0].severity, 'warning');
  // The rule's lowest is that of the running median of 3 epochs: the raw lowest epoch or a neighbour.
  const from = report.epochs.findIndex((e) => e.step === found[0].step);
  assert.ok(Math.abs(from - best) <= 1, `from epoch ${from}, the raw lowest at ${best}`);
  assert.equal(found[0].line, lineOf(file, 'WIDE LAYER'));
  assert.match(found[0].message, new RegExp(`passed its lowest \\S+ at epoch ${from + 1} \\(step ${found[0].step}\\)`));
  assert.deepEqual(report.layers[0].verdicts, ['overfitting']);
});

test('its twin with the Bayes-optimal ridge penalty (l2 0.8): the validation loss falls and stays, no overfitting', async () => {
  const report = (await runs)[1];
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  const val = report.epochs.map((e) => e.logs.val_loss);
  assert.ok(val[val.length - 1] < 1.05 * Math.min(...val), `GL at the end ${val[val.length - 1] / Math.min(...val)}`);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), []);
  assert.deepEqual(report.findings.filter((f) => f.code === 'overfitting'), []);
});

test('a fit() with no validation data: one information that overfitting cannot be judged, no verdict', async () => {
  const report = await watchJson(fixture('watch', 'loss-curve.js'));
  const notes = report.findings.filter((f) => f.code === 'overfitting');
  assert.equal(notes.length, 1, JSON.stringify(report.findings));
  assert.equal(notes[0].severity, 'info');
  assert.match(notes[0].message, /cannot be judged: the \d+ epochs recorded report no validation loss/);
  assert.ok(report.layers.every((l) => !l.verdicts.includes('overfitting')));
});
