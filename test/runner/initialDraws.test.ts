// The initial loss over fresh draws of the program's initializers end to end (runner/initialDraws.ts,
// core/initialLossDraws.ts; docs/rules/initial-loss.md "Over draws"): four seeded fresh draws are measured at step 0 on the
// profiled batch, and, when most start far, run for the profiled steps; the verdict is the seeded draws' majority, this
// run's draw reported beside it, so it does not move with this run's one draw. Softmax regression over 10 classes with N(0, 1) weights on inputs of RMS ~3 (fixtures/runner/initial-draws).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';

const FIX = (f: string) => fixture('initial-draws', f);
const outcome = profileEach(['draws-repaired.js', 'draws-slow.js'], FIX, { backend: 'wasm', steps: 20 });
const drawsProbe = async (f: string) => {
  const probes = (await outcome(f)).messages.filter((m) => m.type === 'probe' && m.kind === 'draws');
  assert.equal(probes.length, 1);
  return probes[0].type === 'probe' ? probes[0] : assert.fail('not a probe');
};

test('fires: at SGD 0.0001 most draws start far and none is repaired in 20 steps — a warning with the range over the draws', async () => {
  const probe = await drawsProbe('draws-slow.js');
  // Four fresh draws, each far above 2 × ln 10, each still far after the 20 steps (the rate barely moves them).
  assert.equal(probe.losses.length, 4);
  assert.ok(probe.losses.every((l) => l > 2 * Math.log(10)), String(probe.losses));
  // The repair runs take as many steps as the profile did (a flat loss earns it 20 more: core/plateau.ts).
  const { report } = await outcome('draws-slow.js');
  assert.equal(probe.every, report.steps.length - 1);
  assert.equal(probe.ends?.length, 4);
  probe.ends!.forEach((end, i) => assert.ok(end > 0.9 * probe.losses[i], `${probe.losses} → ${probe.ends}`));
  const f = report.findings.filter((x) => x.code === 'initial-loss');
  assert.equal(f.length, 1, findingSummary(report));
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].line, lineOf(FIX('draws-model.js'), 'L:out'));
  assert.match(f[0].message, /Over draws: initial loss [\d.]+–[\d.]+ over 4 fresh seeded draws of the program's initializers \([34] of 4 above 4\.6; this run's draw [\d.]+, (above and not repaired|near)\); [34] of the 4 are still above it after the \d+ profiled steps\./);
});

test('near miss: at SGD 0.5 the same draws are repaired within the steps — no warning, whatever this run\'s draw', async () => {
  const probe = await drawsProbe('draws-repaired.js');
  // The same seeds as the run above: the same starts (the draws do not depend on the run).
  assert.deepEqual(probe.losses, (await drawsProbe('draws-slow.js')).losses);
  assert.equal(probe.ends?.length, 4);
  assert.ok(probe.ends!.every((end) => end <= 2 * Math.log(10)), String(probe.ends));
  const { report } = await outcome('draws-repaired.js');
  assert.ok(!report.findings.some((x) => x.code === 'initial-loss' && x.severity !== 'info'), findingSummary(report));
});

test('in process: the draws leave every weight as the profile left it, and a seeded initializer gives the same draw every time', async () => {
  const tfjs = await import('@tensorflow/tfjs');
  const { initialLossDraws } = await import('../../src/runner/initialDraws');
  const { WeightSnapshot } = await import('../../src/runner/modelState');
  const { DEFAULT_THRESHOLDS } = await import('../../src/core/health');
  assert.ok(await tfjs.setBackend('cpu'));
  const model = tfjs.sequential();
  model.add(tfjs.layers.dense({ inputShape: [3], units: 3, activation: 'softmax', kernelInitializer: tfjs.initializers.randomNormal({ stddev: 1, seed: 7 }) }));
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tfjs.train.sgd(0.1) });
  const xs = tfjs.tensor2d([[1, 2, 1], [1, 7, 7], [1, 5, 5], [1, 3, 4]]);
  const ys = tfjs.tensor2d([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  const initial = WeightSnapshot.ofModel(tfjs as never, model);
  const first = tfjs.tidy(() => (tfjs.losses.softmaxCrossEntropy(ys, tfjs.log(model.predict(xs) as never)) as never as { dataSync(): Float32Array }).dataSync()[0]);
  const before = model.getWeights().map((w) => Array.from(w.dataSync()));
  const reported: unknown[] = [];
  const context = {
    tf: tfjs as never, model, initial, batch: { xs: [xs], ys: [ys] } as never, profilingMs: 10, stochastic: false, thresholds: DEFAULT_THRESHOLDS,
    records: [{ step: 0, loss: first, layers: [] }], probeClock: () => () => 0, send: async () => undefined, report: async (m: unknown) => reported.push(m),
  };
  const outputs = [{ layer: model.layers[0].name, loss: 'categoricalCrossentropy', activation: 'softmax', units: 3, labelMeanSquare: 1 / 3, labelVariance: 0.2 }];
  const draws = await initialLossDraws(context as never, outputs as never, 5);
  assert.ok(draws);
  // The seeded kernel is the same in every draw (its bias zeros): four equal starts.
  assert.equal(new Set(draws.starts.map((s) => s.toFixed(5))).size, 1, String(draws.starts));
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), before);
  assert.equal(reported.length, 1);
  initial.dispose();
});

test('in process: the repair runs are charged on the probe clock — within budget all four end, past it none is read', async () => {
  const tfjs = await import('@tensorflow/tfjs');
  const { initialLossDraws, REPAIR_RUNS_MAX_MS } = await import('../../src/runner/initialDraws');
  const { WeightSnapshot } = await import('../../src/runner/modelState');
  const { DEFAULT_THRESHOLDS } = await import('../../src/core/health');
  assert.ok(await tfjs.setBackend('cpu'));
  // N(0, 10²) weights on inputs up to 7: every draw starts far above 2 × ln 3.
  const model = tfjs.sequential();
  model.add(tfjs.layers.dense({ inputShape: [3], units: 3, activation: 'softmax', kernelInitializer: tfjs.initializers.randomNormal({ stddev: 10 }) }));
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tfjs.train.sgd(0.1) });
  const xs = tfjs.tensor2d([[1, 2, 1], [1, 7, 7], [1, 5, 5], [1, 3, 4]]);
  const ys = tfjs.tensor2d([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  const initial = WeightSnapshot.ofModel(tfjs as never, model);
  const outputs = [{ layer: model.layers[0].name, loss: 'categoricalCrossentropy', activation: 'softmax', units: 3, labelMeanSquare: 1 / 3, labelVariance: 0.2 }];
  const measure = async (probeClock: () => () => number) => {
    const reported: { ends?: number[] }[] = [];
    const context = {
      tf: tfjs as never, model, initial, batch: { xs: [xs], ys: [ys] } as never, profilingMs: 10, stochastic: false, thresholds: DEFAULT_THRESHOLDS,
      records: [{ step: 0, loss: 50, layers: [] }], probeClock, send: async () => undefined, report: async (m: unknown) => reported.push(m as never),
    };
    const draws = await initialLossDraws(context as never, outputs as never, 20);
    assert.equal(reported.length, 1, 'one draws probe, with or without the repair runs');
    return draws!;
  };
  const free = await measure(() => () => 0);
  assert.ok(free.starts.every((s) => s > 2 * Math.log(3)), String(free.starts));
  assert.equal(free.ends?.length, 4, 'a clock that never advances: the four repair runs');
  // A clock charged 1 s a call: the first run's pace projects its 20 steps and the three runs after it past the 15 s budget.
  const slow = () => { let calls = 0; return () => 1000 * calls++; };
  const stopped = await measure(slow);
  assert.deepEqual(stopped.starts, free.starts, 'the starts are read whatever the budget');
  assert.equal(stopped.ends, undefined, `past ${REPAIR_RUNS_MAX_MS} ms no draw's repair is read (the profile's draw's is)`);
  initial.dispose();
});
