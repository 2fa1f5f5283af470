// The scaling probe's judgement (src/core/scaleRules.ts) and what unscaled-input / unscaled-target make of it, on
// hand-made profiles: standardising that trains clearly better fires; raw inputs the model learns from, whose
// standardised twin does no better, demote the first-layer consequence to information; near misses stay as they were.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { judgeScaling, MIN_GAP_SHARE, NOISE_MARGIN, unscaledTarget, type ScaleProbe } from '../../src/core/scaleRules';
import { unscaledInput } from '../../src/core/inputRules';
import { evaluateHealth, DEFAULT_THRESHOLDS } from '../../src/core/health';
import type { LayerInfo, OutputInfo } from '../../src/core/protocol';
import type { HealthContext, StepRecord } from '../../src/core/healthModel';

const at = (line: number) => ({ file: '/m.js', line, column: 3 });
const dense = (name: string, line: number, activation = 'linear'): LayerInfo => ({ name, className: 'Dense', activation, location: at(line), weights: [{ name: `${name}/kernel`, shape: [3, 12], trainable: true }] });
/** A profile whose loss follows `losses`, the first layer `dense1` with the given one-signed shares at every step. */
const profile = (losses: number[], oneSigned = 0.9): StepRecord[] =>
  losses.map((loss, step) => ({ step, loss, layers: [{ name: 'dense1', gradNorm: 1, weights: [], deadShare: oneSigned / 2, activeShare: oneSigned / 2 }] }));
const line = (from: number, to: number, n = 20) => Array.from({ length: n + 1 }, (_, i) => from + ((to - from) * i) / n);
const classifier: OutputInfo = { layer: 'head', activation: 'sigmoid', loss: 'binaryCrossentropy', units: 1, labelMeanSquare: 0.4, labelVariance: 0.24 };
const regression: OutputInfo = { layer: 'head', activation: 'linear', loss: 'meanSquaredError', units: 1, labelMeanSquare: 6e4, labelVariance: 6e3 };
const layers = [dense('dense1', 8, 'relu'), dense('head', 9, 'sigmoid')];
const inputs = (probe: ScaleProbe | undefined, output = classifier): HealthContext => ({ outputs: [output], inputScale: { rms: 650, feature: 2, maxAbs: 2500 }, ...(probe ? { scaleProbe: probe } : {}) });

test('standardised inputs that reach at most half the lowest loss, by 5 % of their start, train clearly better', () => {
  const judged = judgeScaling(profile(line(5.4, 5.2)), { standardized: 'inputs', losses: line(0.64, 0.36), givenBaseline: 0.66 });
  assert.equal(judged?.better, true);
  assert.equal(judged.learns, false); // 5.2 is far above the 0.66 of reading no input
  assert.match(judged.evidence, /over 20 steps .* 5\.4 → 5\.2 \(lowest\) as given and 0\.64 → 0\.36 with the inputs standardised \(a prediction that reads no input scores 0\.66\)/);
  // Just over half the lowest loss: not clearly better.
  assert.equal(judgeScaling(profile(line(0.8, 0.6)), { standardized: 'inputs', losses: line(0.7, 0.31), givenBaseline: 0.69 })?.better, false);
});

test('starting lower is not training better: the standardised run must itself fall by 5 % of its start', () => {
  assert.equal(MIN_GAP_SHARE, 0.05);
  const flat = judgeScaling(profile(line(22.9, 0.38)), { standardized: 'both', losses: line(0.0383, 0.0382), givenBaseline: 1, baseline: 1 });
  assert.equal(flat?.better, false);
});

test('a gap within the as-given curve\'s step-to-step noise is not clearly better', () => {
  assert.equal(NOISE_MARGIN, 3);
  // The as-given curve jumps by 0.4 on most steps; the probe ends 0.5 below its lowest point (< 3 × 0.4).
  const jittery = Array.from({ length: 21 }, (_, i) => (i % 2 ? 1.2 : 0.8) - i * 0.005);
  assert.equal(judgeScaling(profile(jittery), { standardized: 'inputs', losses: line(0.8, 0.2) })?.better, false);
  const steady = line(1.2, 0.7);
  assert.equal(judgeScaling(profile(steady), { standardized: 'inputs', losses: line(0.8, 0.2) })?.better, true);
});

test('standardised targets are compared as shares of each run\'s no-input loss (1 − R² for the squared error)', () => {
  // MPG × 10: the loss falls 4.7e4 → 4.64e4 against a no-input loss of 6e3 (shares 7.8 → 7.7); standardised 1.1 → 0.36.
  const judged = judgeScaling(profile(line(4.7e4, 4.64e4)), { standardized: 'targets', targetRms: 250, losses: line(1.1, 0.36), givenBaseline: 6e3, baseline: 1 });
  assert.equal(judged?.units, 'share');
  assert.equal(judged.better, true);
  assert.match(judged.evidence, /7\.83 → 7\.73 \(lowest\) as given and 1\.1 → 0\.36 with the targets standardised, both as shares of the loss of predicting the targets' mean/);
});

test('unscaled-input: a one-signed first layer on inputs the model learns from, standardising no better → information', () => {
  // so-50481178-fixed-like: the loss falls 0.65 → 0.38, below the no-input 0.62; standardised 0.70 → 0.58.
  const probe: ScaleProbe = { standardized: 'inputs', losses: line(0.7, 0.58), givenBaseline: 0.62 };
  const finding = unscaledInput(layers, profile(line(0.65, 0.38)), DEFAULT_THRESHOLDS, inputs(probe));
  assert.equal(finding?.severity, 'info');
  assert.match(finding.message, /90 % of its units keep one sign .* Yet the model learns from them as given, and standardising them does not train better: .* 0\.65 → 0\.38 .* 0\.7 → 0\.58/);
  // Without the probe (an optimizer with no learning rate in its config), the consequence is a warning as before.
  assert.equal(unscaledInput(layers, profile(line(0.65, 0.38)), DEFAULT_THRESHOLDS, inputs(undefined))?.severity, 'warning');
});

test('unscaled-input: a one-signed first layer on inputs the model does not learn from stays a warning, the probe\'s numbers said', () => {
  // so-39525358-like: 0.69 → 0.68 against a no-input 0.69 (not 5 % below it); standardised no better within the steps.
  const finding = unscaledInput(layers, profile(line(0.69, 0.68)), DEFAULT_THRESHOLDS, inputs({ standardized: 'inputs', losses: line(0.693, 0.692), givenBaseline: 0.69 }));
  assert.equal(finding?.severity, 'warning');
  assert.match(finding.message, /Standardising did not help within these steps either \(over 20 steps/);
  const better = unscaledInput(layers, profile(line(5.4, 5.2)), DEFAULT_THRESHOLDS, inputs({ standardized: 'inputs', losses: line(0.64, 0.36), givenBaseline: 0.66 }));
  assert.equal(better?.severity, 'warning');
  assert.match(better.message, /Standardised, the same steps train clearly better: /);
});

test('unscaled-input without a first-layer consequence: a warning when standardising trains clearly better, else information', () => {
  const quietLayer = profile(line(5.4, 5.2), 0.1);
  const fires = unscaledInput(layers, quietLayer, DEFAULT_THRESHOLDS, inputs({ standardized: 'inputs', losses: line(0.64, 0.36), givenBaseline: 0.66 }));
  assert.equal(fires?.severity, 'warning');
  assert.deepEqual(fires.location, at(8));
  assert.match(fires.message, /^Unscaled inputs: input feature 2 has RMS 650 .* Standardised, the same steps train clearly better/);
  const info = unscaledInput(layers, profile(line(0.8, 0.58), 0.1), DEFAULT_THRESHOLDS, inputs({ standardized: 'inputs', losses: line(0.7, 0.6), givenBaseline: 0.64 }));
  assert.equal(info?.severity, 'info');
  assert.match(info.message, /standardising them changes little for this model/);
  // fd-kerasma-fixed-like: as given the loss only reaches about the no-input loss (0.617 > 95 % of 0.64), and so does the
  // standardised run: the probe cannot tell, and says so rather than "changes little".
  const undecided = unscaledInput(layers, profile(line(0.8, 0.617), 0.1), DEFAULT_THRESHOLDS, inputs({ standardized: 'inputs', losses: line(0.7, 0.65), givenBaseline: 0.64 }));
  assert.equal(undecided?.severity, 'info');
  assert.match(undecided.message, /within these steps the model does not learn from them as given \(its loss stays above 95 % of what a prediction that reads no input scores\) and does no clearly better standardised, so what the scale costs is not measured/);
  // No probe and no consequence: nothing, as before.
  assert.equal(unscaledInput(layers, quietLayer, DEFAULT_THRESHOLDS, inputs(undefined)), undefined);
});

test('unscaled-target: on the targets\' line when standardising them trains clearly better; information when not; only for targets alone', () => {
  const context = (losses: number[], givenLosses: number[]) => ({
    steps: profile(givenLosses, 0),
    context: { outputs: [regression], dataLocations: { targets: [at(17)] }, scaleProbe: { standardized: 'targets', targetRms: 251, losses, givenBaseline: 6e3, baseline: 1 } } satisfies HealthContext,
  });
  const slow = context(line(1.1, 0.36), line(4.7e4, 4.64e4));
  const finding = unscaledTarget(layers, slow.steps, slow.context);
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding.code, 'unscaled-target');
  assert.deepEqual(finding.location, at(17));
  assert.equal(finding.related?.[0].location?.line, 9);
  assert.match(finding.message, /regression targets have RMS 250, .* Standardise the targets before fit\(\)/);
  // The whole verdict carries it, and a learning-rate finding does not take its place.
  assert.ok(evaluateHealth(layers, slow.steps, {}, undefined, slow.context).some((f) => f.code === 'unscaled-target' && f.severity === 'warning'));
  const fine = context(line(1.0, 0.05), line(6e3, 300));
  assert.equal(unscaledTarget(layers, fine.steps, fine.context)?.severity, 'info');
  const both = { ...slow.context, scaleProbe: { ...slow.context.scaleProbe, standardized: 'both' as const } };
  assert.equal(unscaledTarget(layers, slow.steps, both), undefined);
});

test('judged over the script\'s plan: a slowness the planned steps make up for at the profiled pace is information', () => {
  // canon-linear-1unit-like: raw targets, the loss falls 4.8 → 3.5 shares in 20 steps (0.065 a step); standardised 1 →
  // 0.45: the as-given pace needs ~67 steps to get there, and the plan has 1,200.
  const slow = profile(line(4.8 * 6e3, 3.5 * 6e3), 0);
  const probe: ScaleProbe = { standardized: 'targets', targetRms: 160, losses: line(1, 0.45), givenBaseline: 6e3, baseline: 1 };
  const base: HealthContext = { outputs: [regression], scaleProbe: probe };
  const info = unscaledTarget(layers, slow, { ...base, plannedSteps: 1200 });
  assert.equal(info?.severity, 'info');
  assert.match(info.message, /the script's 1,200 planned steps reach that level as given \(after ~67\)/);
  assert.equal(unscaledTarget(layers, slow, { ...base, plannedSteps: 40 })?.severity, 'warning');
  // MPG × 10 under Adam 1e-3: 7.83 → 7.73 shares in 20 steps needs ~1,500 steps to reach 0.36; the plan has 1,000.
  const overScaled = unscaledTarget(layers, profile(line(4.7e4, 4.64e4), 0), { outputs: [regression], plannedSteps: 1000, scaleProbe: { standardized: 'targets', targetRms: 250, losses: line(1.1, 0.36), givenBaseline: 6e3, baseline: 1 } });
  assert.equal(overScaled?.severity, 'warning');
  // The same judgement for inputs when the probe alone is the evidence (no first-layer consequence).
  const quietLayer = profile(line(5.4, 4.4), 0.1);
  const inputsProbe: ScaleProbe = { standardized: 'inputs', losses: line(0.64, 0.36), givenBaseline: 0.66 };
  assert.equal(unscaledInput(layers, quietLayer, DEFAULT_THRESHOLDS, { ...inputs(inputsProbe), plannedSteps: 2000 })?.severity, 'info');
  assert.equal(unscaledInput(layers, quietLayer, DEFAULT_THRESHOLDS, { ...inputs(inputsProbe), plannedSteps: 50 })?.severity, 'warning');
});

test('one bar for "learns" on both runs: standardised inputs the model learns from, where as given it does not, train better', () => {
  // ztm-fashion-model-11-like (raw pixels 0–255, Adam 1e-3, 20 steps): as given 2.6 → 2.21, above the no-input loss 2.16;
  // standardised 2.36 → 2.03, 6 % below it. Not half the loss (the learning-rate-low bar), but only the standardised run
  // learns from the inputs at all — by the bar that counts the raw run as learning.
  const raw = profile(line(2.6, 2.21), 0.1);
  const probe: ScaleProbe = { standardized: 'inputs', losses: line(2.36, 2.03), givenBaseline: 2.16 };
  const judged = judgeScaling(raw, probe);
  assert.equal(judged?.better, false);
  assert.equal(judged.learns, false);
  assert.equal(judged.onlyStandardisedLearns, true);
  const finding = unscaledInput(layers, raw, DEFAULT_THRESHOLDS, inputs(probe));
  assert.equal(finding?.severity, 'warning');
  assert.match(finding.message, /Standardised, the same steps learn from the inputs and as given they do not \(a loss at least 5 % below what a prediction that reads no input scores\): over 20 steps .* 2\.6 → 2\.21 \(lowest\) as given and 2\.36 → 2\.03 with the inputs standardised \(a prediction that reads no input scores 2\.16\)\. Standardise each feature/);
  // The plan's pace does not quiet it: a raw curve above the no-input loss has not shown it learns from the inputs.
  assert.equal(unscaledInput(layers, raw, DEFAULT_THRESHOLDS, { ...inputs(probe), plannedSteps: 400 })?.severity, 'warning');
  // With a first-layer consequence, the warning carries the same evidence.
  const withConsequence = unscaledInput(layers, profile(line(2.6, 2.21)), DEFAULT_THRESHOLDS, inputs(probe));
  assert.equal(withConsequence?.severity, 'warning');
  assert.match(withConsequence.message, /90 % of its units keep one sign .* Standardised, the same steps learn from the inputs and as given they do not/);
});

test('near misses of the shared bar: the standardised run not below it, a gap under 5 % of the no-input loss, a run that starts there, noise', () => {
  const judge = (given: number[], losses: number[], oneSigned = 0.1) => judgeScaling(profile(given, oneSigned), { standardized: 'inputs', losses, givenBaseline: 2.16 });
  // Standardised 2.07: within 5 % of the no-input loss (2.052), so it does not learn either.
  assert.equal(judge(line(2.6, 2.21), line(2.36, 2.07))?.onlyStandardisedLearns, false);
  // As given 2.06, just above the bar; standardised 2.04, just below: a gap of 0.02 is not 5 % of 2.16.
  assert.equal(judge(line(2.6, 2.06), line(2.36, 2.04))?.onlyStandardisedLearns, false);
  // As given the model learns (2.0 ≤ 2.052): the shared bar has nothing to add; "better" stays the half-the-loss test.
  assert.equal(judge(line(2.6, 2.0), line(2.36, 1.8))?.onlyStandardisedLearns, false);
  // Standardised starts below the bar and barely moves (an initialisation that happens to fit): not training better.
  assert.equal(judge(line(2.6, 2.21), line(2.02, 2.0))?.onlyStandardisedLearns, false);
  // As given the curve jumps by 0.3 a step: a gap of 0.18 is within 3× its noise.
  const jittery = Array.from({ length: 21 }, (_, i) => (i % 2 ? 2.51 : 2.21) + (20 - i) * 0.01);
  assert.equal(judge(jittery, line(2.36, 2.03))?.onlyStandardisedLearns, false);
  // Without the no-input loss there is no bar.
  assert.equal(judgeScaling(profile(line(2.6, 2.21)), { standardized: 'inputs', losses: line(2.36, 2.03) })?.onlyStandardisedLearns, false);
  // fd-kerasma-fixed's warning run: as given 4.49 → 0.713, standardised 0.698 → 0.634, no-input 0.643 — neither learns.
  const kerasma = judgeScaling(profile(line(4.49, 0.713)), { standardized: 'inputs', losses: line(0.698, 0.634), givenBaseline: 0.643 });
  assert.equal(kerasma?.onlyStandardisedLearns, false);
});

test('over draws: a consequence whose model learns from the raw inputs in most draws of its initializers is information', () => {
  // vz-nn-gender-like (N(0, 1) weights on inputs of RMS 17, 2 sigmoid units): in this draw 0.41 → 0.36 against a no-input
  // 0.25 and standardised 0.41 → 0.39; three of four fresh draws as given reach 0.2, 0.22, 0.14 (≤ 95 % of 0.25 = 0.2375):
  // three of the five draws, this one counted.
  const probe: ScaleProbe = { standardized: 'inputs', losses: line(0.41, 0.39), givenBaseline: 0.25, redrawnLows: [0.2, 0.22, 0.29, 0.14] };
  const judged = judgeScaling(profile(line(0.41, 0.36)), probe);
  assert.equal(judged?.learns, false);
  assert.deepEqual(judged.redrawn, { learned: 3, draws: 4, lows: [0.2, 0.22, 0.29, 0.14] });
  const finding = unscaledInput(layers, profile(line(0.41, 0.36)), DEFAULT_THRESHOLDS, inputs(probe));
  assert.equal(finding?.severity, 'info');
  assert.match(finding.message, /In this draw of the initial weights neither run learns .* but from 3 of 4 fresh draws of the model's own initializers the same steps as given do \(lowest losses 0\.2, 0\.22, 0\.29, 0\.14\): whether .* depends on the initial draw/);
  // Two of four: with this draw, two of five — not most; so-39525358-buggy's 80-step draws (0.692, 0.654, 0.656, 0.657
  // against a no-input 0.691, bar 0.656) stay a warning.
  const half: ScaleProbe = { standardized: 'inputs', losses: line(0.693, 0.664, 80), givenBaseline: 0.691, redrawnLows: [0.692, 0.654, 0.656, 0.657] };
  assert.equal(judgeScaling(profile(line(0.694, 0.692, 80)), half)?.redrawn?.learned, 2);
  assert.equal(unscaledInput(layers, profile(line(0.694, 0.692, 80)), DEFAULT_THRESHOLDS, inputs(half))?.severity, 'warning');
});

test('over draws, near misses: no draw learns (so-39525358-like), a draw just above the bar, or the probe already decisive → as before', () => {
  // Every fresh draw stays at the no-input loss: the program does not learn from its raw inputs, the warning stands.
  const never: ScaleProbe = { standardized: 'inputs', losses: line(0.693, 0.692), givenBaseline: 0.69, redrawnLows: [0.69, 0.688, 0.691, 0.689] };
  const stays = unscaledInput(layers, profile(line(0.69, 0.68)), DEFAULT_THRESHOLDS, inputs(never));
  assert.equal(stays?.severity, 'warning');
  assert.match(stays.message, /Standardising did not help within these steps either/);
  assert.deepEqual(judgeScaling(profile(line(0.69, 0.68)), never)?.redrawn?.learned, 0);
  // 0.24 is above 95 % of 0.25 (0.2375): the same bar as the profile's own draw, not learning.
  const above: ScaleProbe = { standardized: 'inputs', losses: line(0.41, 0.39), givenBaseline: 0.25, redrawnLows: [0.24, 0.3] };
  assert.equal(unscaledInput(layers, profile(line(0.41, 0.36)), DEFAULT_THRESHOLDS, inputs(above))?.severity, 'warning');
  // Standardising trains clearly better in this draw: that is evidence of its own, and other draws do not quiet it.
  const better: ScaleProbe = { standardized: 'inputs', losses: line(0.64, 0.36), givenBaseline: 0.66, redrawnLows: [0.2] };
  assert.equal(unscaledInput(layers, profile(line(5.4, 5.2)), DEFAULT_THRESHOLDS, inputs(better))?.severity, 'warning');
  // Without a no-input loss there is no "learns" bar to ask of the draws.
  assert.equal(judgeScaling(profile(line(0.41, 0.36)), { standardized: 'inputs', losses: line(0.41, 0.39), redrawnLows: [0.01] })?.redrawn, undefined);
});
