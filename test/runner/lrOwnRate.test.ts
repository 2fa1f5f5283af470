// The recommendation is measured against the model's own compiled rate, on the same footing as its short
// runs (same steps, initial weights, batch order and held-out rows), outside the choice: a script whose own
// rate leaves the model untrained shows it beside the rate that trains it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cli, fixture, sweep } from './helpers';
import { ownRateSentence } from '../../src/core/lrRecommend';

const LOW = fixture('lr', 'own-rate-low.js');

test("the model's own rate (SGD 1e-6) is trained like the candidates: untrained after the script's 80 steps, where the recommendation removes most of the loss", async () => {
  const { report, messages } = await sweep(LOW, { repeats: 1 });
  const rec = report.result!.recommendation!;
  assert.equal(rec.basis, 'short-run');
  assert.equal(rec.checkSteps, 80, 'fit(epochs 8) × 256 training rows / 32');
  assert.deepEqual(rec.ownRate && { lr: rec.ownRate.lr }, { lr: 1e-6 });
  // (1 − 2·1e-6)^80 ≈ 0.99984 of the initial loss: not measurably trained.
  assert.ok(rec.ownRate!.loss !== null && rec.ownRate!.loss > 0.99 * rec.initialLoss!, `own rate: ${rec.ownRate!.loss} of ${rec.initialLoss}`);
  const best = Math.min(...rec.checks!.map((c) => c.loss ?? Infinity));
  assert.ok(best < rec.initialLoss! / 100, `best short run ${best} from ${rec.initialLoss}`);
  assert.ok(!rec.checks!.some((c) => c.lr === 1e-6), 'the own rate takes no part in the choice');
  const own = messages.filter((m) => m.type === 'phase' && m.message.startsWith("Checking the model's own rate"));
  assert.equal(own.length, 1);
});

test('the CLI prints the own rate under the recommendation', async () => {
  const { stdout, code } = await cli(['lr', LOW, '--repeats', '1', '--steps', '60']);
  assert.equal(code, 0);
  assert.match(stdout, /^ {2}the model's own rate 1e-6: held-out loss \S+ after the same 80 steps \(untrained \S+\)$/m);
});

test('ownRateSentence: diverged, and without the initial loss', () => {
  assert.equal(ownRateSentence({ lr: 0.5, loss: null }, { checkSteps: 50 }), "the model's own rate 0.5: diverged after the same 50 steps");
});

test('too few rows to hold any out (40 rows, batch 32): the short runs and the own rate say they were scored on the training rows', async () => {
  const { stdout, code } = await cli(['lr', fixture('lr', 'few-rows.js'), '--repeats', '1', '--steps', '60']);
  assert.equal(code, 0);
  assert.match(stdout, /^ {2}short runs \(loss on the training rows after \d+ steps\): /m);
  assert.match(stdout, /^ {2}the model's own rate 0\.01: loss on the training rows \S+ after the same \d+ steps/m);
  assert.match(stdout, /Scored on the training rows: the data has too few rows to hold a fifth out beside a batch/);
  assert.doesNotMatch(stdout, /held-out/);
});
