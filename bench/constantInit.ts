// Calibration of the constant-initializer lint rule: where does a constant kernel keep units identical
// (symmetry never broken), and where is it harmless? Trains small models in tfjs (full batch, Adam 1e-2,
// 300 steps) and prints the final/initial loss and, for the constant-initialized layer, the spread of its
// units' weight vectors after training (max over units of ‖w_j − mean‖ / ‖mean‖; 0 = all units identical).
// The table it prints is the one in docs/lint/constant-initializer.md.
//
//   node --import tsx bench/constantInit.ts [--steps 300]
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { seededRandom } from '../src/core/random';
import { nativeTfjsNodeDir } from '../test/runner/nativeLane';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '300' } } });
const STEPS = Number(values.steps);
const N = 256;

async function loadTf(): Promise<{ tf: typeof TF; backend: string }> {
  const native = nativeTfjsNodeDir();
  if (native) return { tf: require(native) as typeof TF, backend: 'tensorflow (native lane)' };
  const tf = require('@tensorflow/tfjs') as typeof TF;
  require('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  return { tf, backend: `${tf.getBackend()} (native lane not ready: scripts/setup-native-lane.sh)` };
}

interface Case {
  name: string;
  /** Input width and target: y = f(x). */
  inputs: number;
  target: (x: number[]) => number;
  layers: { units: number; activation: string; init: 'zeros' | 'ones' | 'random' }[];
  /** Index of the constant-initialized layer to inspect. */
  constant: number;
}

const CASES: Case[] = [
  { name: 'linear regression, 1 unit, zeros (tfjs-examples polynomial regression)', inputs: 1, target: ([x]) => 2 * x + 1, layers: [{ units: 1, activation: 'linear', init: 'zeros' }], constant: 0 },
  { name: 'softmax-free multi-output linear layer, 3 units, zeros', inputs: 4, target: (x) => x[0] - x[1], layers: [{ units: 3, activation: 'linear', init: 'zeros' }], constant: 0 },
  { name: 'output layer zeros after a random tanh hidden layer (16)', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 16, activation: 'tanh', init: 'random' }, { units: 1, activation: 'linear', init: 'zeros' }], constant: 1 },
  { name: 'hidden tanh layer (16) zeros, random output', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 16, activation: 'tanh', init: 'zeros' }, { units: 1, activation: 'linear', init: 'random' }], constant: 0 },
  { name: 'hidden relu layer (16) zeros, random output', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 16, activation: 'relu', init: 'zeros' }, { units: 1, activation: 'linear', init: 'random' }], constant: 0 },
  { name: 'hidden tanh (16) and output both ones', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 16, activation: 'tanh', init: 'ones' }, { units: 1, activation: 'linear', init: 'ones' }], constant: 0 },
  { name: 'hidden tanh (1 unit) zeros, random output', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 1, activation: 'tanh', init: 'zeros' }, { units: 1, activation: 'linear', init: 'random' }], constant: 0 },
  { name: 'reference: hidden tanh (16) glorotUniform', inputs: 4, target: (x) => Math.sin(x[0]) + x[1] * x[2], layers: [{ units: 16, activation: 'tanh', init: 'random' }, { units: 1, activation: 'linear', init: 'random' }], constant: 0 },
];

/** max_j ‖w_j − mean_j w‖ / ‖mean‖ over the layer's units (columns of the kernel). */
function unitSpread(kernel: number[][]): number {
  const units = kernel[0].length;
  const mean = kernel.map((row) => row.reduce((a, b) => a + b, 0) / units);
  const meanNorm = Math.sqrt(mean.reduce((s, v) => s + v * v, 0));
  let worst = 0;
  for (let j = 0; j < units; j++) worst = Math.max(worst, Math.sqrt(kernel.reduce((s, row, i) => s + (row[j] - mean[i]) ** 2, 0)));
  return meanNorm > 0 ? worst / meanNorm : worst;
}

async function main(): Promise<void> {
  const { tf, backend } = await loadTf();
  tf.env().set('PROD', true);
  const rows: string[] = [];
  for (const c of CASES) {
    const rand = seededRandom(7);
    const xs = Array.from({ length: N }, () => Array.from({ length: c.inputs }, () => rand() * 2 - 1));
    const x = tf.tensor2d(xs);
    const y = tf.tensor2d(xs.map((r) => [c.target(r)]));
    const model = tf.sequential();
    c.layers.forEach((l, i) => {
      const kernelInitializer = l.init === 'random' ? tf.initializers.glorotUniform({ seed: 11 + i }) : l.init;
      model.add(tf.layers.dense({ units: l.units, activation: l.activation as 'tanh', kernelInitializer, ...(i === 0 ? { inputShape: [c.inputs] } : {}) }));
    });
    if (c.layers[c.layers.length - 1].units !== 1) model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 99 }) }));
    model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
    const loss0 = (model.evaluate(x, y) as TF.Scalar).dataSync()[0];
    await model.fit(x, y, { epochs: STEPS, batchSize: N, verbose: 0 });
    const loss1 = (model.evaluate(x, y) as TF.Scalar).dataSync()[0];
    const kernel = model.layers[c.constant].getWeights()[0].arraySync() as number[][];
    const spread = c.layers[c.constant].units > 1 ? unitSpread(kernel).toPrecision(2) : '— (1 unit)';
    rows.push(`| ${c.name} | ${loss0.toPrecision(3)} | ${loss1.toPrecision(3)} | ${(loss1 / loss0).toPrecision(2)} | ${spread} |`);
    tf.dispose([x, y]);
    model.dispose();
  }
  process.stdout.write(`constant kernel initializers: full batch of ${N}, Adam 1e-2, ${STEPS} steps, MSE; backend ${backend}\n\n| model | loss at init | loss after | after / init | unit spread of the constant layer after training |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
}

void main();
