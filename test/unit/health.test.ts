// The health rules (src/core/health.ts) on hand-made statistics: each rule's threshold edge, severity,
// layer/location, one finding per cause across steps and layers, threshold overrides and the non-finite
// origin. The rules over several steps and the loss rules: test/unit/verdicts.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, evaluateHealth, RULE_SEVERITY, type StepRecord } from '../../src/core/health';
import { FINDING_CODES, type LayerInfo, type LayerStepStats, type WeightStats } from '../../src/core/protocol';

function w(name: string, gradNorm: number, opts: Partial<WeightStats> = {}): WeightStats {
  return {
    name,
    gradNorm,
    meanAbs: opts.meanAbs ?? gradNorm / 10,
    maxAbs: gradNorm,
    zeroShare: 0,
    nanCount: 0,
    infCount: 0,
    weightNorm: 1,
    ratio: gradNorm,
    histogram: new Array(64).fill(0),
    ...opts,
  };
}

function info(name: string, activation?: string, line = 10): LayerInfo {
  return { name, className: 'Dense', activation, location: { file: '/m.js', line, column: 5 }, weights: [{ name: `${name}/kernel`, shape: [10, 10], trainable: true }] };
}

function stats(name: string, gradNorm: number, extra: Partial<LayerStepStats> = {}, wopts: Partial<WeightStats> = {}): LayerStepStats {
  return { name, gradNorm, weights: [w(`${name}/kernel`, gradNorm, wopts)], ...extra };
}

const step = (n: number, loss: number, layers: LayerStepStats[]): StepRecord => ({ step: n, loss, layers });
const codes = (findings: ReturnType<typeof evaluateHealth>) => findings.map((f) => `${f.code}:${f.layer ?? '-'}`);

test('severities', () => {
  // Causes that break training are errors, the rest warnings; every code has a severity.
  assert.deepEqual(
    FINDING_CODES.filter((c) => RULE_SEVERITY[c] === 'error'),
    ['non-finite', 'exploding', 'loss-diverging'],
  );
  for (const code of FINDING_CODES) assert.ok(['error', 'warning'].includes(RULE_SEVERITY[code]), code);
  assert.equal(DEFAULT_THRESHOLDS.explodingRatio, 10);
});

test('healthy statistics: no findings', () => {
  const layers = [info('a', 'relu'), info('b')];
  assert.deepEqual(evaluateHealth(layers, [step(0, 1, [stats('a', 0.5, { deadShare: 0.1 }), stats('b', 0.8)]), step(1, 0.9, [stats('a', 0.4), stats('b', 0.7)])]), []);
});

test('vanishing: below 1e-3 × the largest layer AND below 1e-4 absolute, with location and message', () => {
  const layers = [info('first', 'sigmoid', 3), info('mid', 'relu', 4), info('last', undefined, 5)];
  const findings = evaluateHealth(layers, [step(0, 1, [stats('first', 9e-5), stats('mid', 5e-4), stats('last', 1)])]);
  assert.deepEqual(codes(findings), ['vanishing:first']);
  const [f] = findings;
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.location, { file: '/m.js', line: 3, column: 5 });
  assert.equal(f.step, 0);
  assert.match(f.message, /‖g‖ = 9\.0e-5 at first \(step 0\)/);
  assert.match(f.message, /the largest layer \(last, 1\)/);
  assert.match(f.message, /sigmoid layer multiplies the backward signal/);
  // All layers tiny but comparable: the relative condition fails, so not vanishing.
  assert.deepEqual(evaluateHealth(layers, [step(0, 1, [stats('first', 5e-5), stats('mid', 5e-5), stats('last', 1e-2)])]), []);
  // A non-saturating activation gets the initialization advice instead.
  assert.match(evaluateHealth(layers, [step(0, 1, [stats('mid', 1e-9), stats('last', 1)])])[0].message, /He for ReLU/);
});

test('vanishing is not read from a normalization layer\'s own γ/β (sums of its output gradient that cancel); a weight layer with the same gradient still is', () => {
  // kx-siamese-contrastive: a BatchNormalization over raw pixels whose 2 weights' ‖g‖ dipped to 4.9e-5 at one step,
  // while the conv layer above it got 0.02–1 at every step.
  const bn = (className: string): LayerInfo => ({ ...info('norm', undefined, 3), className, weights: [{ name: 'norm/gamma', shape: [1], trainable: true }, { name: 'norm/beta', shape: [1], trainable: true }] });
  const run = (layer: LayerInfo) =>
    evaluateHealth([layer, info('conv', 'tanh', 4), info('out', 'sigmoid', 5)], [step(0, 0.3, [stats('norm', 1e-2), stats('conv', 0.5), stats('out', 0.1)]), step(1, 0.2, [stats('norm', 4.9e-5), stats('conv', 0.4), stats('out', 0.1)])]);
  for (const className of ['BatchNormalization', 'LayerNormalization']) assert.deepEqual(codes(run(bn(className))), [], className);
  // Near miss: a Dense layer with exactly these gradients is vanishing at the last step.
  assert.deepEqual(codes(run({ ...bn('BatchNormalization'), className: 'Dense' })), ['vanishing:norm']);
});

test('vanishing by mean |g| < 1e-7 alone; judged at every step: resolved by the end = info, arising later = warning', () => {
  const layers = [info('a'), info('b')];
  const tinyMean = stats('a', 1e-3, {}, { meanAbs: 5e-8 });
  assert.deepEqual(codes(evaluateHealth(layers, [step(0, 1, [tinyMean, stats('b', 2e-3)])])), ['vanishing:a']);
  const resolved = evaluateHealth(layers, [step(0, 1, [tinyMean, stats('b', 2e-3)]), step(1, 0.9, [stats('a', 1), stats('b', 1)])]);
  assert.deepEqual(codes(resolved), ['vanishing:a']);
  assert.equal(resolved[0].severity, 'info');
  assert.match(resolved[0].message, /at step 0, resolved by step 1/);
  const later = evaluateHealth(layers, [step(0, 1, [stats('a', 1), stats('b', 1)]), step(1, 1, [tinyMean, stats('b', 2e-3)])]);
  assert.deepEqual(later.map((f) => `${f.code}:${f.layer}:${f.severity}:${f.step}`), ['vanishing:a:warning:1']);
});

test('vanishing is not judged at a step whose loss has fallen 1000× (the batch is fitted: no gradient by design); a loss 100× down, or flat, still is', () => {
  const layers = [info('a', 'relu', 3), info('b', 'relu', 4), info('out', undefined, 5)];
  // Every layer's gradient collapses as the loss reaches 0 (tfe-bc09f95-fixed: cross-entropy 1.9e3 → 0 in 13 steps).
  const collapsed = (n: number, loss: number) => step(n, loss, [stats('a', 1e-10, {}, { meanAbs: 1e-13 }), stats('b', 1e-9, {}, { meanAbs: 1e-12 }), stats('out', 1e-8, {}, { meanAbs: 1e-11 })]);
  const start = step(0, 1900, [stats('a', 400), stats('b', 300), stats('out', 700)]);
  const fitted = evaluateHealth(layers, [start, step(1, 30, [stats('a', 5), stats('b', 4), stats('out', 6)]), collapsed(2, 0), collapsed(3, 0)]);
  assert.deepEqual(fitted.filter((f) => f.code === 'vanishing'), [], codes(fitted).join());
  assert.deepEqual(codes(evaluateHealth(layers, [start, collapsed(1, 1900 * 1e-3)])).filter((c) => c.startsWith('vanishing')), [], 'exactly 1000× down');
  // Near misses: the same gradients with the loss only 100× down, or not falling, are vanishing.
  const notFitted = evaluateHealth(layers, [start, collapsed(1, 19), collapsed(2, 19)]);
  assert.deepEqual(notFitted.filter((f) => f.code === 'vanishing').map((f) => `${f.layer}:${f.severity}`), ['a:warning']);
  const unbounded = evaluateHealth(layers, [start, collapsed(1, -5), collapsed(2, -50)]);
  assert.deepEqual(unbounded.filter((f) => f.code === 'vanishing').map((f) => `${f.layer}:${f.severity}`), ['a:warning'], 'a loss gone below 0 has no floor: not fitted');
  const flat = evaluateHealth(layers, [step(0, 2.3, [stats('a', 1e-10, {}, { meanAbs: 1e-13 }), stats('b', 0.5), stats('out', 1)]), step(1, 2.3, [stats('a', 1e-10, {}, { meanAbs: 1e-13 }), stats('b', 0.5), stats('out', 1)])]);
  assert.deepEqual(flat.filter((f) => f.code === 'vanishing').map((f) => `${f.layer}:${f.severity}`), ['a:warning']);
});

test('exploding: ‖g‖ ≥ 1e5 or ‖g‖/‖w‖ > 10', () => {
  const layers = [info('a'), info('b'), info('c')];
  const findings = evaluateHealth(layers, [
    step(0, 1, [stats('a', 1e5, {}, { weightNorm: 1e9 }), stats('b', 11, {}, { weightNorm: 1 }), stats('c', 9, {}, { weightNorm: 1 })]),
  ]);
  // One finding for the cause, at the layer with the largest ‖g‖; the other layer as related.
  assert.deepEqual(codes(findings), ['exploding:a']);
  assert.equal(findings[0].severity, 'error');
  assert.deepEqual(findings[0].related?.map((r) => r.layer), ['b']);
  assert.match(findings[0].related![0].message, /‖g‖\/‖w‖ 11/);
  // A layer norm over several weights: ‖w‖ = √(3² + 4²) = 5, ‖g‖ = 40 → ratio 8, not exploding.
  const two: LayerStepStats = { name: 'a', gradNorm: 40, weights: [w('a/kernel', 40, { weightNorm: 3 }), w('a/bias', 0, { weightNorm: 4 })] };
  assert.deepEqual(evaluateHealth([info('a')], [step(0, 1, [two])]), []);
  assert.deepEqual(codes(evaluateHealth([info('a')], [step(0, 1, [two])], { explodingRatio: 5 })), ['exploding:a']);
});

test('exploding: the message gives the update the optimizer really made from the peak gradient when the next step measured it', () => {
  // ‖g‖/‖w‖ = 20 at step 0; under Adam the next update moved the weights by 2e-3 of their norm, not 20 × the rate.
  const peak = stats('a', 20, {}, { weightNorm: 1 });
  const measured = evaluateHealth([info('a')], [step(0, 1, [peak]), step(1, 1, [stats('a', 0.5, { updateRatio: 2e-3 }, { weightNorm: 1 })])]);
  assert.match(measured[0].message, /‖g‖\/‖w‖ = 20 \(the optimizer's step from it changed the weights by 2\.0e-3 of their norm; ~1e-3 is healthy\)/);
  // Without a measured update (the last profiled step) the SGD-at-1e-3 reading stays.
  const unmeasured = evaluateHealth([info('a')], [step(0, 1, [peak])]);
  assert.match(unmeasured[0].message, /a plain SGD step at a reference rate of 1e-3 \(not necessarily yours\) would change the weights by 0\.02 of their norm/);
});

test('dead ReLU at ≥ 70 % dead units; saturation above 50 %', () => {
  const layers = [info('r', 'relu'), info('s', 'sigmoid'), info('t', 'tanh')];
  const findings = evaluateHealth(layers, [
    step(0, 1, [stats('r', 0.5, { deadShare: 0.7 }), stats('s', 0.5, { saturatedShare: 0.51 }), stats('t', 0.5, { saturatedShare: 0.5 })]),
  ]);
  assert.deepEqual(codes(findings), ['dead-relu:r', 'saturation:s']);
  assert.match(findings[0].message, /70 % of r's units output 0/);
  assert.match(findings[1].message, /51 % of s's outputs sit in the flat tails of sigmoid/);
  assert.deepEqual(evaluateHealth(layers, [step(0, 1, [stats('r', 0.5, { deadShare: 0.69 })])]), []);
});

test('each code is reported once per layer, at the first step it applies', () => {
  const layers = [info('r', 'relu')];
  const findings = evaluateHealth(layers, [step(0, 1, [stats('r', 0.5, { deadShare: 0.2 })]), step(1, 1, [stats('r', 0.5, { deadShare: 0.9 })]), step(2, 1, [stats('r', 0.5, { deadShare: 1 })])]);
  assert.deepEqual(codes(findings), ['dead-relu:r']);
  assert.equal(findings[0].step, 1);
});

test('non-finite gradients without a located origin: one finding per layer with NaN/Inf', () => {
  const layers = [info('a'), info('b')];
  const findings = evaluateHealth(layers, [step(0, NaN, [stats('a', NaN, {}, { nanCount: 3, infCount: 1 }), stats('b', 1)])]);
  assert.deepEqual(codes(findings), ['non-finite:a']);
  assert.match(findings[0].message, /4 NaN\/Inf values at step 0/);
  assert.equal(findings[0].severity, 'error');
});

test('non-finite with a located origin: exactly one finding, on the origin layer (or the compile() line for the loss)', () => {
  const layers = [info('a', undefined, 7), info('b', undefined, 8)];
  const records = [step(0, NaN, [stats('a', NaN, {}, { nanCount: 1 }), stats('b', NaN, {}, { nanCount: 2 })])];
  const forward = evaluateHealth(layers, records, {}, { step: 0, layer: 'b', pass: 'forward' });
  assert.deepEqual(codes(forward), ['non-finite:b']);
  assert.equal(forward[0].location?.line, 8);
  assert.match(forward[0].message, /in the forward pass/);
  // Only the loss is non-finite: the compile() call that chose it, the output layer (b) it reads related.
  const compileLocation = { file: '/m.js', line: 12, column: 7 };
  const outputs = [{ layer: 'b', loss: 'custom', units: 1, labelMeanSquare: 1, labelVariance: 1 }];
  const loss = evaluateHealth(layers, records, {}, { step: 0, layer: '', pass: 'loss' }, { compileLocation, outputs });
  assert.deepEqual(codes(loss), ['non-finite:-']);
  assert.equal(loss[0].location?.line, 12);
  assert.deepEqual(loss[0].related?.map((r) => [r.layer, r.location?.line]), [['b', 8]]);
  assert.match(loss[0].message, /in the loss/);
  // Without a compile() line (an uncompiled model we compiled), the output layer itself.
  const bare = evaluateHealth(layers, records, {}, { step: 0, layer: '', pass: 'loss' }, { outputs });
  assert.equal(bare[0].location?.line, 8);
  // NaN in the batch itself (a forward origin no layer owns): the line that made the inputs.
  const dataLocations = { inputs: [{ file: '/m.js', line: 3, column: 1 }] };
  const batch = evaluateHealth(layers, records, {}, { step: 0, layer: '', pass: 'forward' }, { compileLocation, outputs, dataLocations });
  assert.deepEqual(codes(batch), ['non-finite:-']);
  assert.equal(batch[0].location?.line, 3);
  assert.match(batch[0].message, /in the batch itself/);
});

test('exploding beside a diverging loss is an error, not "large but stable", even when the last step is lower than the first', () => {
  const layers = [info('a')];
  // ‖g‖ 1e6 (≥ explodingNorm) every step; the loss climbs ×2000 at step 1, then ends below its start.
  const l = (n: number, loss: number) => step(n, loss, [stats('a', 1e6)]);
  const findings = evaluateHealth(layers, [l(0, 0.5), l(1, 1000), l(2, 0.1)]);
  assert.deepEqual(codes(findings), ['exploding:a', 'loss-diverging:-']);
  const exploding = findings[0];
  assert.equal(exploding.severity, 'error');
  assert.doesNotMatch(exploding.message, /large but stable|no action needed/);
  assert.match(exploding.message, /The loss fell from 0\.5 to 0\.1 over 2 steps, after climbing to 1\.0e3 at step 1\./);
  // Near miss: the same gradients with a loss that falls steadily stay an information.
  const steady = evaluateHealth(layers, [l(0, 0.5), l(1, 0.3), l(2, 0.1)]);
  assert.deepEqual(steady.map((f) => `${f.code}:${f.severity}`), ['exploding:info']);
  assert.match(steady[0].message, /large but stable updates, no action needed/);
});

test('loss diverging: ×1000 growth or a non-finite loss after step 0', () => {
  const layers = [info('a')];
  const l = (n: number, loss: number) => step(n, loss, [stats('a', 0.5)]);
  const grown = evaluateHealth(layers, [l(0, 0.5), l(1, 10), l(2, 500)]);
  assert.deepEqual(codes(grown), ['loss-diverging:-']);
  assert.equal(grown[0].step, 2);
  assert.match(grown[0].message, /from 0\.5 to 500 by step 2/);
  assert.deepEqual(codes(evaluateHealth(layers, [l(0, 0.5), l(1, Infinity)])), ['loss-diverging:-']);
  assert.deepEqual(evaluateHealth(layers, [l(0, 0.5), l(1, 400)]), []);
  assert.deepEqual(codes(evaluateHealth(layers, [l(0, 0.5), l(1, 400)], { explodingLossGrowth: 100 })), ['loss-diverging:-']);
  // Under tfjs's Adadelta the message says it is SGD at its rate; under other optimizers it says nothing of the kind.
  assert.match(evaluateHealth(layers, [l(0, 0.5), l(1, 10), l(2, 500)], {}, undefined, { optimizer: 'Adadelta' })[0].message, /Adadelta steps exactly learning rate × gradient/);
  assert.doesNotMatch(evaluateHealth(layers, [l(0, 0.5), l(1, 10), l(2, 500)], {}, undefined, { optimizer: 'Adam' })[0].message, /Adadelta/);
});

test('layers without weights are ignored by the gradient rules', () => {
  const layers = [info('flat'), info('a')];
  assert.deepEqual(evaluateHealth(layers, [step(0, 1, [{ name: 'flat', gradNorm: NaN, weights: [] }, stats('a', 1)])]), []);
});

test('a dead ReLU layer (zero gradient because it is dead) is reported dead, not also vanishing', () => {
  const layers = [info('r', 'relu'), info('h', 'softmax')];
  const deadAndZero = evaluateHealth(layers, [step(0, 1, [stats('r', 0, { deadShare: 1 }), stats('h', 0.5)])]);
  assert.deepEqual(codes(deadAndZero), ['dead-relu:r']);
  // the same zero gradient without dead units is vanishing
  const zero = evaluateHealth(layers, [step(0, 1, [stats('r', 0, { deadShare: 0.1 }), stats('h', 0.5)])]);
  assert.deepEqual(codes(zero), ['vanishing:r']);
});
