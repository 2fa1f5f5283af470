// The LR range test's sweep through the host client: points streamed in order, the schedule, fresh
// initial weights per repeat (seeded: the same seed gives the same sweep), the model's own optimizer,
// the data paths (sampleBatch split by --batch, fitDataset batches), and the CLI's text output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startLrSweep } from '../../src/host/client';
import { lrSchedule } from '../../src/core/lrCurve';
import { fittedBest } from '../../src/core/lrRecommend';
import type { LrRequest, RunnerMessage } from '../../src/core/protocol';
import { assertGone, cli, fixture, RUNNER } from './helpers';

const MOMENTUM = fixture('lr', 'momentum-tiny.js');

async function sweep(file: string, request: Partial<LrRequest> = {}) {
  const messages: RunnerMessage[] = [];
  const run = startLrSweep(
    // checkSteps 0: these tests are about the sweep; the short runs after it have their own tests below.
    { file, backend: 'auto', startLr: 1e-7, endLr: 10, steps: 40, mode: 'exp', repeats: 2, checkSteps: 0, ...request },
    { runnerPath: RUNNER, timeoutMs: 60_000 },
    (m) => messages.push(m),
  );
  const report = await run.result;
  await assertGone(run.pid);
  assert.equal(report.status, 'done', JSON.stringify(report.error));
  return { report, messages };
}

test('points stream in order before each repeat ends; the model message counts steps × repeats', async () => {
  const { messages, report } = await sweep(MOMENTUM, { endLr: 1e-3 });
  const model = messages.find((m) => m.type === 'model');
  assert.equal(model?.type === 'model' && model.totalSteps, 80);
  const order = messages.filter((m) => m.type === 'lrPoint' || m.type === 'lrRepeatDone' || m.type === 'lrResult' || m.type === 'done').map((m) =>
    m.type === 'lrPoint' ? `${m.repeat}:${m.step}` : m.type,
  );
  const expected = [0, 1].flatMap((r) => [...Array.from({ length: 40 }, (_, s) => `${r}:${s}`), 'lrRepeatDone']);
  assert.deepEqual(order, [...expected, 'lrResult', 'done']);
  assert.deepEqual(report.repeats.map((r) => r.reason), ['reached endLr', 'reached endLr']);
});

test('exp and linear schedules: the streamed LRs are exactly the schedule', async () => {
  for (const mode of ['exp', 'linear'] as const) {
    const { report } = await sweep(MOMENTUM, { mode, startLr: 1e-4, endLr: 1e-2, steps: 20, repeats: 1 });
    const lrs = report.points[0].map((p) => p.lr);
    assert.deepEqual(lrs, lrSchedule(1e-4, 1e-2, 20, mode), mode);
  }
});

test('fresh initial weights per repeat, seeded: repeats differ, the same seed repeats exactly, the optimizer is the model\'s own', async () => {
  const a = await sweep(MOMENTUM, { seed: 7, endLr: 1e-3 });
  const b = await sweep(MOMENTUM, { seed: 7, endLr: 1e-3 });
  const c = await sweep(MOMENTUM, { seed: 8, endLr: 1e-3 });
  const first = (r: typeof a) => r.report.points.map((p) => p[0].loss);
  assert.notEqual(first(a)[0], first(a)[1], 'the two repeats start from different weights');
  assert.deepEqual(a.report.points, b.report.points, 'same seed, same sweep');
  // Seed 8's first repeat is seed 7's second (repeat r uses seed + r): same initial weights, same batch order.
  assert.equal(c.report.points[0][0].loss, a.report.points[1][0].loss);
  assert.notDeepEqual(c.report.points[1], a.report.points[1]);
  assert.equal(a.report.optimizer, 'Momentum');
  assert.equal(a.report.optimizerNote, undefined);
  assert.equal(a.report.weightsNote, undefined, 'every weight has an initializer');
});

test('sampleBatch split by --batch; its rows are reshuffled into new batches every pass, as fit() does', async () => {
  const { report } = await sweep(MOMENTUM, { batchSize: 16, steps: 8, endLr: 1e-6 });
  assert.equal(report.dataNote, 'the exported sampleBatch in 4 batches of 16');
  assert.equal(report.batchSize, 16);
  // At LRs this small the weights barely move: each loss is its batch's mean loss at the initial weights.
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const points of report.points) {
    const [first, second] = [points.slice(0, 4), points.slice(4, 8)].map((pass) => pass.map((q) => q.loss));
    // Every row once per pass: the four batch means of each pass average to the same all-rows loss…
    assert.ok(Math.abs(mean(first) - mean(second)) <= 1e-4 * mean(first), `pass means ${mean(first)} vs ${mean(second)}`);
    // …but in new batches, not the first pass's batches in another order.
    const rounded = (pass: number[]) => pass.map((l) => l.toPrecision(4)).sort();
    assert.notDeepEqual(rounded(second), rounded(first));
  }
});

test('fitDataset training script: the sweep cycles through the dataset\'s batches', async () => {
  const { report } = await sweep(fixture('lr', 'fit-dataset.js'), { steps: 12, repeats: 1 });
  assert.equal(report.discovery, 'training-script');
  assert.equal(report.dataSource, 'fit');
  assert.equal(report.dataNote, "5 batches of the script's fitDataset() call");
  assert.equal(report.optimizer, 'Adam');
  assert.equal(report.points[0].length, 12);
});

test('CLI text: suggestions table, the sketch with its marks, the divergence line; exit 0', async () => {
  const { code, stdout } = await cli(['lr', fixture('lr', 'ill-conditioned.js'), '--repeats', '2']);
  assert.equal(code, 0);
  assert.match(stdout, /^Gradient Lens — learning rate of /);
  assert.match(stdout, /data: the script's fit\(\) data in 8 batches of 32; batch 32/);
  assert.match(stdout, /2 sweeps, stopped early: loss exceeded 4x its best/);
  for (const kind of ['steep s', 'valley v', 'minimum m', 'slide l']) assert.match(stdout, new RegExp(`^${kind}\\s+\\d`, 'm'));
  assert.match(stdout, /^ {10}[ vslm×]*v[ vslm×]*$/m, 'a marks row under the axis');
  assert.match(stdout, /^diverges from 0\.\d+ ×/m);
  // The answer last: the checked rate, how sure, why, and the short runs behind it (fit(epochs 10) × 8 batches = 80 steps).
  assert.match(stdout, /^recommended learning rate: \S+ \((high|medium|low) confidence, checked by a short run\)$/m);
  assert.match(stdout, /^ {2}Checked by a short run: 7 rates from a third to a three-hundredth of the divergence LR \S+, 80 steps each from the same initial weights; /m);
  assert.match(stdout, /^ {2}short runs \(held-out loss after 80 steps\): (\S+ (\S+|diverged)( · )?){7}$/m);
});

test('short runs after the sweep: "checking" progress, a recommendation that names its runs; a cancel during them keeps the curve and an unchecked rate', async () => {
  const { report, messages } = await sweep(MOMENTUM, { checkSteps: 30 });
  const checking = messages.filter((m) => m.type === 'phase' && m.phase === 'checking' && m.message.startsWith('Checking rate'));
  const rec = report.result!.recommendation!;
  assert.equal(rec.basis, 'short-run');
  assert.equal(rec.checkSteps, 30);
  assert.equal(checking.length, rec.checks!.length, 'one progress message per short run');
  assert.match(checking[0].type === 'phase' ? checking[0].message : '', new RegExp(`^Checking rate 1 of \\d \\(\\S+, 30 steps from the same initial weights\\)$`));
  // The run with the lowest held-out loss, moved to the vertex of the parabola through its neighbours (at most a quarter decade).
  const best = rec.checks!.filter((c) => c.loss !== null).sort((a, b) => a.loss! - b.loss!)[0];
  assert.equal(rec.lr, fittedBest(rec.checks!, best));
  assert.ok(Math.abs(Math.log10(rec.lr! / best.lr)) <= 0.25 + 1e-9, `recommended ${rec.lr} vs best run ${best.lr}`);

  const messagesOfCancelled: RunnerMessage[] = [];
  const run = startLrSweep(
    { file: MOMENTUM, backend: 'auto', startLr: 1e-7, endLr: 10, steps: 40, mode: 'exp', repeats: 1, checkSteps: 10_000 },
    { runnerPath: RUNNER, timeoutMs: 60_000 },
    (m) => {
      messagesOfCancelled.push(m);
      if (m.type === 'phase' && m.phase === 'checking') void run.cancel();
    },
  );
  const cancelled = await run.result;
  await assertGone(run.pid);
  assert.equal(cancelled.status, 'failed');
  assert.equal(cancelled.error?.kind, 'cancelled');
  assert.deepEqual(cancelled.repeats.map((r) => r.reason === 'cancelled'), [false], 'the sweep had finished and is kept whole');
  assert.equal(cancelled.points[0].length, messagesOfCancelled.filter((m) => m.type === 'lrPoint').length);
  assert.equal(cancelled.result?.recommendation?.basis, 'curve', 'cancelled short runs: the rate read off the curve, said to be unchecked');
  assert.match(cancelled.result?.recommendation?.why ?? '', /not checked by a short run/);
});

test('embedding, LSTM cell, batch norm and dense weights are re-drawn per repeat; the inline LSTM bias is named', async () => {
  const { report } = await sweep(fixture('lr', 'mixed-layers.js'), { steps: 5, endLr: 1e-5 });
  assert.equal(report.optimizer, 'RMSProp');
  assert.equal(report.weightsNote, '1 of 10 weights have no known initializer (lstm_LSTM1/bias): every repeat starts them from their loaded values.');
  const [a, b] = report.points.map((p) => p[0].loss);
  assert.notEqual(a, b);
});

test('no data in the file: one synthetic batch, flagged; an uncompiled model gets the chosen loss and Adam', async () => {
  const synthetic = await sweep(fixture('discovery', 'factory-createModel.js'), { steps: 5, repeats: 1 });
  assert.equal(synthetic.report.dataSource, 'synthetic');
  assert.match(synthetic.report.dataNote ?? '', /^synthetic: batch 32, .* — random labels: the curve only shows where training diverges, not a good learning rate$/);
  const uncompiled = await sweep(fixture('discovery', 'uncompiled.js'), { steps: 5, repeats: 1 });
  assert.equal(uncompiled.report.optimizer, 'Adam');
  assert.match(uncompiled.report.lossNote ?? '', /^The model was not compiled/);
});
