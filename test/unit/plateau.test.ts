// When the profile keeps stepping past the planned steps (src/core/plateau.ts), and how progress reads then.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lossUndecided, planPreviewPlan, PREVIEW_FLOPS, PREVIEW_MAX_STEPS, PREVIEW_MIN_STEPS, PREVIEW_RISE, previewStepCap, previewVerdict, shareOverPlan, stepProgress } from '../../src/core/plateau';
import { evaluateHealth } from '../../src/core/health';
import type { StepRecord } from '../../src/core/healthModel';

const curve = (losses: number[], evalLosses?: number[]): StepRecord[] =>
  losses.map((loss, step) => ({ step, loss, layers: [], ...(evalLosses ? { evalLoss: evalLosses[step] } : {}) }));
const t = { lossImprovement: 0.01 };

test('undecided: fell less than 1 % (or rose less than 1 %) over at least 4 steps', () => {
  assert.equal(lossUndecided(curve([1.0986, 1.0985, 1.0984, 1.0983, 1.0982]), t), true);
  assert.equal(lossUndecided(curve([1, 1, 1, 1, 1.005]), t), true);
  // decided: fell by 1 % or more, rose by 1 % or more, too few steps, non-finite, ~0
  assert.equal(lossUndecided(curve([1, 0.999, 0.995, 0.992, 0.99]), t), false);
  assert.equal(lossUndecided(curve([1, 1.01, 1.02, 1.03, 1.04]), t), false);
  assert.equal(lossUndecided(curve([1, 1, 1, 1]), t), false);
  assert.equal(lossUndecided(curve([1, 1, NaN, 1, 1]), t), false);
  assert.equal(lossUndecided(curve([0, 0, 0, 0, 0]), t), false);
});

test('undecided reads the inference-mode loss when there is one (dropout models)', () => {
  assert.equal(lossUndecided(curve([1, 0.5, 1.2, 0.7, 0.9], [1, 1, 1, 1, 1]), t), true);
  assert.equal(lossUndecided(curve([1, 1, 1, 1, 1], [1, 0.9, 0.8, 0.7, 0.6]), t), false);
});

test('progress past the planned steps says why', () => {
  assert.equal(stepProgress(7, 20), 'step 7/20');
  assert.equal(stepProgress(20, 20), 'step 20/20');
  assert.equal(stepProgress(27, 20), 'step 27 (the loss is still flat: up to 80)');
});

test('stuck is judged per 20 steps: 0.3 % over 80 steps is stuck (a warning), 0.3 % over 20 only slow (info)', () => {
  const flat = (n: number, total: number) => curve(Array.from({ length: n + 1 }, (_, i) => 1 - (total * i) / n));
  const kind = (steps: StepRecord[]) => evaluateHealth([], steps).filter((f) => f.code === 'loss-not-decreasing').map((f) => `${f.severity}: ${f.message.split(':')[0]}`);
  assert.deepEqual(kind(flat(80, 0.003)), ['warning: The loss is stuck']);
  assert.deepEqual(kind(flat(20, 0.003)), ['info: The loss falls slowly']);
  assert.deepEqual(kind(flat(20, 0.0008)), ['warning: The loss is stuck']);
  assert.deepEqual(kind(flat(80, 0.005)), ['info: The loss falls slowly']);
});

test('stuck needs the latest 20 steps to be flat too: a loss that speeds up off its plateau is slow (info), not stuck', () => {
  // 80 steps, 0.35 % overall (within 4 × 0.1 %), but 0.2 % in the last 20 (iris fix so-59278771-fixed: 0.27–0.67 % in its last 20).
  const leaving = curve(Array.from({ length: 81 }, (_, i) => 1.0986 - 0.0035 * (i / 80) ** 3));
  const last20 = leaving[60].loss - leaving[80].loss;
  assert.ok(last20 > 0.001 * 1.0986 && leaving[0].loss - leaving[80].loss < 0.004 * 1.0986, `${last20}`);
  const found = evaluateHealth([], leaving).filter((f) => f.code === 'loss-not-decreasing');
  assert.deepEqual(found.map((f) => `${f.severity}: ${f.message.split(':')[0]}`), ['info: The loss falls slowly']);
  // The same overall fall spread evenly (each 20 steps within 0.1 %) stays stuck.
  const even = curve(Array.from({ length: 81 }, (_, i) => 1.0986 - (0.0035 * i) / 80));
  assert.equal(evaluateHealth([], even).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
});

test('a flat start the planned training outlasts: at its pace the planned steps take off ≥ 50 % of the loss → info', () => {
  // so-39217567-fixed: 0.69318 → 0.69290 over 80 steps (5e-6 of the loss a step), 1000 epochs × 256 steps planned.
  const fixed = curve(Array.from({ length: 81 }, (_, i) => 0.69318 - (0.00028 * i) / 80));
  assert.ok(Math.abs(shareOverPlan(fixed.map((s) => s.loss), 256_000)! - 1.29) < 0.01);
  const [info] = evaluateHealth([], fixed, {}, undefined, { plannedSteps: 256_000 }).filter((f) => f.code === 'loss-not-decreasing');
  assert.equal(info.severity, 'info');
  assert.match(info.message, /^The loss starts flat: it fell 0\.04 % \(0\.69 → 0\.69\) over 80 optimizer steps on the same batch\. At this pace the 256,000 steps the script's training plans would take off all of it: a slow start/);
  // Near misses, warnings: its buggy sibling's pace (1.4e-3 of 0.251 in 80 steps, its fastest of 5 draws) over its 1000 × 6 planned steps takes off 11 %;
  const buggy = curve(Array.from({ length: 81 }, (_, i) => 0.25107 - (0.000355 * i) / 80));
  assert.ok(shareOverPlan(buggy.map((s) => s.loss), 6000)! < 0.11);
  assert.equal(evaluateHealth([], buggy, {}, undefined, { plannedSteps: 6000 }).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
  // the same pace with a plan unknown (trainOnBatch, an exported batch) or 50× shorter; a rising loss, whatever the plan.
  assert.equal(evaluateHealth([], fixed).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
  assert.equal(evaluateHealth([], fixed, {}, undefined, { plannedSteps: 5120 }).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
  const rising = curve(Array.from({ length: 81 }, (_, i) => 0.69 + (0.02 * i) / 80));
  assert.equal(shareOverPlan(rising.map((s) => s.loss), 256_000), undefined);
  assert.equal(evaluateHealth([], rising, {}, undefined, { plannedSteps: 256_000 }).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
});

test('a dead ReLU layer (75 %) while the loss leaves its plateau: lost capacity (info); the same layer on a stuck loss: a warning', () => {
  // The iris fix (so-59278771-fixed) in 2 of 5 draws: 6 of dense_Dense2's 8 units dead from step 4 on, loss 0.69 % down in 80 steps.
  const layers = [{ name: 'd2', className: 'Dense', activation: 'relu', location: { file: '/m.js', line: 20, column: 3 }, weights: [] }];
  const withDead = (losses: number[]): StepRecord[] => losses.map((loss, step) => ({ step, loss, layers: [{ name: 'd2', gradNorm: 0.05, weights: [], deadShare: 0.75 }] }));
  const dead = (losses: number[]) => evaluateHealth(layers, withDead(losses)).find((f) => f.code === 'dead-relu')?.severity;
  assert.equal(dead(Array.from({ length: 81 }, (_, i) => 1.0986 - 0.0076 * (i / 80) ** 3)), 'info');
  assert.equal(dead(Array.from({ length: 81 }, (_, i) => 1.0986 - (0.001 * i) / 80)), 'warning');
});

test('plan preview: SGD or momentum on every row, as many steps as the cap up to the plan; factor = planned ÷ preview steps', () => {
  // XOR under batch-1 SGD, 20,000 epochs of 4 rows: 80,000 steps; a cap of 8,000 → 8,000 steps at 10×.
  assert.deepEqual(planPreviewPlan(80_000, 8_000.7, 'SGD', true), { steps: 8_000, factor: 10 });
  assert.deepEqual(planPreviewPlan(80_000, 8_000, 'Momentum', true), { steps: 8_000, factor: 10 });
  // A plan shorter than the cap is previewed step for step: the plan itself on the profiled batch.
  assert.deepEqual(planPreviewPlan(100, 8_000, 'SGD', true), { steps: 100, factor: 1 });
  assert.deepEqual(planPreviewPlan(10_000, 80, 'SGD', true), { steps: 80, factor: 125 });
  // Adam and RMSProp keep time in steps, not in η·t; a batch without every row (or a loss summed over rows) sees another plan;
  // no plan; a cap or plan too short for PREVIEW_MIN_STEPS steps
  for (const optimizer of ['Adam', 'RMSProp', 'Adagrad', undefined]) assert.equal(planPreviewPlan(10_000, 80, optimizer, true), undefined);
  assert.equal(planPreviewPlan(10_000, 80, 'SGD', false), undefined);
  assert.equal(planPreviewPlan(undefined, 80, 'SGD', true), undefined);
  assert.equal(planPreviewPlan(10_000, PREVIEW_MIN_STEPS - 0.5, 'SGD', true), undefined);
  assert.equal(planPreviewPlan(PREVIEW_MIN_STEPS - 1, 8_000, 'SGD', true), undefined);
  assert.equal(planPreviewPlan(10_000, NaN, 'SGD', true), undefined);
});

test('preview steps: a function of the weights and rows alone — PREVIEW_MAX_STEPS, fewer when PREVIEW_FLOPS holds fewer 6 × weights × rows steps', () => {
  // XOR 2 → 10 → 1 (41 weights) on 4 rows: 2,500 steps, a factor of 32 for 20,000 one-row epochs.
  assert.equal(PREVIEW_MAX_STEPS, 2_500);
  assert.equal(previewStepCap(41, 4), PREVIEW_MAX_STEPS);
  assert.deepEqual(planPreviewPlan(80_000, previewStepCap(41, 4), 'SGD', true), { steps: 2_500, factor: 32 });
  // skalski-numpy-david: 2 → 25 → 50 → 50 → 25 → 1 (5,226 weights) on 900 rows, 28.2 MFLOP a step: 354 steps, 10,000 epochs at 28×.
  const david = 2 * 25 + 25 + 25 * 50 + 50 + 50 * 50 + 50 + 50 * 25 + 25 + 25 + 1;
  assert.equal(david, 5_226);
  assert.equal(previewStepCap(david, 900), Math.floor(PREVIEW_FLOPS / (6 * 5_226 * 900)));
  assert.equal(previewStepCap(david, 900), 354);
  assert.equal(Math.round(planPreviewPlan(10_000, previewStepCap(david, 900), 'SGD', true)!.factor), 28);
  // Its narrow copy (117 weights) fits PREVIEW_MAX_STEPS; the boundary: one step more work than the cap holds.
  assert.equal(previewStepCap(117, 900), PREVIEW_MAX_STEPS);
  const atCap = PREVIEW_FLOPS / (6 * PREVIEW_MAX_STEPS);
  assert.equal(previewStepCap(atCap, 1), PREVIEW_MAX_STEPS);
  assert.equal(previewStepCap(atCap * (1 + 1e-9), 1), PREVIEW_MAX_STEPS - 1);
  // A model too costly even for PREVIEW_MIN_STEPS keeps them (its time budget stops and reports it); no weights: the cap.
  assert.equal(previewStepCap(1e9, 1_000), PREVIEW_MIN_STEPS);
  assert.equal(previewStepCap(0, 4), PREVIEW_MAX_STEPS);
  // Pure: the same program, the same count, however often and whenever it is asked.
  assert.deepEqual(Array.from({ length: 5 }, () => previewStepCap(david, 900)), [354, 354, 354, 354, 354]);
});

test('preview verdict: at least half of the first loss taken off outlasts the plateau; less is flat; a broken preview says nothing', () => {
  assert.equal(previewVerdict({ losses: [0.6955, 0.69, 0.5, 0.23] }, 0.6955), 'outlasts');
  assert.equal(previewVerdict({ losses: [0.6955, 0.6, 0.3477] }, 0.6955), 'outlasts');
  assert.equal(previewVerdict({ losses: [0.6955, 0.6, 0.3478] }, 0.6955), 'flat');
  assert.equal(previewVerdict({ losses: [0.6937, 0.6935] }, 0.6937), 'flat');
  assert.equal(previewVerdict({ losses: [0.69, NaN, 0.1] }, 0.69), undefined);
  assert.equal(previewVerdict({ losses: [0.69] }, 0.69), undefined);
  assert.equal(previewVerdict(undefined, 0.69), undefined);
  // Along the gradient flow the loss never rises: a preview that ends above its start left the flow (XOR 2-10-1 at 1,000× the
  // rate: 0.694 → 8.06, every output saturated on the wrong side) and says nothing; within PREVIEW_RISE of its start it is flat.
  assert.equal(previewVerdict({ losses: [0.694, 8.059, 8.059] }, 0.694), undefined);
  assert.equal(previewVerdict({ losses: [0.694, 0.69, 0.694 * (1 + PREVIEW_RISE) + 1e-6] }, 0.694), undefined);
  assert.equal(previewVerdict({ losses: [0.694, 0.69, 0.694 * (1 + PREVIEW_RISE) - 1e-6] }, 0.694), 'flat');
});

test('a stuck loss whose previewed plan leaves the plateau is a slow start (info); a preview that stays flat keeps the warning and says so', () => {
  // skalski-numpy-david's profile: 0.6942 → 0.6926 over 80 full-batch steps (0.23 %, range within 4 × 0.1 %), 10,000 epochs planned;
  // its preview (80 steps at 125×) ended at 0.27 and 0.31 in two profiles, the narrow copy's at 0.69.
  const flat = curve(Array.from({ length: 81 }, (_, i) => 0.6942 - (0.0016 * i) / 80));
  const lossCode = (preview?: { factor: number; losses: number[] }, plannedSteps = 10_000) =>
    evaluateHealth([], flat, {}, undefined, { plannedSteps, ...(preview ? { planPreview: preview } : {}) }).find((f) => f.code === 'loss-not-decreasing')!;
  assert.equal(lossCode().severity, 'warning', 'at its pace the plan takes off only 29 %: a warning without the preview');
  const left = lossCode({ factor: 125, losses: [0.6942, 0.69, 0.6, 0.27] });
  assert.equal(left.severity, 'info');
  assert.match(left.message, /^The loss starts flat: it fell 0\.23 % \(0\.69 → 0\.69\) over 80 optimizer steps on the same batch\. Previewed over the script's planned training, 3 steps at 125× the rate on the same batch — the plan's 10,000 steps in the time η·t that gradient descent's path depends on — took it to 0\.27: a slow start/);
  const stayed = lossCode({ factor: 125, losses: [0.6942, 0.6935, 0.6932] });
  assert.equal(stayed.severity, 'warning');
  assert.match(stayed.message, /^The loss is stuck: it stays at 0\.69 \(range 1\.6e-3\) over 80 optimizer steps on the same batch\. Previewed over .* took it to 0\.69: the plan ends on this plateau too\. Check/);
  // A preview that broke (its larger steps overflowed) is no evidence either way: the plain warning.
  const broke = lossCode({ factor: 125, losses: [0.6942, Infinity] });
  assert.equal(broke.severity, 'warning');
  assert.doesNotMatch(broke.message, /Previewed/);
  // A rising loss stays a warning whatever the preview.
  const rising = curve(Array.from({ length: 81 }, (_, i) => 0.69 + (0.02 * i) / 80));
  assert.equal(evaluateHealth([], rising, {}, undefined, { plannedSteps: 10_000, planPreview: { factor: 125, losses: [0.69, 0.1] } }).find((f) => f.code === 'loss-not-decreasing')?.severity, 'warning');
});


test('a preview that stays flat relates where the plan is written (the training call); a slow start, no preview, or no call line relate nothing', () => {
  const flat = curve(Array.from({ length: 81 }, (_, i) => 0.6942 - (0.0016 * i) / 80));
  const fit = { file: '/m.js', line: 35, column: 5 };
  const rate = { file: '/m.js', line: 33, column: 30 };
  const judge = (preview?: { factor: number; losses: number[] }, call: typeof fit | null = fit) =>
    evaluateHealth([], flat, {}, undefined, { plannedSteps: 100, optimizerLocation: rate, ...(call ? { dataLocations: { call } } : {}), ...(preview ? { planPreview: preview } : {}) }).find((f) => f.code === 'loss-not-decreasing')!;
  const stayed = judge({ factor: 1.3, losses: [0.6942, 0.6935, 0.6932] });
  assert.equal(stayed.severity, 'warning');
  assert.deepEqual([stayed.location?.line, stayed.related?.map((r) => [r.kind, r.location?.line])], [33, [['plan', 35]]]);
  assert.match(stayed.related![0].message, /planned training written here \(100 optimizer steps\)/);
  // Near misses: the preview leaves the plateau (info: a slow start), no preview (the warning is judged over the profile's
  // steps, not the plan's), no training call's line.
  assert.equal(judge({ factor: 1.3, losses: [0.6942, 0.69, 0.6, 0.27] }).related, undefined);
  assert.equal(judge().related, undefined);
  assert.equal(judge({ factor: 1.3, losses: [0.6942, 0.6935, 0.6932] }, null).related, undefined);
});
