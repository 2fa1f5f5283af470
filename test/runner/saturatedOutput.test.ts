// saturated-output on real models (test/fixtures/runner/saturated-output): the probe's confidently wrong share against
// closed forms, and a saturated start whose confident outputs mostly turn right while some examples stay confidently
// wrong (stuck beyond the loss's clip) keeps its warning, the wrong share in its message.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, layer, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('saturated-output', f);
const FILES = ['known-sigmoid.js', 'known-softmax-sparse.js', 'sigmoid-onehot-std1.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });
const summary = (r: ProfileReport) => r.findings.map((f) => `${f.code}:${f.severity}:${f.layer ?? '-'}`).join(', ');

test('the probe: confident and confidently wrong shares of a sigmoid output and of a softmax read against class indices (closed forms)', async () => {
  const sigmoid = layer((await outcome('known-sigmoid.js')).report, 'out').steps[0];
  assert.equal(sigmoid.saturatedShare, 1, 'σ(±20) is beyond 0.99 / below 0.01 for every row');
  assert.equal(sigmoid.confidentWrongShare, 0.25, 'one row in four is x = 1 labelled 0');
  const softmax = layer((await outcome('known-softmax-sparse.js')).report, 'out').steps[0];
  assert.equal(softmax.saturatedShare, 1);
  assert.equal(softmax.confidentWrongShare, 0.375, 'three rows in eight name a class the softmax puts < 0.01 on');
});

test('ten sigmoid outputs from std-1 weights: most confident outputs turn right as the loss falls, some examples stay confidently wrong — still a warning, with that share in the message', async () => {
  const { report } = await outcome('sigmoid-onehot-std1.js');
  const sat = report.findings.find((f) => f.code === 'saturated-output');
  assert.ok(sat, summary(report));
  assert.equal(sat.severity, 'warning', sat.message);
  assert.equal(sat.line, lineOf(FIX('sigmoid-onehot-std1.js'), 'L:out'));
  const out = layer(report, 'out').steps;
  assert.ok(out[0].saturatedShare! >= 0.5 && out[20].saturatedShare! >= 0.5, `in the tails: ${out[0].saturatedShare} → ${out[20].saturatedShare}`);
  const wrong = out[20].confidentWrongShare!;
  assert.ok(wrong > 0 && wrong < 0.5, `examples confidently wrong at step 20: ${wrong}`);
  assert.ok(report.steps[20].loss < 0.5 * report.steps[0].loss, `the loss falls: ${report.steps[0].loss} → ${report.steps[20].loss}`);
  assert.match(sat.message, new RegExp(`at step 20; ${Math.round(wrong * 100)} % of the examples confidently wrong there`));
});
