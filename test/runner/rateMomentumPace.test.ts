// learning-rate-high under heavy-ball momentum on a quadratic loss, on real profiles (test/fixtures/runner/rates/momentum-*):
// the Straight Dope's momentum cell (one Dense unit, square_loss = ½·MSE, momentum 0.2 / 0.9, batch 10) rings on the
// profile's fixed batch and a tenth of the rate is lower within the 20 steps; every direction is in the band where the
// momentum sets the pace (core/rateCurvature.atMomentumPace), so no learning-rate-high. Before the rule all three fired.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { RunnerMessage } from '../../src/core/protocol';

const probeOf = (messages: RunnerMessage[], kind: string, factor?: number) =>
  messages.find((m): m is Extract<RunnerMessage, { type: 'probe' }> => m.type === 'probe' && m.kind === kind && (factor === undefined || m.factor === factor));

const FIX = (f: string) => fixture('rates', f);
const outcome = profileEach(['momentum-rings.js', 'momentum-rings-mse.js', 'momentum-past-band.js'], FIX, { steps: 20, backend: 'wasm' });

test('heavy ball 0.2 / 0.9 under ½·MSE rings and the ÷10 probe is lower, yet the curvature puts it at the momentum pace: no learning-rate-high', async () => {
  for (const [file, c] of [['momentum-rings.js', 0.5], ['momentum-rings-mse.js', 1]] as const) {
    const { report, messages } = await outcome(file);
    assert.equal(report.status, 'done');
    const losses = report.steps.map((s) => s.loss);
    const rise = Math.max(...losses.slice(1).map((l, i) => l / losses[i]));
    assert.ok(rise >= 1.2, `${file}: the fixed batch's loss rings (×${rise})`);
    const tenth = probeOf(messages, 'rate', 0.1);
    assert.ok(tenth && Math.min(...tenth.losses) <= 0.8 * Math.min(...losses), `${file}: a tenth of the rate is lower within the steps (${tenth?.losses})`);
    const curvature = probeOf(messages, 'curvature');
    // Two standard-normal features and a bias: X̃ᵀX̃/R ≈ I, so λmax ≈ 2c (c: the loss over the MSE).
    assert.ok(curvature && Math.abs(curvature.losses[0] - 2 * c) < 0.15 * 2 * c, `${file}: λmax ${curvature?.losses}`);
    assert.equal(curvature.momentum, 0.9);
    assert.ok(curvature.factor * curvature.losses[1] <= (1 + Math.sqrt(0.9)) ** 2, `${file}: η·λrow ${curvature.factor * curvature.losses[1]}`);
    assert.deepEqual(report.findings.filter((f) => f.code === 'learning-rate-high'), [], `${file}: ${findingSummary(report)}`);
  }
});

test('near miss: past the band at the largest row (0.45), the ÷10 probe judges the spike as before, on the optimizer line', async () => {
  const { report, messages } = await outcome('momentum-past-band.js');
  const curvature = probeOf(messages, 'curvature');
  assert.ok(curvature && curvature.factor * curvature.losses[1] > (1 + Math.sqrt(0.9)) ** 2, `η·λrow ${curvature && curvature.factor * curvature.losses[1]}`);
  const high = report.findings.filter((f) => f.code === 'learning-rate-high');
  assert.equal(high.length, 1, findingSummary(report));
  assert.equal(high[0].line, lineOf(FIX('momentum-model.js'), 'L:optimizer'));
  assert.match(high[0].message, /a tenth of the rate reached/);
});
