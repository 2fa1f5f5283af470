// The born-dead ReLU output rule (core/outputBirthRule.ts): fires from the 10 % share, once per output, not where a
// dead-relu warning or an output-activation finding on the layer already says it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BORN_DEAD_SHARE, outputBirthFindings } from '../../src/core/outputBirthRule';
import type { Finding, LayerInfo, OutputInfo } from '../../src/core/protocol';

const head: LayerInfo = { name: 'head', className: 'Dense', activation: 'relu', location: { file: '/m.js', line: 12, column: 3 }, weights: [{ name: 'head/kernel', shape: [1, 1], trainable: true }] };
const out = (deadShare: number, deadNow: number, units = 1): OutputInfo => ({
  layer: 'head',
  activation: 'relu',
  loss: 'meanSquaredError',
  units,
  labelMeanSquare: 21,
  labelVariance: 5,
  outputBirth: { draws: 64, deadShare, deadNow, rows: 4 },
});

test('a one-unit ReLU output born dead in half the draws: a dead-relu warning on its line, with this run\'s draw', () => {
  const [f] = outputBirthFindings([head], [out(0.53, 0)], []);
  assert.equal(f?.code, 'dead-relu');
  assert.equal(f.severity, 'warning');
  assert.equal(f.location?.line, 12);
  assert.match(f.message, /^ReLU on the output layer is born dead in 53 % of initialisations: drawing head's kernel and bias 64 times .* in 53 % of the draws\. .*This run drew live weights/);
  assert.match(outputBirthFindings([head], [out(0.53, 1)], [])[0].message, /This run drew a dead unit\./);
});

test('several units: the mean share of units born dead', () => {
  const [f] = outputBirthFindings([head], [out(0.2, 0.3, 10)], []);
  assert.match(f.message, /born dead in 20 % of its units over initialisations: .*on average 20 % of its 10 units start ≤ 0 .*This run drew 30 % of the units dead\./);
});

test('near misses: below the 10 % share, no reading, or the layer already has a dead-relu warning or an output-activation finding', () => {
  assert.equal(BORN_DEAD_SHARE, 0.1);
  assert.deepEqual(outputBirthFindings([head], [out(0.09, 0)], []), []);
  assert.equal(outputBirthFindings([head], [out(0.1, 0)], []).length, 1);
  assert.deepEqual(outputBirthFindings([head], [{ ...out(0.5, 0), outputBirth: undefined }], []), []);
  const said = (code: string, severity: Finding['severity']): Finding => ({ code: code as Finding['code'], severity, layer: 'head', message: '' });
  assert.deepEqual(outputBirthFindings([head], [out(0.5, 1)], [said('dead-relu', 'warning')]), []);
  assert.deepEqual(outputBirthFindings([head], [out(0.5, 0)], [said('output-activation', 'warning')]), []);
  // An info dead-relu (units that came back, or lost capacity while the loss falls) does not say it.
  assert.equal(outputBirthFindings([head], [out(0.5, 0)], [said('dead-relu', 'info')]).length, 1);
});
