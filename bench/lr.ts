// LR range test overhead: a 100-step sweep (the runner's own sweep code: fresh weights and optimizer, LR
// set every step, trainOnBatch, smoothing, stop rule, every point sent over a real IPC channel to this
// parent process) against 100 plain trainOnBatch calls on another instance of the same model, with the
// same data (two batches) and backend. Both run in one forked child, interleaved (alternating which goes first), after
// one warm-up round, so machine noise hits both alike; medians, and the ratio of the fastest runs. The
// sweep's range (1e-7 → 1e-3) keeps the loss from diverging, so it always runs all 100 steps.
//   node --import tsx bench/lr.ts [FILE] [RUNS] [BACKEND]     (default examples/mnist-cnn/model.js 5 wasm)
// FILE must export createModel() and sampleBatch (a {xs, ys} or a function returning one).
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { encodeMessage, type BackendChoice, type RunnerMessage } from '../src/core/protocol';
import { prepareSweep } from '../src/runner/lrSweep';
import { loadTfjs } from '../src/runner/tfjsResolve';

const STEPS = 100;
type Batch = { xs: unknown; ys: unknown };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(encodeMessage(message), undefined, undefined, () => resolve()));
}

async function child(file: string, backend: BackendChoice, runs: number): Promise<void> {
  const { tf, backend: used } = await loadTfjs(file, path.resolve('.'), backend);
  const example = require(file) as { createModel(): LayersModel; sampleBatch: Batch | (() => Batch) };
  const { xs, ys } = typeof example.sampleBatch === 'function' ? example.sampleBatch() : example.sampleBatch;
  const x = tf.tensor(xs as number[]) as Tensor;
  const y = tf.tensor(ys as number[]) as Tensor;
  // Time every trainOnBatch (the sweep calls the same prototype method), so that what the sweep spends
  // around it — LR, smoothing, stop rule, the IPC send, the event-loop yield — is measured by subtraction:
  // a small absolute figure that machine load hardly blurs, unlike the end-to-end ratio.
  const trainOnBatch = tf.LayersModel.prototype.trainOnBatch;
  let trainingMs = 0;
  tf.LayersModel.prototype.trainOnBatch = async function (this: LayersModel, ...args: Parameters<typeof trainOnBatch>) {
    const t = performance.now();
    const out = await trainOnBatch.apply(this, args);
    trainingMs += performance.now() - t;
    return out;
  };
  const plainModel = example.createModel();
  const sweptModel = example.createModel();
  // The rows in two batches: the plain loop alternates them, the sweep reshuffles the rows into new
  // batches every pass (as it does for real data), so the gathering is part of what is measured.
  const size = Math.floor(x.shape[0] / 2);
  const halves = [0, size].map((start) => ({ x: tf.slice(x, start, size), y: tf.slice(y, start, size) }));
  const data = { batches: halves.map((h) => ({ xs: [h.x], ys: [h.y] })), rows: { xs: [x], ys: [y], size }, source: 'sampleBatch' as const, note: '' };
  const sweep = prepareSweep(tf, sweptModel, data, {
    file,
    backend,
    startLr: 1e-7,
    endLr: 1e-3,
    steps: STEPS,
    mode: 'exp',
    repeats: 1,
  });
  const plain: number[] = [];
  const swept: number[] = [];
  const timePlain = async () => {
    const t = performance.now();
    for (let i = 0; i < STEPS; i++) await plainModel.trainOnBatch(halves[i % 2].x, halves[i % 2].y);
    return performance.now() - t;
  };
  const overheads: number[] = [];
  const timeSweep = async () => {
    trainingMs = 0;
    const t = performance.now();
    let points = 0;
    await sweep.run((m) => {
      if (m.type === 'lrPoint') points++;
      return send(m);
    }, () => undefined);
    if (points !== STEPS) throw new Error(`the sweep ran ${points} steps, not ${STEPS}`);
    const total = performance.now() - t;
    overheads.push(total - trainingMs);
    return total;
  };
  for (let round = 0; round <= runs; round++) {
    // Alternate which goes first, so a trend in the machine's load does not favour one.
    const [plainMs, sweptMs] = round % 2 ? [await timePlain(), await timeSweep()] : [await timeSweep(), await timePlain()].reverse();
    if (round > 0) {
      plain.push(plainMs);
      swept.push(sweptMs);
    }
  }
  const summary = {
    backend: used,
    plainMs: median(plain),
    sweptMs: median(swept),
    plainMinMs: Math.min(...plain),
    sweptMinMs: Math.min(...swept),
    overheadMs: median(overheads.slice(1)),
  };
  await send({ type: 'log', level: 'info', text: JSON.stringify(summary) });
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4] as BackendChoice, Number(process.argv[5]));
  const [file = 'examples/mnist-cnn/model.js', runs = '5', backend = 'wasm'] = process.argv.slice(2);
  const worker = fork(__filename, ['--child', path.resolve(file), backend, runs], { execArgv: ['--import', 'tsx'] });
  let points = 0;
  let summary: { backend: string; plainMs: number; sweptMs: number; plainMinMs: number; sweptMinMs: number; overheadMs: number } | undefined;
  worker.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as RunnerMessage;
    if (message.type === 'lrPoint') points++;
    if (message.type === 'log') summary = JSON.parse(message.text);
  });
  const code = await new Promise<number | null>((resolve) => worker.on('exit', resolve));
  if (code !== 0 || !summary) throw new Error(`the benchmark child failed (exit ${code})`);
  console.log(
    JSON.stringify({
      file,
      backend: summary.backend,
      steps: STEPS,
      runs: Number(runs),
      pointsReceived: points,
      trainOnBatchMs: summary.plainMs,
      sweepMs: summary.sweptMs,
      ratio: summary.sweptMs / summary.plainMs,
      // The fastest run of each is the least disturbed by other load on a shared machine.
      fastestRatio: summary.sweptMinMs / summary.plainMinMs,
      // The sweep's own work outside trainOnBatch, per 100 steps, and the ratio it implies.
      sweepOverheadMs: summary.overheadMs,
      overheadRatio: (summary.plainMs + summary.overheadMs) / summary.plainMs,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
