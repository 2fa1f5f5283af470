// A wrong initialisation judged by what it costs (core/initProbeRule.ts): the probe runs only for user-set initializers
// with a start far off (initial loss) or saturated; the warning needs the user's run to stay above where the default
// initialisation starts for all its steps (the hockey stick) AND the default copy to end clearly lower; otherwise the
// numbers come as information. Through the profile's messages, the warning replaces the step-0 initial-loss finding.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, evaluateHealth, type StepRecord } from '../../src/core/health';
import { INIT_MARGIN, INIT_PROBE_EVERY, initCost, initProbeReason, type InitProbe } from '../../src/core/initProbeRule';
import { ProfileEvidence } from '../../src/core/runEnd';
import type { LayerInfo, OutputInfo, RunnerMessage } from '../../src/core/protocol';

const t = DEFAULT_THRESHOLDS;
const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const layer = (name: string, line: number, activation: string): LayerInfo => ({ name, className: 'Dense', activation, location: at(line), weights: [{ name: `${name}/kernel`, shape: [8], trainable: true }] });
const layers = [layer('hidden', 5, 'tanh'), layer('out', 6, 'softmax')];
const output: OutputInfo = { layer: 'out', loss: 'categoricalCrossentropy', activation: 'softmax', units: 10, labelMeanSquare: 0.1 } as OutputInfo;
const weight = { name: 'k', gradNorm: 0.5, meanAbs: 0.1, maxAbs: 1, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 4, ratio: 0.1, histogram: [] };
/** A profile starting at `start` whose hidden layer has `saturated` of its outputs in the tails at step 0. */
const profile = (start: number, saturated = 0.1): StepRecord[] =>
  Array.from({ length: 21 }, (_, i) => ({ step: i, loss: start * 0.93 ** i, layers: [{ name: 'hidden', gradNorm: 0.5, weights: [weight], saturatedShare: saturated }, { name: 'out', gradNorm: 0.5, weights: [weight] }] }));
const run = (factor: number, losses: number[]): InitProbe => ({ factor, losses, every: INIT_PROBE_EVERY, rows: 128, batchSize: 32, layers: ['hidden', 'out'] });
// Shaped on makemore's all-N(0, 1) MLP (bench case nzh-mlp-original): from 27 the user's run is still at 13 after 40 steps,
// the default copy starts at 3.3 and reaches 2.9.
const hockey = [run(1, [27, 24, 21, 19, 17, 16, 15, 14, 13.5, 13.2, 13]), run(0, [3.3, 3.2, 3.15, 3.1, 3.05, 3, 3, 2.95, 2.9, 2.9, 2.9])];

test('the probe runs only for user-set initializers with a start far off or a re-drawn layer saturated', () => {
  assert.match(initProbeReason(profile(9.6), [output], ['out'], t) ?? '', /^the loss at initialization is 9\.6, 4\.2× its expected 2\.3 \(ln 10 for 10 classes\)$/);
  assert.match(initProbeReason(profile(2.4, 0.64), [output], ['hidden'], t) ?? '', /^64 % of hidden's outputs start in the flat tails/);
  assert.equal(initProbeReason(profile(2.4, 0.64), [output], ['out'], t), undefined, 'the saturated layer keeps its default initializer');
  assert.equal(initProbeReason(profile(9.6), [output], [], t), undefined, 'every layer default-initialised: nothing to compare with');
  assert.equal(initProbeReason(profile(4.5, 0.49), [output], ['hidden', 'out'], t), undefined, 'just under both bars (×2 of ln 10; half saturated)');
  assert.equal(initProbeReason(profile(9.6).map((s, i) => (i === 3 ? { ...s, loss: NaN } : s)), [output], ['out'], t), undefined, 'NaN is non-finite\'s to report');
});

test('the hockey stick: the user\'s run never gets below where the default starts, the copy ends clearly lower — a warning on the initializers\' lines', () => {
  const findings = evaluateHealth(layers, profile(27), undefined, undefined, { outputs: [output], initProbes: hockey });
  const init = findings.filter((f) => f.code === 'initial-loss');
  assert.equal(init.length, 1, 'replaces the step-0 finding: one finding for one fault');
  assert.equal(init[0].severity, 'warning');
  assert.deepEqual(init[0].location, at(5));
  assert.deepEqual(init[0].related?.map((r) => r.location), [at(6)]);
  assert.match(init[0].message, /^The initialisation costs training: the loss at initialization is 27, 12× its expected 2\.3/);
  assert.match(init[0].message, /40 steps took the loss of 128 rows neither run trained on no lower than 13 from your initial weights, and to 2\.9 with hidden, out drawn from tfjs's defaults instead \(Glorot-normal kernels, zero biases; 0\.22×\), which start at 3\.3: your run spent all 40 steps above where the default initialisation starts\./);
});

test('near misses: the user\'s run gets below the default\'s start (Nielsen\'s N(0, 1) net at η 3), or the copy is not clearly lower — information', () => {
  // bench nndl-network-ch1 (healthy): 0.46 against 0.35 (0.76×), but the user's run passed the default's start early.
  const repaired = [run(1, [1.6, 0.9, 0.7, 0.6, 0.55, 0.5, 0.48, 0.47, 0.46, 0.46, 0.46]), run(0, [1.2, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38, 0.36, 0.35, 0.35, 0.35])];
  const verdict = initCost(repaired);
  assert.equal(verdict?.costs, false);
  assert.ok(verdict.copyBest <= INIT_MARGIN * verdict.ownBest, 'clearly lower, yet no cost the user would notice after the first steps');
  const findings = evaluateHealth(layers, profile(2.4, 0.64), undefined, undefined, { outputs: [output], initProbes: repaired });
  const init = findings.find((f) => f.code === 'initial-loss');
  assert.equal(init?.severity, 'info');
  assert.match(init.message, /^The initialisation is off \(64 % of hidden's outputs start in the flat tails of its activation\) but costs no training measured here\. .*your run got below that start within the 40 steps\. No action needed\.$/);
  // Still above the default's start after every step, but the copy is not clearly lower (0.81× > INIT_MARGIN).
  const close = [run(1, [9, 6, 5, 4.5, 4.2, 4, 3.9, 3.8, 3.75, 3.72, 3.7]), run(0, [3.5, 3.4, 3.3, 3.2, 3.15, 3.1, 3.05, 3.03, 3.01, 3, 3])];
  assert.equal(initCost(close)?.costs, false);
  assert.equal(initCost([hockey[0], run(0, hockey[1].losses.slice(0, 5))]), undefined, 'a run cut short is not compared');
  assert.equal(initCost([hockey[0]]), undefined, 'no default copy measured');
});

test('an unresolved step-0 initial-loss finding stays when the probe finds no cost, with the probe\'s numbers; a run gone non-finite costs', () => {
  const noCost = [run(1, [9.6, 5, 3, 2.5, 2.2, 2.1, 2, 2, 2, 2, 2]), run(0, [2.4, 2.3, 2.2, 2.1, 2.1, 2, 2, 2, 2, 2, 2])];
  const flat = Array.from({ length: 21 }, (_, i): StepRecord => ({ step: i, loss: 9.6, layers: profile(9.6)[0].layers }));
  const findings = evaluateHealth(layers, flat, undefined, undefined, { outputs: [output], initProbes: noCost }).filter((f) => f.code === 'initial-loss');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /^The loss at initialization is 9\.6, .* The initialisation probe: The initialisation is off/);
  assert.equal(initCost([run(1, [27, 40, NaN]), run(0, [3.3, 3, 2.9])])?.costs, true);
});

test('a classifier whose own run classifies more held-out rows right than the default copy: its higher loss is overconfidence — information', () => {
  // Shaped on held-out 9's dlfs-bn-off-w0p29 (Saitoh's 5 × ReLU net, N(0, 0.29²) kernels, SGD 0.01; the book's run reaches 97.9 %):
  // the user's run falls 128 → 4.7 on held-out rows, the copy creeps 2.295 → 2.290 (0.49×), yet the user's run is the one
  // that classifies digits.
  const own = [128, 19, 10, 7.3, 6, 5.8, 5.1, 5.2, 4.8, 4.8, 4.7];
  const copy = [2.2953, 2.2947, 2.2943, 2.2937, 2.2933, 2.2928, 2.2922, 2.2916, 2.2911, 2.2906, 2.2899];
  const withAcc = (p: InitProbe, accuracies: number[]): InitProbe => ({ ...p, accuracies });
  const ahead = [withAcc(run(1, own), [0.09, 0.35, 0.45, 0.55, 0.6, 0.62, 0.64, 0.66, 0.68, 0.69, 0.7]), withAcc(run(0, copy), [0.1, 0.1, 0.11, 0.11, 0.12, 0.12, 0.13, 0.13, 0.14, 0.14, 0.15])];
  assert.equal(initCost(ahead, true)?.costs, false);
  assert.equal(initCost(ahead, false)?.costs, true, 'not a class output (or not a cross-entropy): the loss alone decides');
  assert.equal(initCost(ahead.map((p) => ({ ...p, accuracies: undefined })), true)?.costs, true, 'no accuracies measured: the loss alone decides');
  // The profiled batch's loss falls 128 → 0.1 (the case's profiles: 106 → 0.02), so the step-0 finding resolved.
  const repairedBatch = profile(128).map((r, i) => ({ ...r, loss: 128 * 0.7 ** i }));
  const findings = evaluateHealth(layers, repairedBatch, undefined, undefined, { outputs: [output], initProbes: ahead }).filter((f) => f.code === 'initial-loss');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'info', 'the step-0 finding resolved within the profiled steps; the probe adds its numbers');
  assert.match(findings[0].message, /Held-out accuracy at best: 70 % from your weights, 15 % from the defaults — your run classifies clearly more rows right; its higher loss is overconfidence/);
  // Near misses: the makemore hockey stick with the copy also ahead in accuracy, and a tie, still cost training.
  const behind = [withAcc(hockey[0], [0.03, 0.05, 0.06, 0.07, 0.08, 0.08, 0.09, 0.09, 0.1, 0.1, 0.1]), withAcc(hockey[1], [0.04, 0.1, 0.12, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.2, 0.21])];
  assert.equal(initCost(behind, true)?.costs, true);
  // Ahead by a few rows only (held-out 8's mlm-bs-online, one run: 66 % against 64 %): not clearly (error 0.34 > 0.8 × 0.36).
  const slightly = [withAcc(hockey[0], [0.03, 0.5, 0.6, 0.62, 0.64, 0.65, 0.66, 0.66, 0.66, 0.66, 0.66]), withAcc(hockey[1], [0.04, 0.5, 0.6, 0.62, 0.63, 0.63, 0.64, 0.64, 0.64, 0.64, 0.64])];
  assert.equal(initCost(slightly, true)?.costs, true, 'a lead within the margin: the lower loss is the copy\'s lead');
  assert.equal(initCost([withAcc(hockey[0], [0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]), withAcc(hockey[1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])], true)?.costs, false, 'at the edge: error 0.8 = 0.8 × 1');
  const warned = evaluateHealth(layers, profile(27), undefined, undefined, { outputs: [output], initProbes: behind }).find((f) => f.code === 'initial-loss');
  assert.equal(warned?.severity, 'warning');
  assert.match(warned.message, /Held-out accuracy at best: 10 % from your weights, 21 % from the defaults\./);
});

test('through the profile\'s messages: the init probes reach the verdict', () => {
  const evidence = new ProfileEvidence();
  const messages: RunnerMessage[] = [
    { type: 'model', modelName: 'm', className: 'Sequential', discovery: 'factory', dataSource: 'fit', dataNote: '', loss: 'categoricalCrossentropy', optimizer: 'SGD', batchSize: 32, totalSteps: 20, layers, outputs: [output] },
    ...profile(27).map((s): RunnerMessage => ({ type: 'step', ...s })),
    ...hockey.map((p): RunnerMessage => ({ type: 'probe', kind: 'init', ...p, losses: [...p.losses], layers: [...p.layers] })),
  ];
  for (const m of messages) evidence.observe(m);
  const init = evidence.findings(undefined).filter((f) => f.code === 'initial-loss');
  assert.deepEqual(init.map((f) => [f.severity, f.location?.line]), [['warning', 5]]);
  // The runs' held-out accuracies travel with them: the user's run ahead turns the verdict into information.
  const withAccuracies = new ProfileEvidence();
  const accuracies = (p: InitProbe) => (p.factor === 1 ? [0.05, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] : [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
  for (const m of messages) withAccuracies.observe(m.type === 'probe' ? { ...m, accuracies: accuracies(m as unknown as InitProbe) } : m);
  assert.deepEqual(withAccuracies.findings(undefined).filter((f) => f.code === 'initial-loss').map((f) => f.severity), ['warning'], 'profile(27) never resolves: the step-0 warning stays');
  assert.match(withAccuracies.findings(undefined).find((f) => f.code === 'initial-loss')?.message ?? '', /Held-out accuracy at best: 50 % from your weights, 10 % from the defaults — your run classifies clearly more rows right/);
});
