// A run that ends early: the timeout message names the phase it stopped in and the next step, and the
// verdicts on a partial profile are those of the steps measured.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emptyProgress, fewerRowsHint, outOfMemoryMessage, ProfileEvidence, observeProgress, timeoutMessage } from '../../src/core/runEnd';
import type { RunnerMessage, RunnerMessageOf } from '../../src/core/protocol';

const FILE = '/work/project/train.js';
const at = (messages: RunnerMessage[]) => {
  const progress = emptyProgress();
  for (const m of messages) observeProgress(progress, m);
  return progress;
};
const hello = (backend: string): RunnerMessage => ({ type: 'hello', pid: 1, nodeVersion: 'v20', tfjsVersion: '4.22.0', tfjsSource: 'extension', backend, backendReason: '' });
const phase = (p: 'loading' | 'building' | 'data' | 'profiling' | 'sweeping', message = ''): RunnerMessage => ({ type: 'phase', phase: p, message });
const layer = { name: 'dense', className: 'Dense', weights: [{ name: 'dense/kernel', shape: [2, 2], trainable: true }] };
const model = (totalSteps: number): RunnerMessage => ({
  type: 'model', modelName: 'm', className: 'Sequential', discovery: 'factory', dataSource: 'synthetic', dataNote: '', loss: 'mse', optimizer: 'SGD', batchSize: 4, totalSteps, layers: [layer],
});
const weight = (gradNorm: number) => ({ name: 'dense/kernel', gradNorm, meanAbs: gradNorm / 2, maxAbs: gradNorm, zeroShare: 0, nanCount: 0, infCount: 0, weightNorm: 1, ratio: gradNorm, histogram: [] });
const step = (n: number, gradNorm: number): RunnerMessage => ({ type: 'step', step: n, loss: 1, layers: [{ name: 'dense', gradNorm, weights: [weight(gradNorm)] }] });

test('before tfjs has loaded: says so', () => {
  assert.match(timeoutMessage('profile', at([]), 120, FILE), /^TensorFlow\.js did not finish loading within 120 s/);
});

test('while loading or building: no model was built, the file is still running', () => {
  for (const p of ['loading', 'building'] as const) {
    const progress = at([hello('wasm'), phase(p)]);
    progress.startedAt = progress.readyAt! - 5_000;
    assert.equal(
      timeoutMessage('profile', progress, 120, FILE),
      'No model was built within 120 s: train.js is still running — a server, a long download, a wait for input, or an endless loop? TensorFlow.js was ready after 5.0 s; the other 115 s went in the script\'s own code, before any training call. If it builds its whole dataset first, give it fewer rows (its own option or variable: --script-args / --env); or export the model or a function that builds it, or raise the timeout (--timeout / gradientLens.timeoutSeconds).',
    );
  }
  assert.match(timeoutMessage('learning-rate sweep', at([hello('wasm'), phase('building')]), 300, FILE), /gradientLens\.lr\.timeoutSeconds/);
  assert.match(timeoutMessage('profile', at([hello('wasm'), phase('data')]), 60, FILE), /^The training data was not ready within 60 s/);
});

test('no model yet: how the time split between loading TensorFlow.js and the script\'s own code before any training call', () => {
  const progress = at([hello('wasm'), phase('building')]);
  progress.startedAt = progress.readyAt! - 9_000;
  assert.match(timeoutMessage('profile', progress, 135, FILE), /TensorFlow\.js was ready after 9\.0 s; the other 126 s went in the script's own code, before any training call\. If it builds its whole dataset first, give it fewer rows/);
  progress.startedAt = progress.readyAt! - 134_500;
  assert.doesNotMatch(timeoutMessage('profile', progress, 135, FILE), /was ready after/, 'tfjs took nearly all of it: nothing to split');
});

test('no model yet: the last line the program printed is quoted with its age; a printed error wins; nothing printed, nothing quoted', () => {
  const progress = at([hello('wasm'), phase('building')]);
  const recent = timeoutMessage('profile', progress, 120, FILE, undefined, { text: '(20190/25996) handling: x'.padEnd(200, 'x'), secondsBefore: 0.4 });
  assert.match(recent, /Its last output, 400 ms before the stop: "\(20190\/25996\) handling: x+…" — if that is its data being prepared, raise the timeout for this run/);
  assert.equal(recent.match(/"([^"]*)"/)![1].length, 160, 'long lines are cut to 160 characters');
  assert.match(timeoutMessage('profile', progress, 120, FILE, undefined, { text: 'Listening on 3000', secondsBefore: 61 }), /Its last output, 61 s before the stop: "Listening on 3000"/);
  assert.match(timeoutMessage('profile', progress, 120, FILE, 'Error: boom', { text: 'later line', secondsBefore: 1 }), /It printed an error and then waited: "Error: boom" — if that is the cause, fix it and run again\. If it builds its whole dataset first/);
  assert.doesNotMatch(timeoutMessage('profile', progress, 120, FILE), /last output/);
});

test('during the steps: which step, the pace, partial results, and a faster backend when there is one', () => {
  const progress = at([hello('wasm'), phase('building'), model(20), phase('profiling'), step(0, 1), step(1, 1), step(2, 1)]);
  progress.lastStepAt = progress.measuringSince! + 60_000;
  assert.equal(
    timeoutMessage('profile', progress, 120, FILE),
    'Step 3 of 20 did not finish within 120 s: this model is slow on wasm (~20 s a step; all 21 need ~420 s) — partial results (steps 0–2) are shown. tfjs-node (the native backend: npm install @tensorflow/tfjs-node, then --backend tensorflow) is typically ~3× faster on dense and conv models. Or profile fewer steps (--steps / gradientLens.steps), or raise the timeout (--timeout / gradientLens.timeoutSeconds).',
  );
  const first = at([hello('tensorflow'), model(20), phase('profiling')]);
  assert.equal(
    timeoutMessage('profile', first, 120, FILE),
    'Step 0 of 20 did not finish within 120 s: this model is too slow on tensorflow for the timeout, nothing was measured. Profile fewer rows: --batch 1 (gradientLens.batchSize) — this run\'s 4 rows a step need about 4× the time and activation memory. Or raise the timeout (--timeout / gradientLens.timeoutSeconds).',
  );
  const sweep = at([hello('cpu'), model(300), phase('sweeping'), ...Array.from({ length: 10 }, (_, i): RunnerMessage => ({ type: 'lrPoint', repeat: 0, step: i, lr: 1, loss: 1, smoothed: 1 }))]);
  sweep.lastStepAt = sweep.measuringSince! + 3000;
  assert.match(timeoutMessage('learning-rate sweep', sweep, 3, FILE), /^The learning-rate sweep stopped at batch 11 of 300 after 3 s on cpu \(~300 ms a batch; all 300 need ~90 s\) — the partial curve is shown\. The pure-JavaScript cpu backend is the slowest/);
});

test('partial verdicts: health rules on the steps measured only', () => {
  const measured = new ProfileEvidence();
  for (const m of [model(20), step(0, 1e9)]) measured.observe(m);
  assert.equal(measured.count, 1);
  const findings = measured.findings(undefined);
  assert.deepEqual(findings.map((f) => [f.code, f.layer, f.step]), [['exploding', 'dense', 0]]);
});

test('a timeout in the overfit-one-batch check after all steps: the profile is complete', () => {
  const progress = at([hello('wasm'), model(1), phase('profiling'), step(0, 1), step(1, 1), phase('profiling')]);
  assert.match(timeoutMessage('profile', progress, 30, FILE), /^The overfit-one-batch check did not finish within 30 s on wasm: the gradient profile \(steps 0–1\) is complete and shown\./);
});

test('a timeout in a probe after all steps names that probe, not the overfit check', () => {
  const progress = at([hello('wasm'), model(1), phase('profiling'), step(0, 1), step(1, 1), phase('profiling', 'Label probe: 20 steps on fresh batches')]);
  const message = timeoutMessage('profile', progress, 30, FILE);
  assert.match(message, /^The checks after the profiled steps did not finish within 30 s on wasm \(running: Label probe: 20 steps on fresh batches\): the gradient profile \(steps 0–1\) is complete and shown\./);
  assert.doesNotMatch(message, /overfit/);
  const overfit = at([hello('wasm'), model(1), step(0, 1), step(1, 1), phase('profiling', 'Overfit one batch: up to 200 steps on 8 examples')]);
  assert.match(timeoutMessage('profile', overfit, 30, FILE), /^The overfit-one-batch check did not finish/);
});

test('a timeout in the extra steps a flat loss earns names those steps, not the checks after them', () => {
  const flat = [hello('wasm'), model(2), phase('profiling'), step(0, 1), step(1, 1)];
  const progress = at([...flat, phase('profiling', 'The loss has not fallen in 2 steps: up to 8, to tell a slow start from a stall'), step(2, 1), step(3, 1)]);
  const message = timeoutMessage('profile', progress, 30, FILE);
  assert.match(message, /^Step 4 did not finish within 30 s on wasm: the loss had not fallen in the 2 planned steps, so the profile kept stepping to tell a slow start from a stall( \(~[^)]*\))? — partial results \(steps 0–3\) are shown\./);
  assert.doesNotMatch(message, /checks after/);
});

test("partial verdicts weigh a flat start against the script's plan, as the runner does; a NaN keeps the line where it appeared", () => {
  // 0.04 % in 40 steps on the same batch: stuck over 40 steps, but 256,000 planned steps at this pace take off all of it.
  const steps = Array.from({ length: 41 }, (_, i): RunnerMessage => ({ ...(step(i, 1) as RunnerMessageOf<'step'>), loss: 1 - 1e-5 * i }));
  const optimizerLocation = { file: FILE, line: 7, column: 3 };
  const judged = (plannedSteps?: number) => {
    const evidence = new ProfileEvidence();
    for (const m of [{ ...(model(20) as RunnerMessageOf<'model'>), plannedSteps, optimizerLocation }, ...steps]) evidence.observe(m);
    return evidence.findings(undefined).find((f) => f.code === 'loss-not-decreasing')!;
  };
  assert.deepEqual([judged(256_000).severity, judged(256_000).location], ['info', optimizerLocation]);
  assert.match(judged(256_000).message, /^The loss starts flat: .* the 256,000 steps the script's training plans/);
  assert.equal(judged(undefined).severity, 'warning');

  const evidence = new ProfileEvidence();
  const nan: RunnerMessage = { ...(step(1, NaN) as RunnerMessageOf<'step'>), loss: NaN, nonFiniteOrigin: { step: 1, layer: 'dense', pass: 'backward' } };
  for (const m of [model(20), step(0, 1), nan]) evidence.observe(m);
  const finding = evidence.findings(undefined).find((f) => f.code === 'non-finite');
  assert.deepEqual([finding?.layer, finding?.step], ['dense', 1]);
  assert.match(finding!.message, /in the backward pass: this layer is the first/);
});

test('fewer rows: a quarter of the batch, named with its flag and setting; nothing to suggest below 2 rows or before the model message', () => {
  assert.equal(fewerRowsHint({ batchSize: 32 }), " Profile fewer rows: --batch 8 (gradientLens.batchSize) — this run's 32 rows a step need about 4× the time and activation memory.");
  assert.match(fewerRowsHint({ batchSize: 3 }), /--batch 1 /);
  assert.equal(fewerRowsHint({ batchSize: 1 }), '');
  assert.equal(fewerRowsHint({}), '');
});

test('out of memory seen by the host\'s memory watch: the resident figure and the limit, fewer rows, a higher limit', () => {
  assert.equal(
    outOfMemoryMessage(700, { batchSize: 32 }, 812.6),
    "The runner used 813 MB of memory (resident, with the processes it started; limit 700 MB) and was stopped. Profile fewer rows: --batch 8 (gradientLens.batchSize) — this run's 32 rows a step need about 4× the time and activation memory. Or raise the limit (gradientLens.memoryLimitMb / --memory).",
  );
  // Before the model message (no batch size yet): the general advice.
  assert.equal(outOfMemoryMessage(700, {}, 812.6), 'The runner used 813 MB of memory (resident, with the processes it started; limit 700 MB) and was stopped. Reduce the batch size or the model. Or raise the limit (gradientLens.memoryLimitMb / --memory).');
});

test('out of memory at V8\'s heap limit (the runner aborted): the limit, fewer rows, a higher limit', () => {
  assert.equal(
    outOfMemoryMessage(4096, { batchSize: 16 }),
    "The runner ran out of memory (limit 4096 MB). Profile fewer rows: --batch 4 (gradientLens.batchSize) — this run's 16 rows a step need about 4× the time and activation memory. Or raise the limit (gradientLens.memoryLimitMb / --memory).",
  );
  assert.equal(outOfMemoryMessage(4096, { batchSize: 1 }), 'The runner ran out of memory (limit 4096 MB). Reduce the batch size or the model. Or raise the limit (gradientLens.memoryLimitMb / --memory).');
});
