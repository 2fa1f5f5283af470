// The rules over the profiled steps and the loss/output rules (src/core/layerRules.ts, lossRules.ts) on
// hand-made statistics: each case that must fire and its near miss, numbers against closed forms.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluateHealth, type StepRecord } from '../../src/core/health';
import { CLIP_FLOOR_LOSS } from '../../src/core/lossRules';
import type { LayerInfo, LayerStepStats, OutputInfo, WeightStats } from '../../src/core/protocol';

function w(name: string, gradNorm: number, opts: Partial<WeightStats> = {}): WeightStats {
  return { name, gradNorm, meanAbs: gradNorm / 10, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 1, ratio: gradNorm, histogram: [], ...opts };
}
const info = (name: string, activation?: string, line = 10, size = 100): LayerInfo => ({
  name,
  className: 'Dense',
  activation,
  location: { file: '/m.js', line, column: 5 },
  weights: [{ name: `${name}/kernel`, shape: [size], trainable: true }],
});
const stats = (name: string, gradNorm: number, extra: Partial<LayerStepStats> = {}, wopts: Partial<WeightStats> = {}): LayerStepStats => ({
  name,
  gradNorm,
  weights: [w(`${name}/kernel`, gradNorm, wopts)],
  ...extra,
});
const step = (n: number, loss: number, layers: LayerStepStats[], regLoss?: number): StepRecord => ({ step: n, loss, layers, ...(regLoss !== undefined ? { regLoss } : {}) });
const serious = (f: { severity: string }) => f.severity !== 'info';
const output = (layer: string, activation: string, loss: string, units: number, labelMeanSquare = 0.1): OutputInfo => ({ layer, activation, loss, units, labelMeanSquare, labelVariance: labelMeanSquare });
/** A loss curve falling from `from` by `rate` per step. */
const falling = (n: number, from = 2, rate = 0.9) => Array.from({ length: n + 1 }, (_, i) => from * rate ** i);

test('L2 + deep sigmoid: the data gradient vanishes while the penalty gradient looks healthy; both reported', () => {
  const layers = [info('sig0', 'sigmoid', 3), info('sig1', 'sigmoid', 4), info('head', 'softmax', 5)];
  const at = (n: number) => step(n, 1.5 - n * 0.01, [stats('sig0', 2e-9, { regGradNorm: 0.08 }, { regGradNorm: 0.08 }), stats('sig1', 3e-7, { regGradNorm: 0.09 }), stats('head', 0.7)], 0.4);
  const findings = evaluateHealth(layers, [0, 1, 2].map(at));
  const vanishing = findings.filter((f) => f.code === 'vanishing');
  assert.equal(vanishing.length, 1, 'one finding for the sigmoid stack');
  assert.equal(vanishing[0].layer, 'sig0');
  assert.equal(vanishing[0].severity, 'warning');
  assert.match(vanishing[0].message, /2 sigmoid layers at lines 3–4/);
  assert.match(vanishing[0].message, /penalty's gradient is 0\.08/);
  assert.deepEqual(vanishing[0].related?.map((r) => r.layer), ['sig1']);
  assert.match(vanishing[0].related![0].message, /penalty's gradient is 0\.09/);
  // Per-layer shrink factor, closed form: (2e-9 / 0.7)^(1/2) over the two hops from head to sig0.
  assert.match(vanishing[0].message, new RegExp(`shrinks ×${Number(Math.sqrt(2e-9 / 0.7).toPrecision(2)).toExponential(1).replace('e+', 'e')} per layer`));
});

test('14 sigmoid layers shrinking ×0.25 each: one finding, 13 related layers, factor and ends in the message', () => {
  const layers = [...Array.from({ length: 14 }, (_, i) => info(`sig${i}`, 'sigmoid', 10 + Math.min(i, 2))), info('head', 'softmax', 13)];
  const norms = (i: number) => 0.25 ** (14 - i); // head at 1
  const record = step(0, 2, [...Array.from({ length: 14 }, (_, i) => stats(`sig${i}`, norms(i))), stats('head', 1)]);
  const findings = evaluateHealth(layers, [record]).filter((f) => f.code === 'vanishing');
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.layer, 'sig0');
  assert.equal(f.location?.line, 10);
  assert.match(f.message, /sigmoid layers at lines 10–12: the data loss's ‖g‖ shrinks ×0\.25 per layer, from 1 at head to 3\.7e-9 at sig0 \(line 10\)/);
  // Vanishing: ‖g‖ < 1e-4 and < 1e-3 × 1 → 0.25^(14−i) < 1e-4 ⇔ 14 − i ≥ 7 ⇔ i ≤ 7: 8 layers, 7 related.
  assert.match(f.message, /^8 sigmoid layers/);
  assert.equal(f.related?.length, 7);
});

test('tanh on unscaled inputs just over the saturation share, loss falling: info, not a warning', () => {
  const layers = [info('hidden', 'tanh', 8), info('out', undefined, 9)];
  const losses = falling(20, 1.1, 0.9);
  const steps = losses.map((l, n) => step(n, l, [stats('hidden', 0.3, { saturatedShare: 0.55 }), stats('out', 0.5)]));
  const findings = evaluateHealth(layers, steps);
  assert.deepEqual(findings.filter(serious), []);
  const note = findings.find((f) => f.code === 'saturation')!;
  assert.equal(note.severity, 'info');
  assert.match(note.message, /55 % of hidden's outputs/);
  assert.match(note.message, /the loss fell from 1\.1 to 0\.13 over 20 steps/);
  // The same share with a flat loss, or ≥ 90 % saturated, is a warning.
  const flat = evaluateHealth(layers, steps.map((s) => ({ ...s, loss: 1.1 })));
  assert.equal(flat.find((f) => f.code === 'saturation')?.severity, 'warning');
  const severe = evaluateHealth(layers, steps.map((s) => ({ ...s, layers: [stats('hidden', 0.3, { saturatedShare: 0.95 }), stats('out', 0.5)] })));
  assert.equal(severe.find((f) => f.code === 'saturation')?.severity, 'warning');
});

test('zero-initialised output layer: exact zeros below it at step 0 are not vanishing, its ratio not exploding', () => {
  const layers = [info('h1', 'relu', 6), info('h2', 'relu', 7), info('out', 'softmax', 8)];
  const zero = { meanAbs: 0, maxAbs: 0 };
  const s0 = step(0, Math.log(10), [stats('h1', 0, { deadShare: 0.2 }, zero), stats('h2', 0, { deadShare: 0.2 }, zero), stats('out', 0.5, {}, { weightNorm: 0, ratio: Infinity })]);
  const s1 = step(1, 2.2, [stats('h1', 2e-3, { deadShare: 0.2 }), stats('h2', 3e-3, { deadShare: 0.2 }), stats('out', 0.5, {}, { weightNorm: 0.003 })]);
  const findings = evaluateHealth(layers, [s0, s1], {}, undefined, { outputs: [output('out', 'softmax', 'categoricalCrossentropy', 10)] });
  assert.deepEqual(findings, []);
  // Step 0 alone: nothing to judge below the zero layer yet — still no vanishing.
  assert.deepEqual(evaluateHealth(layers, [s0]), []);
  // Exact zeros without a zero layer above are vanishing.
  const s0b = { ...s0, layers: [s0.layers[0], s0.layers[1], stats('out', 0.5)] };
  assert.deepEqual(evaluateHealth(layers, [s0b]).map((f) => f.code), ['vanishing']);
});

test('tiny-weight linear regression: large ‖g‖/‖w‖ at init while the loss falls is info, never an error', () => {
  const layers = [info('linear', undefined, 8, 1)];
  const losses = falling(20, 14, 0.8);
  const steps = losses.map((l, n) => step(n, l, [stats('linear', n === 0 ? 8.3 : 8.3 * 0.8 ** n, {}, { weightNorm: n === 0 ? 0.016 : 0.5 + n * 0.1 })]));
  const findings = evaluateHealth(layers, steps);
  assert.deepEqual(findings.filter(serious), []);
  assert.match(findings.find((f) => f.code === 'exploding')!.message, /‖g‖\/‖w‖ = 520.*the loss fell from 14/);
  // Weights below zeroWeightRms: no ratio is judged at all.
  assert.deepEqual(evaluateHealth(layers, [step(0, 14, [stats('linear', 8.3, {}, { weightNorm: 0.005 })])]), []);
  // The same ratio with a loss that does not fall, still large at the end: error.
  const stuck = evaluateHealth(layers, losses.map((_, n) => step(n, 14, [stats('linear', 8.3, {}, { weightNorm: 0.016 })])));
  assert.equal(stuck.find((f) => f.code === 'exploding')?.severity, 'error');
});

test('root cause: layers without gradient below a dead layer point at it', () => {
  const layers = [info('a', 'relu', 6), info('b', 'relu', 7), info('dead', 'relu', 8), info('out', 'softmax', 9)];
  const record = step(0, 1, [stats('a', 0, { deadShare: 0.1 }, { meanAbs: 0 }), stats('b', 0, { deadShare: 0 }, { meanAbs: 0 }), stats('dead', 0, { deadShare: 1 }, { meanAbs: 0 }), stats('out', 0.4)]);
  const findings = evaluateHealth(layers, [record]);
  assert.deepEqual(findings.map((f) => `${f.code}:${f.layer}`), ['dead-relu:dead', 'vanishing:a']);
  const vanishing = findings[1];
  assert.equal(vanishing.cause?.layer, 'dead');
  assert.equal(vanishing.cause?.location?.line, 8);
  assert.match(vanishing.message, /No gradient reaches 2 layers at lines 6–7: the dense layer dead \(line 8\) is dead \(100 % of its units output 0\)/);
  assert.deepEqual(vanishing.related?.map((r) => r.layer), ['b']);
});

test('conditions that resolve are info; after the first NaN/Inf no step is evidence', () => {
  const layers = [info('r', 'relu', 6), info('out', 'softmax', 7)];
  const s = (n: number, dead: number, loss = 1 - n * 0.05) => step(n, loss, [stats('r', 0.3, { deadShare: dead }), stats('out', 0.5)]);
  const resolved = evaluateHealth(layers, [s(0, 0.8), s(1, 0.75), s(2, 0.4), s(3, 0.3)]);
  assert.deepEqual(resolved.map((f) => `${f.code}:${f.severity}`), ['dead-relu:info']);
  assert.match(resolved[0].message, /at step 0, resolved by step 3/);
  // NaN gradients at step 0: the update writes NaN into the weights, so step 1's "all dead" is no evidence.
  const nanAt0 = [step(0, 1, [stats('r', NaN, { deadShare: 0.1 }, { nanCount: 4 }), stats('out', NaN, {}, { nanCount: 2 })]), s(1, 1), s(2, 1), s(3, 1)];
  const findings = evaluateHealth(layers, nanAt0);
  assert.deepEqual(findings.map((f) => f.code), ['non-finite']);
  assert.equal(findings[0].layer, 'r');
  assert.equal(findings[0].related?.[0].layer, 'out');
});

test('initial loss: ln C for a C-class softmax cross-entropy (closed form), ln 2 for a sigmoid, E[y²] for MSE', () => {
  const run = (loss0: number, out: OutputInfo) => evaluateHealth([info('out', out.activation, 9)], [step(0, loss0, [stats('out', 0.5)])], {}, undefined, { outputs: [out] }).filter((f) => f.code === 'initial-loss');
  const ce = output('out', 'softmax', 'categoricalCrossentropy', 10);
  assert.deepEqual(run(Math.log(10), ce), []);
  assert.deepEqual(run(2 * Math.log(10) - 1e-6, ce), []);
  const far = run(5, ce);
  assert.equal(far.length, 1);
  assert.equal(far[0].severity, 'warning');
  assert.match(far[0].message, /is 5, 2\.2× its expected value ≈ 2\.3 \(ln 10 for 10 classes\)/);
  assert.match(run(1.5, output('out', 'sigmoid', 'binaryCrossentropy', 1))[0].message, /≈ 0\.69 \(ln 2/);
  assert.deepEqual(run(1.3, output('out', 'sigmoid', 'binaryCrossentropy', 1)), []);
  const mse = output('out', 'linear', 'meanSquaredError', 1, 4);
  assert.deepEqual(run(40, mse), []); // ≤ 10 × (4 + 1)
  assert.match(run(60, mse)[0].message, /E\[y²\] = 4/);
  assert.deepEqual(run(100, output('out', 'linear', 'myLoss', 1)), [], 'unknown loss: no expectation');
});

test('initial loss of a custom loss read as a built-in cross-entropy (runner/lossIdentity.ts): −ln(1/C) on logits, ln 2 for a sigmoid; unidentified stays unknown', () => {
  const run = (loss0: number, out: OutputInfo) => evaluateHealth([info('out', out.activation, 9)], [step(0, loss0, [stats('out', 0.5)])], {}, undefined, { outputs: [out] }).filter((f) => f.code === 'initial-loss');
  const logits = { ...output('out', 'linear', 'softmaxCrossEntropyWithLogits', 10), lossIdentity: { equals: 'softmaxCrossEntropy' as const, atUniform: Math.log(10) } };
  const far = run(900, logits);
  assert.equal(far.length, 1);
  assert.equal(far[0].severity, 'warning');
  assert.match(far[0].message, /is 900, 390× its expected value ≈ 2\.3 \(−ln\(1\/10\) for 10 classes: softmaxCrossEntropyWithLogits gives softmaxCrossEntropy's values\); above 4\.6/);
  // Near misses: a start within 2 × ln C, and the same loss not identified (a sum over the batch, another loss).
  assert.deepEqual(run(2 * Math.log(10) - 1e-6, logits), []);
  assert.deepEqual(run(900, output('out', 'linear', 'softmaxCrossEntropyWithLogits', 10)), []);
  const sigmoid = { ...output('out', 'linear', 'logitLoss', 1), lossIdentity: { equals: 'sigmoidCrossEntropy' as const, atUniform: Math.log(2) } };
  assert.match(run(1.5, sigmoid)[0].message, /≈ 0\.69 \(ln 2 for an output starting near 0\.5: logitLoss gives sigmoidCrossEntropy's values\)/);
  assert.deepEqual(run(1.3, sigmoid), []);
});

test('saturated output at init: loss at the clip floor; explains the initial loss and the flat curve', () => {
  const layers = [info('h', 'relu', 8), info('out', 'softmax', 10)];
  const floor = 0.9 * CLIP_FLOOR_LOSS;
  const steps = Array.from({ length: 21 }, (_, n) => step(n, floor, [stats('h', 0, { deadShare: 0.1 }, { meanAbs: 0 }), stats('out', 0, { saturatedShare: 0.97 }, { meanAbs: 0 })]));
  const findings = evaluateHealth(layers, steps, {}, undefined, { outputs: [output('out', 'softmax', 'categoricalCrossentropy', 10)] });
  assert.deepEqual(findings.map((f) => `${f.code}:${f.layer ?? '-'}:${f.severity}`), ['vanishing:h:warning', 'saturated-output:out:warning']);
  const sat = findings[1];
  assert.match(sat.message, /97 % of the examples get a softmax output above 0\.99 at step 0/);
  assert.match(sat.message, /the loss starts at 15 \(expected ≈ 2\.3, ln 10 for 10 classes; a confidently wrong example costs 16, the clip floor\) and stays flat through step 20/);
  assert.equal(findings[0].cause?.layer, 'out', 'the layer below points at the saturated output');
  assert.ok(Math.abs(CLIP_FLOOR_LOSS - 16.118) < 1e-3);
  // Near miss: a third of the examples confident at init.
  const mild = steps.map((_, n) => step(n, 2.3 - n * 0.05, [stats('h', 0.2), stats('out', 0.5, { saturatedShare: 0.3 })]));
  assert.deepEqual(evaluateHealth(layers, mild, {}, undefined, { outputs: [output('out', 'softmax', 'categoricalCrossentropy', 10)] }), []);
});

test('output activation vs loss: MSE on softmax warns; CE on ReLU with NaN is that cause, not non-finite + dead ReLU', () => {
  const layers = [info('hidden', 'relu', 8), info('out', 'relu', 9)];
  const mse = evaluateHealth([info('out', 'softmax', 9)], [step(0, 0.18, [stats('out', 0.1)])], {}, undefined, { outputs: [output('out', 'softmax', 'meanSquaredError', 5)] });
  assert.deepEqual(mse.map((f) => `${f.code}:${f.severity}`), ['output-activation:warning']);
  assert.match(mse[0].message, /meanSquaredError on a softmax output/);
  const nan = [step(0, 16, [stats('hidden', NaN, { deadShare: 0.2 }, { nanCount: 5 }), stats('out', NaN, { deadShare: 1 }, { nanCount: 3 })]), step(1, NaN, [stats('hidden', NaN, { deadShare: 1 }), stats('out', NaN, { deadShare: 1 })])];
  const ce = evaluateHealth(layers, nan, {}, { step: 0, layer: 'out', pass: 'backward' }, { outputs: [output('out', 'relu', 'categoricalCrossentropy', 3)] });
  assert.deepEqual(ce.map((f) => `${f.code}:${f.layer}:${f.severity}`), ['output-activation:out:error']);
  assert.match(ce[0].message, /NaN\/Inf in the loss or its gradient from step 0, caused by the output activation: categoricalCrossentropy expects class probabilities but the output layer's activation is relu/);
  // Near misses: the pairs that fit.
  for (const [act, loss] of [['softmax', 'categoricalCrossentropy'], ['softmax', 'sparseCategoricalCrossentropy'], ['sigmoid', 'binaryCrossentropy'], ['linear', 'meanSquaredError'], ['sigmoid', 'meanSquaredError']]) {
    const ok = evaluateHealth([info('out', act, 9)], [step(0, 0.5, [stats('out', 0.1)])], {}, undefined, { outputs: [output('out', act, loss, 3)] });
    assert.deepEqual(ok.filter((f) => f.code === 'output-activation'), [], `${act} + ${loss}`);
  }
});

test('loss not decreasing: stuck and rising warn, slow is info; a falling loss passes', () => {
  const layers = [info('a')];
  const curve = (losses: number[]) => evaluateHealth(layers, losses.map((l, n) => step(n, l, [stats('a', 0.5)]))).filter((f) => f.code === 'loss-not-decreasing');
  const stuck = curve(Array(21).fill(2.302));
  assert.equal(stuck[0].severity, 'warning');
  assert.match(stuck[0].message, /stuck: it stays at 2\.3 \(range 0\) over 20 optimizer steps/);
  assert.equal(curve(Array.from({ length: 21 }, (_, i) => 1 + i * 0.02))[0].severity, 'warning');
  const slow = curve(Array.from({ length: 21 }, (_, i) => 2 - i * 0.0005));
  assert.equal(slow[0].severity, 'info');
  assert.match(slow[0].message, /falls slowly: 2 → 2 \(0\.5 %\) over 20 steps/);
  assert.deepEqual(curve(falling(20)), []);
  assert.deepEqual(curve([2, 2, 2]), [], 'too few steps to judge');
});

test('oscillating loss on a fixed batch warns; a noisy but falling curve does not', () => {
  const layers = [info('a')];
  const curve = (losses: number[]) => evaluateHealth(layers, losses.map((l, n) => step(n, l, [stats('a', 0.5)])));
  const bouncing = curve([13.6, 1.3, 17.6, 3.1, 8, 12.3, 0.14, 12.8, 4.1, 4.4, 10.8, 0.14, 9.1, 4.7, 2.1, 8.9, 0.37, 5.9, 4.7, 0.79, 7]);
  assert.deepEqual(bouncing.map((f) => `${f.code}:${f.severity}`), ['loss-oscillating:warning']);
  assert.match(bouncing[0].message, /changed direction 15 times in 20 steps/);
  const noisy = falling(20).map((l, i) => l * (1 + (i % 2 ? 0.02 : -0.02)));
  assert.deepEqual(curve(noisy), []);
});

test('overfit one batch: passes at ≤ 10 % of the first loss, fails above', () => {
  const layers = [info('a')];
  const run = (losses: number[]) => evaluateHealth(layers, [step(0, 1, [stats('a', 0.5)])], {}, undefined, { overfit: { batchSize: 8, losses } }).filter((f) => f.code === 'overfit-batch');
  const pass = run(falling(50, 2.3, 0.9)); // the runner stops at the first step that passes; any curve ending low passes
  assert.equal(pass[0].severity, 'info');
  assert.match(pass[0].message, /passed: 50 steps on 8 examples drove the loss from 2\.3 to 0\.012/);
  const fail = run(falling(50, 2.3, 0.99));
  assert.equal(fail[0].severity, 'warning');
  assert.match(fail[0].message, /failed: 50 steps on only 8 examples took the loss from 2\.3 to 1\.4/);
  assert.equal(run([2.3, NaN])[0].severity, 'warning');
});

test('dead ReLU that persists: info while the loss falls, warning when (nearly) all dead or the loss is flat', () => {
  const layers = [info('h1', 'relu', 6), info('h2', 'relu', 7), info('out', undefined, 8)];
  const run = (dead: number, losses: number[]) => evaluateHealth(layers, losses.map((l, n) => step(n, l, [stats('h1', 10, { deadShare: 0.4 }), stats('h2', 60, { deadShare: dead }), stats('out', 30)]))).filter((f) => f.code === 'dead-relu');
  const falling20 = Array.from({ length: 21 }, (_, i) => 504 - i * 17);
  const lost = run(0.8, falling20);
  assert.equal(lost[0].severity, 'info');
  assert.match(lost[0].message, /lost capacity, but the rest train: the loss fell from 500 to 160 over 20 steps/);
  assert.equal(run(0.96, falling20)[0].severity, 'warning');
  assert.equal(run(0.8, Array(21).fill(500))[0].severity, 'warning');
});

test('initial loss far above ln C that the steps repair is info', () => {
  const layers = [info('out', 'softmax', 9)];
  const losses = [8.1, 6.3, 4.6, 4.2, 3.8, 3.3, 3.2];
  const findings = evaluateHealth(layers, losses.map((l, n) => step(n, l, [stats('out', 0.5)])), {}, undefined, { outputs: [output('out', 'softmax', 'categoricalCrossentropy', 10)] });
  assert.deepEqual(findings.map((f) => `${f.code}:${f.severity}`), ['initial-loss:info']);
  assert.match(findings[0].message, /3\.5× its expected value ≈ 2\.3.*resolved within the profiled steps/);
});

test('models with dropout: the curve rules read the inference-mode loss, not the noisy training loss', () => {
  const layers = [info('a')];
  const noisy = [0.94, 1.0, 0.87, 0.91, 0.9, 0.83, 1.03, 0.93, 0.93, 0.69, 0.85, 0.82, 0.84, 0.93, 0.75, 0.8, 0.91, 0.82, 0.71, 0.81, 0.75];
  const withoutEval = evaluateHealth(layers, noisy.map((l, n) => step(n, l, [stats('a', 0.5)])));
  assert.deepEqual(withoutEval.map((f) => f.code), ['loss-oscillating']);
  const withEval = evaluateHealth(layers, noisy.map((l, n) => ({ ...step(n, l, [stats('a', 0.5)]), evalLoss: 1.36 * 0.97 ** n })));
  assert.deepEqual(withEval, []);
});

test('vanishing does not "resolve" when the other layers collapse towards it: its own ‖g‖ must recover', () => {
  const layers = [info('sig0', 'sigmoid', 3), info('sig1', 'sigmoid', 4), info('head', 'softmax', 5)];
  // The head's gradient falls from 0.22 to 4e-4 (outputs settle on the class prior); sig0 stays ~1e-5.
  const steps = Array.from({ length: 21 }, (_, n) => step(n, 1.1, [stats('sig0', 1.5e-5 - n * 2e-7), stats('sig1', 6e-5), stats('head', 0.22 * 0.73 ** n)]));
  const findings = evaluateHealth(layers, steps).filter((f) => f.code === 'vanishing');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'warning');
  assert.equal(findings[0].layer, 'sig0');
});
