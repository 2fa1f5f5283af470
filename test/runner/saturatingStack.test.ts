// The vanishing gradient across a sigmoid hidden stack, read from each layer's error signal ‖∂L/∂b‖ as Nielsen reads
// it (ch. 5), on real models (test/fixtures/runner/verdicts/stack-*.js): it fires under SGD, is information under Adam,
// and stays quiet on a Glorot tanh stack that trains and on one sigmoid hidden layer with N(0, 1) weights.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, layer, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['stack-sigmoid4.js', 'stack-sigmoid4-adam.js', 'stack-tanh6-glorot.js', 'stack-sigmoid1.js'];
const outcome = profileEach(FILES, FIX, { steps: 20, backend: 'wasm' });

test('four sigmoid hidden layers under SGD: vanishing at the first hidden layer, its error signal ≥ 40× below the fourth’s at every step', async () => {
  const { report } = await outcome('stack-sigmoid4.js');
  const vanishing = report.findings.filter((f) => f.code === 'vanishing');
  assert.equal(vanishing.length, 1, findingSummary(report));
  assert.equal(vanishing[0].severity, 'warning');
  assert.equal(vanishing[0].layer, 'sig1');
  assert.equal(vanishing[0].line, lineOf(FIX('stack-sigmoid4.js'), 'L:first'));
  assert.match(vanishing[0].message, /4 sigmoid hidden layers .*: the error signal each layer learns from \(‖∂L\/∂b‖ per unit/);
  assert.match(vanishing[0].message, /SGD's step is the learning rate times the gradient/);
  // The measurement itself, from the streamed statistics: δ per unit of sig1 against sig4's.
  const delta = (name: string, i: number) => layer(report, name).weights.find((w) => w.name.endsWith('bias'))!.steps[i].gradNorm / Math.sqrt(30);
  for (let i = 0; i < report.steps.length; i++) assert.ok(delta('sig1', i) <= 0.025 * delta('sig4', i), `step ${i}: ${delta('sig1', i)} vs ${delta('sig4', i)}`);
  // The whole-layer ‖g‖ rule's absolute floor is not what decided it.
  assert.ok(layer(report, 'sig1').steps[0].gradNorm > 1e-4, `sig1 ‖g‖ ${layer(report, 'sig1').steps[0].gradNorm}`);
});

test('the same network under Adam: the fall is reported as information, no alarm', async () => {
  const { report } = await outcome('stack-sigmoid4-adam.js');
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(report));
  const vanishing = report.findings.filter((f) => f.code === 'vanishing');
  assert.equal(vanishing.length, 1, findingSummary(report));
  assert.match(vanishing[0].message, /Adam divides each weight's gradient by its own running scale/);
});

test('near misses: six Glorot tanh layers that train, and one sigmoid hidden layer with N(0, 1) weights — no vanishing', async () => {
  for (const f of ['stack-tanh6-glorot.js', 'stack-sigmoid1.js']) {
    const { report } = await outcome(f);
    assert.ok(!report.findings.some((x) => x.code === 'vanishing'), `${f}: ${findingSummary(report)}`);
    const losses = report.steps.map((s) => s.loss);
    assert.ok(losses[losses.length - 1] < 0.7 * losses[0], `${f} trains: ${losses[0]} → ${losses[losses.length - 1]}`);
  }
});
