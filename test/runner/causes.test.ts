// Causes outside the layers a gradient finding names (src/core/causes.ts), read off real profiles: ReLU
// units killed by a too-large update go to the line that set the learning rate, an explosion caused by
// unscaled targets to the line that made them; their near misses stay where they were (or go quiet).
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
];
const runs = pool(RUNS, 2, ([f, scriptArgs]) => profileOk(FIX(f), { steps: 20, backend: 'wasm', scriptArgs }));
const outcome = async (i: number): Promise<RunOutcome> => (await runs)[i];
const summary = (r: ProfileReport) => r.findings.map((f) => `${f.code}:${f.severity}:${f.layer ?? '-'}:${f.line ?? '-'}`).join(', ');

test('SGD 0.1 leaves every ReLU dead after its first steps: dead-relu on the tf.train.sgd() line, the dead layers related with their history', async () => {
  const { report } = await outcome(0);
  const file = FIX('rate-kills-relu.js');
  const f = report.findings.find((x) => x.code === 'dead-relu');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(file, 'L:rate'));
  assert.equal(f.layer, undefined);
  assert.deepEqual(f.related?.map((r) => r.line).sort(), [lineOf(file, 'L:relu1'), lineOf(file, 'L:relu2')].sort());
  assert.match(f.message, /mostly alive at step 0 and their units output 0 for every example from step \d+, right after an update that moved \w+'s weights by [\d.e]+× their norm/);
  assert.match(f.related![0].message, /% of units dead at step 0, 70 % or more from step \d+/);
  // The evidence the rule read: below 70 % dead at step 0, a ‖Δw‖/‖w‖ ≥ 1 on a layer below.
  const ratios = report.layers.flatMap((l) => l.steps.map((s) => s.updateRatio ?? 0));
  assert.ok(Math.max(...ratios) >= 1, `largest update ratio ${Math.max(...ratios)}`);
  // The dead layers keep their verdict on their own lines (decorations).
  assert.ok(layer(report, 'activation_Activation1').verdicts.includes('dead-relu'));
});

test('near miss: ReLU units dead from step 0 at Adam 1e-3 stay on the dead layer (the rate did not kill them)', async () => {
  const { report } = await outcome(1);
  const f = report.findings.find((x) => x.code === 'dead-relu');
  assert.ok(f, summary(report));
  assert.equal(f.line, lineOf(FIX('dead-at-init.js'), 'L:dead'));
  assert.doesNotMatch(f.message, /too-large update/);
});

test('targets up to 1e8 under MSE: exploding on the line that made the targets, with their RMS and the gradient at unit scale', async () => {
  const { report } = await outcome(2);
  const file = FIX('unscaled-targets.js');
  const f = report.findings.find((x) => x.code === 'exploding');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'error');
  assert.equal(f.line, lineOf(file, 'L:targets'));
  assert.match(f.message, /^Exploding gradient from unscaled targets: the targets given to fit\(\) \(0 to 1\.0e8\) have RMS 3\.3e7/);
  assert.deepEqual(f.related?.map((r) => r.line).sort(), [lineOf(file, 'L:hidden'), lineOf(file, 'L:out')].sort());
});

test('near miss: the same targets standardised on that line: no exploding gradient, no alarm', async () => {
  const { report } = await outcome(3);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], summary(report));
});
