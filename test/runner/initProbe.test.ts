// The re-initialisation probe end to end (runner/initProbe.ts, core/initProbeRule.ts; docs/rules/initial-loss.md): every
// weight N(0, 1) under SGD 0.1 costs training (a warning on the first re-drawn layer's line, the other as related); the
// same weights under SGD 1 repair their start (information); default initializers run no probe at all.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { ProbeStop } from '../../src/core/protocol';

const FIX = (f: string) => fixture('init', f);
const outcome = profileEach(['init-large.js', 'init-large-fast.js', 'init-default.js'], FIX, { backend: 'wasm', steps: 20 });
const initRuns = async (f: string) => (await outcome(f)).messages.filter((m) => m.type === 'probe' && m.kind === 'init');

test('N(0, 1) weights under SGD 0.1: the default-initialised copy ends far lower while the user\'s run stays above its start — initial-loss warning on the initializer\'s line', async () => {
  const { report } = await outcome('init-large.js');
  const runs = (await initRuns('init-large.js')).map((m) => (m.type === 'probe' ? m : undefined)!);
  // A pair from each seeded draw until the majority is settled: three costing draws of four.
  assert.deepEqual(runs.map((m) => [m.draw, m.factor]), [[1, 1], [1, 0], [2, 1], [2, 0], [3, 1], [3, 0]]);
  const [own, copy] = runs;
  assert.deepEqual(copy.layers, ['dense_Dense1', 'dense_Dense2']);
  // Each run: 40 steps on fresh batches of the script's 32 rows, the held-out rows read every 4 steps.
  assert.equal(own.losses.length, 11);
  assert.equal(own.batchSize, 32);
  // The default copy starts near ln 10 (Glorot, zero biases); the user's starts far above it and is still above at the end.
  assert.ok(Math.abs(copy.losses[0] - Math.log(10)) < 0.5, String(copy.losses));
  assert.ok(Math.min(...own.losses.slice(1)) > copy.losses[0], String(own.losses));
  // Each reading carries the held-out accuracy too (a softmax over 10 classes), and the copy classifies more digits right.
  for (const run of [own, copy]) assert.ok(run.accuracies?.length === 11 && run.accuracies.every((a) => a >= 0 && a <= 1), String(run.accuracies));
  assert.ok(Math.max(...copy.accuracies!.slice(1)) >= Math.max(...own.accuracies!.slice(1)), `${copy.accuracies} vs ${own.accuracies}`);
  const f = report.findings.filter((x) => x.code === 'initial-loss');
  assert.equal(f.length, 1, findingSummary(report));
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].line, lineOf(FIX('init-model.js'), 'L:hidden'));
  assert.equal(f[0].related?.[0]?.line, lineOf(FIX('init-model.js'), 'L:out'));
  assert.match(f[0].message, /^The initialisation costs training: .*your run spent all 40 steps above where the default initialisation starts\. Held-out accuracy at best: \d+ % from your weights, \d+ % from the defaults\./);
});

test('near miss: the same weights under SGD 1 get below the default\'s start within the steps — information only', async () => {
  const { report } = await outcome('init-large-fast.js');
  const runs = (await initRuns('init-large-fast.js')).map((m) => (m.type === 'probe' ? m : undefined)!);
  assert.deepEqual(runs.map((m) => [m.draw, m.factor]), [[1, 1], [1, 0], [2, 1], [2, 0]], 'the start is far off: the probe runs, settled by two sparing draws');
  const f = report.findings.filter((x) => x.code === 'initial-loss');
  assert.equal(f.length, 1, findingSummary(report));
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /The initialisation probe: The initialisation is off .*0 of 2 measured cost training — no majority of 4, settled after 2; .* your run got below that start within the 40 steps\. Held-out accuracy at best: \d+ % from your weights, \d+ % from the defaults\. No action needed\./);
});

test('near miss: default initializers — no probe runs, no initial-loss', async () => {
  const { report } = await outcome('init-default.js');
  assert.equal((await initRuns('init-default.js')).length, 0);
  assert.ok(!report.findings.some((x) => x.code === 'initial-loss'), findingSummary(report));
});

test('in process: the probe leaves every weight as the profiled steps left it, and re-draws only the user-initialised weights', async () => {
  const tfjs = await import('@tensorflow/tfjs');
  const { initProbes, userInitialised } = await import('../../src/runner/initProbe');
  const { WeightSnapshot } = await import('../../src/runner/modelState');
  const { DEFAULT_THRESHOLDS } = await import('../../src/core/health');
  assert.ok(await tfjs.setBackend('cpu'));
  const TF = tfjs as never;
  const model = tfjs.sequential();
  model.add(tfjs.layers.dense({ inputShape: [3], units: 8, activation: 'tanh', kernelInitializer: tfjs.initializers.randomNormal({ mean: 0, stddev: 3, seed: 1 }) }));
  model.add(tfjs.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfjs.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tfjs.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const redrawn = userInitialised(model.layers.map((layer) => ({ layer })));
  assert.deepEqual([...redrawn.entries()].map(([name, vars]) => [name, vars.map((v) => v.originalName.split('/').pop())]), [[model.layers[0].name, ['kernel']]], 'the seeded Glorot kernel and the zero biases are defaults');
  const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => [Math.sin(from + i), Math.cos(from + i), ((from + i) % 5) / 5]);
  const labels = (r: number[][]) => tfjs.tensor2d(r.map(([a]) => (a > 0 ? [1, 0] : [0, 1])));
  const [batchRows, heldRows, poolRows] = [rows(16, 0), rows(16, 100), rows(64, 200)];
  const pool = { xs: [tfjs.tensor2d(poolRows)], ys: [labels(poolRows)] };
  const batch = { xs: [tfjs.tensor2d(batchRows)], ys: [labels(batchRows)], source: 'fit', note: '', scriptBatch: 8, heldOut: { xs: [tfjs.tensor2d(heldRows)], ys: [labels(heldRows)] }, pool: async () => pool } as never;
  const initial = WeightSnapshot.ofModel(TF, model);
  await model.trainOnBatch(tfjs.tensor2d(batchRows), labels(batchRows));
  const after = model.weights.map((w) => Array.from(w.read().dataSync()));
  const layer = (name: string, saturatedShare: number) => ({ name, gradNorm: 1, weights: [], saturatedShare });
  const records = [{ step: 0, loss: 0.9, layers: [layer(model.layers[0].name, 0.8), layer(model.layers[1].name, 0)] }];
  const sent: { kind?: string; factor?: number; losses?: number[]; accuracies?: number[] }[] = [];
  const collect = async (m: unknown) => void sent.push(m as never);
  // The budget's clock is injected: a clock that never advances, so no machine load can stop the probe.
  const context = { tf: TF, model, initial, batch, records, profilingMs: 0, probeClock: () => () => 0, stochastic: false, thresholds: DEFAULT_THRESHOLDS, send: collect, report: collect };
  const layers = model.layers.map((l) => ({ layer: l }));
  await initProbes(context, layers, []);
  const probes = sent.filter((m) => m.kind === 'init') as { factor: number; losses: number[]; accuracies?: number[]; draw?: number }[];
  // A pair from each seeded draw until the majority is settled (two sparing or three costing draws).
  const draws = [...new Set(probes.map((p) => p.draw))];
  assert.ok(draws.length === 2 || draws.length === 3, String(draws));
  assert.deepEqual(probes.map((p) => [p.draw, p.factor, p.losses.length]), draws.flatMap((d) => [[d, 1, 11], [d, 0, 11]]), 'a saturated user-initialised layer: both runs from each draw');
  assert.notEqual(probes[0].losses[0], probes[1].losses[0], 'the copy starts from other weights');
  // Both initializers are seeded, so every draw is the same weights: the copy's run was made once and is the same for each.
  for (const p of probes) assert.deepEqual(p.losses, probes[p.factor ? 0 : 1].losses);
  // Two classes read by argmax: each reading's accuracy is a multiple of 1/16 (16 held-out rows).
  for (const p of probes) assert.ok(p.accuracies?.length === 11 && p.accuracies.every((a) => Number.isInteger(a * 16)), String(p.accuracies));
  assert.deepEqual(model.weights.map((w) => Array.from(w.read().dataSync())), after);

  // The verdict is the initializer's, not the profile's draw's: an unseeded N(0, 3²) kernel profiled from two different
  // draws of it gives the same runs (the seeded draws, not the profile's, are where they start).
  const unseeded = tfjs.sequential();
  unseeded.add(tfjs.layers.dense({ inputShape: [3], units: 8, activation: 'tanh', kernelInitializer: tfjs.initializers.randomNormal({ mean: 0, stddev: 3 }) }));
  unseeded.add(tfjs.layers.dense({ units: 2, activation: 'softmax' }));
  unseeded.compile({ optimizer: tfjs.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const unseededLayers = unseeded.layers.map((l) => ({ layer: l }));
  const runsFrom = async () => {
    const start = WeightSnapshot.ofModel(TF, unseeded);
    const got: typeof sent = [];
    const keep = async (m: unknown) => void got.push(m as never);
    const unseededRecords = [{ step: 0, loss: 0.9, layers: [layer(unseeded.layers[0].name, 0.8), layer(unseeded.layers[1].name, 0)] }];
    await initProbes({ ...context, model: unseeded, initial: start, records: unseededRecords, send: keep, report: keep }, unseededLayers, []);
    start.dispose();
    return got.filter((m) => m.kind === 'init');
  };
  const fromOne = await runsFrom();
  const other = [tfjs.randomNormal([3, 8], 0, 3, 'float32', 7), tfjs.zeros([8])];
  unseeded.layers[0].setWeights(other);
  tfjs.dispose(other);
  const fromAnother = await runsFrom();
  assert.ok(fromOne.length >= 4, String(fromOne.length));
  assert.deepEqual(fromAnother, fromOne);

  // A clock charged 1 s a step: the fewest runs that can settle the majority (two draws' pairs, 160 steps) cannot fit the
  // 15 s budget — the first run stops at step 3 (its pace, 1 s, projects 3 + 37 + 3 × 40 s), no init probe is reported,
  // and the stop is, with how far it got of the four draws' 320 planned steps.
  sent.length = 0;
  const slow = () => { let calls = 0; return () => 1000 * calls++; };
  await initProbes({ ...context, probeClock: slow }, layers, []);
  assert.deepEqual(sent.filter((m) => m.kind === 'init'), [], 'a stopped probe judges nothing');
  const stops = sent.filter((m) => (m as { type?: string }).type === 'probeStop') as unknown as ProbeStop[];
  assert.deepEqual(stops.map(({ probe, reason, limitMs, steps, plannedSteps }) => ({ probe, reason, limitMs, steps, plannedSteps })), [{ probe: 'init', reason: 'budget', limitMs: 15_000, steps: 3, plannedSteps: 320 }]);
  assert.match(stops[0].check, /^whether .* costs training$/);
  assert.deepEqual(model.weights.map((w) => Array.from(w.read().dataSync())), after, 'a stopped probe leaves the model as found too');

  // Profiled steps whose pace projects the runs past 3 × the budget: not started at all, and said so.
  sent.length = 0;
  await initProbes({ ...context, profilingMs: 60_000 }, layers, []);
  assert.deepEqual(sent.map((m) => [(m as { type?: string }).type, (m as { reason?: string }).reason]), [['probeStop', 'not started']]);
  initial.dispose();
});
