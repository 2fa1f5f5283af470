// Calibration of the deep-saturating-stack lint rule: builds dense stacks of `depth` hidden layers
// (width 32) × activation × kernel initializer in tfjs, on a 4-class task (inputs N(0,1) of dim 16, labels
// from a random linear teacher, batch 128, softmax output, categorical cross-entropy), and measures
//   - at init, over 3 seeds: ‖g‖ of the first hidden kernel / ‖g‖ of the last hidden kernel (median, min),
//     and whether the runtime `vanishing` rule (src/core/health.ts defaults) would flag the first layer;
//   - after 150 full-batch Adam steps at lr 1e-3 (or --optimizer sgd: SGD at 0.1) (seed 0): final/initial loss, and the first layer's
//     relative weight change ‖ΔW₁‖/‖W₁‖ beside the last hidden layer's.
// The table it prints is the one in docs/lint/deep-saturating-stack.md.
//
//   node --import tsx bench/saturatingStacks.ts [--steps 150] [--depths 2,3,4,6,8,12,17] [--activations …] [--inits …] [--optimizer adam|sgd]
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { DEFAULT_THRESHOLDS } from '../src/core/health';
import { seededRandom } from '../src/core/random';
import { nativeTfjsNodeDir } from '../test/runner/nativeLane';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '150' },
    depths: { type: 'string', default: '2,3,4,6,8,12,17' },
    activations: { type: 'string', default: 'sigmoid,hardSigmoid,tanh,softsign' },
    inits: { type: 'string', default: 'glorotUniform,heUniform,leCunNormal,randomNormal(0.05),randomNormal(1)' },
    seeds: { type: 'string', default: '3' },
    optimizer: { type: 'string', default: 'adam' },
  },
});
const STEPS = Number(values.steps);
const DEPTHS = values.depths!.split(',').map(Number);
const ACTIVATIONS = values.activations!.split(',');
const INITS = values.inits!.split(',');
const SEEDS = Number(values.seeds);
/** adam at 1e-3, or sgd at 0.1 (where a layer's update is proportional to its gradient). */
const OPTIMIZER = values.optimizer === 'sgd' ? 'sgd' : 'adam';
type Initializer = ReturnType<typeof TF.initializers.zeros>;
const WIDTH = 32;
const INPUT = 16;
const CLASSES = 4;
const BATCH = 128;

async function loadTf(): Promise<{ tf: typeof TF; backend: string }> {
  const native = nativeTfjsNodeDir();
  if (native) return { tf: require(native) as typeof TF, backend: 'tensorflow (native lane)' };
  const tf = require('@tensorflow/tfjs') as typeof TF;
  require('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  return { tf, backend: `${tf.getBackend()} (native lane not ready: scripts/setup-native-lane.sh)` };
}

function initializer(tf: typeof TF, spec: string, seed: number): Initializer {
  const scaled = /^randomNormal\(([\d.e-]+)\)$/.exec(spec);
  if (scaled) return tf.initializers.randomNormal({ mean: 0, stddev: Number(scaled[1]), seed });
  const factory = (tf.initializers as unknown as Record<string, (c: { seed: number }) => Initializer>)[spec];
  if (!factory) throw new Error(`unknown initializer ${spec}`);
  return factory({ seed });
}

function data(tf: typeof TF): { x: TF.Tensor2D; y: TF.Tensor2D } {
  const rand = seededRandom(2026);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const x = Array.from({ length: BATCH * INPUT }, gauss);
  const teacher = Array.from({ length: INPUT * CLASSES }, gauss);
  const labels: number[] = [];
  for (let b = 0; b < BATCH; b++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let s = 0;
      for (let i = 0; i < INPUT; i++) s += x[b * INPUT + i] * teacher[i * CLASSES + c];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    labels.push(best);
  }
  return { x: tf.tensor2d(x, [BATCH, INPUT]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat() as TF.Tensor2D };
}

function build(tf: typeof TF, depth: number, activation: string, init: string, seed: number): TF.Sequential {
  const model = tf.sequential();
  for (let i = 0; i < depth; i++) {
    model.add(tf.layers.dense({ units: WIDTH, activation: activation as 'tanh', kernelInitializer: initializer(tf, init, seed * 1000 + i), ...(i === 0 ? { inputShape: [INPUT] } : {}) }));
  }
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 1000 + 999 }) }));
  return model;
}

interface Measured { ratio: number; firstNorm: number; relativeToMax: number; firstMeanAbs: number }

/** Gradient norms of every hidden kernel at the model's current weights. */
function measure(tf: typeof TF, model: TF.Sequential, x: TF.Tensor, y: TF.Tensor, depth: number): Measured {
  return tf.tidy(() => {
    const kernels = model.layers.map((l) => l.trainableWeights[0].read() as TF.Variable);
    const all = model.layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as TF.Variable));
    const { grads } = tf.variableGrads(() => tf.metrics.categoricalCrossentropy(y, model.apply(x) as TF.Tensor).mean() as TF.Scalar, all);
    const layerNorm = (i: number) => Math.sqrt(model.layers[i].trainableWeights.reduce((s, w) => s + (grads[(w.read() as TF.Variable).name].square().sum().dataSync()[0] as number), 0));
    const norms = model.layers.map((_, i) => layerNorm(i));
    const first = grads[kernels[0].name];
    return {
      ratio: norms[0] / norms[depth - 1],
      firstNorm: norms[0],
      relativeToMax: norms[0] / Math.max(...norms),
      firstMeanAbs: first.abs().mean().dataSync()[0],
    };
  });
}

function loss(tf: typeof TF, model: TF.Sequential, x: TF.Tensor, y: TF.Tensor): number {
  return tf.tidy(() => (tf.metrics.categoricalCrossentropy(y, model.predict(x) as TF.Tensor).mean() as TF.Scalar).dataSync()[0]);
}

function relativeChange(tf: typeof TF, before: TF.Tensor, after: TF.Tensor): number {
  return tf.tidy(() => after.sub(before).norm().dataSync()[0] / Math.max(before.norm().dataSync()[0], 1e-30));
}

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? v.toPrecision(2) : v.toExponential(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { tf, backend } = await loadTf();
  tf.env().set('PROD', true);
  const { x, y } = data(tf);
  const t = DEFAULT_THRESHOLDS;
  const started = Date.now();
  const rows: string[] = [];
  for (const activation of ACTIVATIONS) {
    for (const init of INITS) {
      for (const depth of DEPTHS) {
        const atInit: Measured[] = [];
        for (let seed = 0; seed < SEEDS; seed++) {
          const model = build(tf, depth, activation, init, seed);
          atInit.push(measure(tf, model, x, y, depth));
          model.dispose();
        }
        const ratios = atInit.map((m) => m.ratio);
        const flagged = atInit.filter((m) => (m.relativeToMax < t.vanishingRelative && m.firstNorm < t.vanishingAbsolute) || m.firstMeanAbs < t.vanishingMeanAbs).length;
        let trained = '';
        if (STEPS > 0) {
          const model = build(tf, depth, activation, init, 0);
          const first0 = model.layers[0].getWeights()[0].clone();
          const last0 = model.layers[depth - 1].getWeights()[0].clone();
          const loss0 = loss(tf, model, x, y);
          const optimizer = OPTIMIZER === 'sgd' ? tf.train.sgd(0.1) : tf.train.adam(1e-3);
          for (let s = 0; s < STEPS; s++) {
            optimizer.minimize(() => tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as TF.Tensor).mean() as TF.Scalar);
          }
          const after = measure(tf, model, x, y, depth);
          const dFirst = relativeChange(tf, first0, model.layers[0].getWeights()[0]);
          const dLast = relativeChange(tf, last0, model.layers[depth - 1].getWeights()[0]);
          trained = ` ${fmt(loss(tf, model, x, y) / loss0)} | ${fmt(dFirst)} / ${fmt(dLast)} | ${fmt(after.ratio)} |`;
          tf.dispose([first0, last0]);
          optimizer.dispose();
          model.dispose();
        }
        const row = `| ${activation} | ${init} | ${depth} | ${fmt(median(ratios))} (min ${fmt(Math.min(...ratios))}) | ${flagged}/${SEEDS} |${trained}`;
        rows.push(row);
        process.stderr.write(`${row}\n`);
      }
    }
  }
  const trainHead = STEPS > 0 ? ` loss after ${STEPS} ${OPTIMIZER === 'sgd' ? 'SGD (0.1)' : 'Adam (1e-3)'} steps / initial | ‖ΔW‖/‖W‖ first / last hidden | ‖g‖ first/last after |` : '';
  const trainRule = STEPS > 0 ? '---|---|---|' : '';
  process.stdout.write(
    `deep saturating stacks: width ${WIDTH}, input ${INPUT}, ${CLASSES} classes, batch ${BATCH}; backend ${backend}; ${((Date.now() - started) / 1000).toFixed(0)} s\n\n` +
      `| activation | kernel initializer | hidden layers | ‖g‖ first/last hidden at init, median of ${SEEDS} seeds | runtime 'vanishing' on the first layer at init |${trainHead}\n|---|---|---|---|---|${trainRule}\n${rows.join('\n')}\n`,
  );
}

void main();
