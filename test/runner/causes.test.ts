// Causes outside the layers a gradient finding names (src/core/causes.ts), read off real profiles: ReLU
// units killed, or a softmax or tanh layer saturated, by a too-large update name the learning rate on the line that set it
// (learning-rate-high, the broken layers related with their own verdicts), an explosion caused by unscaled
// targets goes to the line that made them; their near misses stay where they were (or go quiet).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, layer, lineOf, pool, profileOk, type RunOutcome } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('causes', f);
const RUNS: [string, string[]][] = [
  ['rate-kills-relu.js', []],
  ['dead-at-init.js', []],
  ['unscaled-targets.js', []],
  ['unscaled-targets.js', ['--standardise']],
  ['rate-saturates-softmax.js', []],
  ['rate-saturates-softmax.js', ['--usual']],
  ['rate-saturates-softmax.js', ['--huge-init']],
  ['rate-constant.js', []],
  ['rate-constant.js', ['--inline']],
  ['rate-saturates-tanh.js', []],
  ['rate-saturates-tanh.js', ['--gentle']],
];
const runs = pool(RUNS, 2, ([f, scriptArgs]) => profileOk(FIX(f), { steps: 20, backend: 'wasm', scriptArgs }));
const outcome = async (i: number): Promise<RunOutcome> => (await runs)[i];
const summary = (r: ProfileReport) => r.findings.map((f) => `${f.code}:${f.severity}:${f.layer ?? '-'}:${f.line ?? '-'}`).join(', ');

test('SGD 0.1 leaves every ReLU dead after its first steps: learning-rate-high on the tf.train.sgd() line, the dead layers related as dead-relu with their history', async () => {
  const { report } = await outcome(0);
  const file = FIX('rate-kills-relu.js');
  const f = report.findings.find((x) => x.code === 'learning-rate-high');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(file, 'L:rate'));
  assert.equal(f.layer, undefined);
  const dead = f.related?.filter((r) => r.verdict === 'dead-relu');
  assert.deepEqual(dead?.map((r) => r.line).sort(), [lineOf(file, 'L:relu1'), lineOf(file, 'L:relu2')].sort());
  assert.match(f.message, /^The learning rate is too high: a step broke 2 layers that worked at step 0 — from step \d+ \w+'s ReLU units output 0 for every example.* right after an update that moved \w+'s weights by [\d.e]+× their norm/);
  assert.match(dead![0].message, /% of units dead at step 0, 70 % or more from step \d+/);
  // One finding for the cause: no dead-relu or vanishing warning of the same layers beside it.
  assert.deepEqual(report.findings.filter((x) => x.severity !== 'info' && (x.code === 'dead-relu' || x.code === 'vanishing')), [], summary(report));
  // The evidence the rule read: below 70 % dead at step 0, a ‖Δw‖/‖w‖ ≥ 1 on a layer below.
  const ratios = report.layers.flatMap((l) => l.steps.map((s) => s.updateRatio ?? 0));
  assert.ok(Math.max(...ratios) >= 1, `largest update ratio ${Math.max(...ratios)}`);
  // The dead layers keep their own verdict on their own lines (decorations).
  assert.deepEqual(layer(report, 'activation_Activation1').verdicts, ['dead-relu']);
});

test('near miss: ReLU units dead from step 0 at Adam 1e-3 stay on the dead layer (the rate did not kill them)', async () => {
  const { report } = await outcome(1);
  const f = report.findings.find((x) => x.code === 'dead-relu');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(FIX('dead-at-init.js'), 'L:dead'));
  assert.ok(!report.findings.some((x) => x.code === 'learning-rate-high'), summary(report));
});

test('targets up to 1e8 under MSE: exploding on the line that made the targets, with their RMS and the gradient at unit scale', async () => {
  const { report } = await outcome(2);
  const file = FIX('unscaled-targets.js');
  const f = report.findings.find((x) => x.code === 'exploding');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'error');
  assert.equal(f.line, lineOf(file, 'L:targets'));
  assert.match(f.message, /^Exploding gradient from unscaled targets: the targets given to fit\(\) \(0 to 1\.0e8\) have RMS 3\.3e7/);
  assert.deepEqual(f.related?.filter((r) => r.kind !== 'definition').map((r) => r.line).sort(), [lineOf(file, 'L:hidden'), lineOf(file, 'L:out')].sort());
  // And where the targets the tensor was made from were raised to the 4th power (core/valueOrigins.ts).
  assert.deepEqual(f.related?.filter((r) => r.kind === 'definition').map((r) => r.line), [lineOf(file, 'L:raw')]);
});

test('near miss: the same targets standardised on that line: no exploding gradient, no alarm', async () => {
  const { report } = await outcome(3);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], summary(report));
});

test('RMSprop 1.0 saturates a balanced softmax at step 1: learning-rate-high on the optimizer line, the output related as saturated-output, the hidden layer as vanishing', async () => {
  const { report } = await outcome(4);
  const file = FIX('rate-saturates-softmax.js');
  const f = report.findings.find((x) => x.code === 'learning-rate-high');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(file, 'L:rate'));
  assert.deepEqual(f.related?.map((r) => [r.line, r.verdict]), [[lineOf(file, 'L:out'), 'saturated-output'], [lineOf(file, 'L:hidden'), 'vanishing']]);
  assert.match(f.message, /softmax output is above 0\.99 for most examples — right after an update that moved dense_Dense\d's weights by [\d.]+× their norm/);
  // The evidence: the output balanced at step 0 and saturated from the first update on.
  const out = layer(report, 'dense_Dense2');
  assert.ok((out.steps[0].saturatedShare ?? 1) < 0.5 && (out.steps[1].saturatedShare ?? 0) >= 0.5, JSON.stringify(out.steps.slice(0, 2)));
  assert.deepEqual(out.verdicts, ['saturated-output']);
  assert.deepEqual(layer(report, 'dense_Dense1').verdicts, ['vanishing']);
  assert.ok(!report.findings.some((x) => x.severity !== 'info' && x.code === 'vanishing'), summary(report));
});

test('near miss: the same classifier at RMSprop 1e-3: no alarm', async () => {
  const { report } = await outcome(5);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], summary(report));
});

test('near miss: an output kernel of std 30 saturates the softmax from step 0: saturated-output on the output layer, not the rate', async () => {
  const { report } = await outcome(6);
  const f = report.findings.find((x) => x.code === 'saturated-output' && x.severity !== 'info');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(FIX('rate-saturates-softmax.js'), 'L:out'));
  assert.ok(!report.findings.some((x) => x.code === 'learning-rate-high'), summary(report));
});

const STEP_SIZE = new Set(['learning-rate-high', 'loss-oscillating']);

test('momentum 0.2 read from a constant: the step-size finding sits on the constant\'s line, where the rate is written', async () => {
  const { report } = await outcome(7);
  const found = report.findings.filter((f) => STEP_SIZE.has(f.code) && f.severity !== 'info');
  assert.ok(found.length > 0, summary(report));
  for (const f of found) assert.equal(f.line, lineOf(FIX('rate-constant.js'), 'L:value'), summary(report));
});

test('near miss: the same rate written in the tf.train call: the finding stays on the call\'s line', async () => {
  const { report } = await outcome(8);
  const found = report.findings.filter((f) => STEP_SIZE.has(f.code) && f.severity !== 'info');
  assert.ok(found.length > 0, summary(report));
  for (const f of found) assert.equal(f.line, lineOf(FIX('rate-constant.js'), 'L:inline'), summary(report));
});

test('Adagrad 0.06 throws a tanh layer into its tails with an update below its weights, where a tenth of the rate still passes it gradient: learning-rate-high on the optimizer line, the layer related as saturation', async () => {
  const { report } = await outcome(9);
  const file = FIX('rate-saturates-tanh.js');
  const f = report.findings.find((x) => x.code === 'learning-rate-high');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(file, 'L:rate'));
  assert.deepEqual(f.related?.map((r) => [r.line, r.verdict]), [[lineOf(file, 'L:hidden'), 'saturation']]);
  assert.match(f.message, /after an update that moved dense_Dense1's weights by 0\.\d+× their norm .* at a tenth of the rate still pass gradient to dense_Dense1 \(‖g‖ [\d.e-]+ there against [\d.e-]+ at this rate\)/);
  // The evidence: in range at step 0, in the tails from step 1, after an update below the weights' own norm.
  const hidden = layer(report, 'dense_Dense1');
  assert.ok((hidden.steps[1].updateRatio ?? 1) < 1, JSON.stringify(hidden.steps[1].updateRatio));
  assert.ok(!report.findings.some((x) => x.severity !== 'info' && (x.code === 'saturation' || x.code === 'vanishing')), summary(report));
});

test('near miss: the same net at Adagrad 0.003: no alarm', async () => {
  const { report } = await outcome(10);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], summary(report));
});
