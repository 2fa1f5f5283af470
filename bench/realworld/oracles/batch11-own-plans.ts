// Run: node --import tsx bench/realworld/oracles/batch11-own-plans.ts  (after rebuild.ts --batch 11)
// Batch 11's profiled scripts trained on their own plan, to judge the profile's warnings against what the plan does
// (tfjs 4.22 on the cpu backend; the projects pin 1.x, whose Dense, SGD, Adam and losses are the same algorithms).
// Written here from the corpus cases' notes, not copied; the two files with data of their own are read from the
// rebuilt workspaces at run time (nothing of theirs is stored here). fit's default batch is 32.
//  - tgr nine: label.csv's 4 RSSI columns (dBm, unscaled) → Dense(16, sigmoid) → Dense(4, sigmoid), categorical
//    cross-entropy, Adam at its default 0.001, 500 epochs; beside it the same plan on standardized inputs.
//  - tgr iris: the inline iris rows (the array literal evaluated alone, in an empty context) → Dense(5) → Dense(3) →
//    Dense(3), all sigmoid; MSE, Adam(0.06), 100 epochs.
//  - tgr regression: y = 2x + {0, 1} for x = 0…100 → Dense(200, relu) → Dense(1), SGD 0.01, MSE, 5,000 epochs
//    (stopped at the first non-finite loss); beside it x and y divided by 100.
//  - packt logreg: 2 × 100 points around ±(1, 1) with a bias column → Dense(1) on sigmoid cross-entropy, Adam
//    0.001, 100 epochs.
// Per seed: the loss before and after (and accuracy where there are classes).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as tf from '@tensorflow/tfjs';

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
const workspace = (name: string, ...rest: string[]) => path.join(os.homedir(), '.cache', 'gradient-lens-corpora', name, ...rest);

async function fitLoss(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, epochs: number) {
  const first = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  let stoppedAt: number | undefined;
  await model.fit(xs, ys, {
    epochs,
    verbose: 0,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        if (!Number.isFinite(logs?.loss ?? NaN)) {
          stoppedAt = epoch;
          model.stopTraining = true;
        }
      },
    },
  });
  const last = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  return { lossFirst: +first.toPrecision(3), lossLast: +last.toPrecision(3), ...(stoppedAt !== undefined ? { nonFiniteAtEpoch: stoppedAt } : {}) };
}

function accuracy(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): number {
  return tf.tidy(() => (model.predict(xs) as tf.Tensor).argMax(1).equal(ys.argMax(1)).mean().dataSync()[0]);
}

async function tgrNine(seed: number, standardize: boolean) {
  const lines = fs.readFileSync(workspace('tgr-cjs-tfjs-node1-csv-cwd-sigmoid-categorical', 'Jan8', 'label.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.match(/^[^,]*,[^,]*,([^,]*),([^,]*),([^,]*),([^,]*),"([^"]*)"/)!).filter(Boolean);
  let xs = tf.tensor2d(rows.map((m) => [1, 2, 3, 4].map((i) => Number(m[i]))));
  const ys = tf.tensor2d(rows.map((m) => m[5].split(',').map(Number)));
  if (standardize) {
    const { mean, variance } = tf.moments(xs, 0);
    xs = xs.sub(mean).div(variance.sqrt());
  }
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 16, activation: 'sigmoid', kernelInitializer: seeded(seed) }),
      tf.layers.dense({ units: 4, activation: 'sigmoid', kernelInitializer: seeded(seed + 100) }),
    ],
  });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam() });
  const result = await fitLoss(model, xs, ys, 500);
  return { seed, standardize, rows: rows.length, ...result, accuracy: +accuracy(model, xs, ys).toFixed(3) };
}

function inlineIris(): Array<Record<string, number | string>> {
  const text = fs.readFileSync(workspace('tgr-cjs-tfjs1-iris-inline-unawaited-fit', 'Jan07', 'classification.js'), 'utf8');
  const literal = text.slice(text.indexOf('iris = [') + 'iris = '.length, text.indexOf('\n]', text.indexOf('iris = [')) + 2);
  return vm.runInNewContext(`(${literal})`, Object.create(null), { timeout: 1000 }) as Array<Record<string, number | string>>;
}

async function tgrIris(seed: number) {
  const iris = inlineIris();
  const xs = tf.tensor2d(iris.map((r) => [r.sepal_length, r.sepal_width, r.petal_length, r.petal_width].map(Number)));
  const ys = tf.tensor2d(iris.map((r) => ['setosa', 'virginica', 'versicolor'].map((s) => (r.species === s ? 1 : 0))));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 5, activation: 'sigmoid', kernelInitializer: seeded(seed) }),
      tf.layers.dense({ units: 3, activation: 'sigmoid', kernelInitializer: seeded(seed + 100) }),
      tf.layers.dense({ units: 3, activation: 'sigmoid', kernelInitializer: seeded(seed + 200) }),
    ],
  });
  model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.06) });
  const result = await fitLoss(model, xs, ys, 100);
  return { seed, rows: iris.length, ...result, accuracy: +accuracy(model, xs, ys).toFixed(3) };
}

async function tgrRegression(seed: number, scale: number) {
  const x = Array.from({ length: 101 }, (_, i) => i);
  const xs = tf.tensor2d(x.map((v) => [v / scale]));
  const ys = tf.tensor2d(x.map((v) => [(2 * v + (v % 2)) / scale]));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [1], units: 200, activation: 'relu', kernelInitializer: seeded(seed) }),
      tf.layers.dense({ units: 1, kernelInitializer: seeded(seed + 100) }),
    ],
  });
  model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
  return { seed, scale, ...(await fitLoss(model, xs, ys, 5000)) };
}

async function packtLogreg(seed: number) {
  const c1 = tf.randomNormal([100, 2], 0, 1, 'float32', seed).add(1);
  const c2 = tf.randomNormal([100, 2], 0, 1, 'float32', seed + 1).sub(1);
  const xs = c1.concat(c2).concat(tf.ones([200, 1]), 1);
  const ys = tf.ones([100, 1]).concat(tf.zeros([100, 1]));
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, batchInputShape: [null, 3], kernelInitializer: seeded(seed) })] });
  model.compile({ loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, yPred).asScalar(), optimizer: 'adam' });
  const result = await fitLoss(model, xs, ys, 100);
  const correct = tf.tidy(() => (model.predict(xs) as tf.Tensor).greater(0).equal(ys.greater(0.5)).mean().dataSync()[0]);
  return { seed, ...result, accuracy: +correct.toFixed(3) };
}

async function main() {
  await tf.setBackend('cpu');
  const seeds = [1, 2, 3];
  const only = process.argv[2];
  const want = (name: string) => !only || only === name;
  if (want('nine')) for (const standardize of [false, true]) for (const seed of seeds) console.log('tgr-nine', JSON.stringify(await tgrNine(seed, standardize)));
  if (want('iris')) for (const seed of seeds) console.log('tgr-iris', JSON.stringify(await tgrIris(seed)));
  if (want('regression')) for (const scale of [1, 100]) for (const seed of seeds) console.log('tgr-regression', JSON.stringify(await tgrRegression(seed, scale)));
  if (want('logreg')) for (const seed of seeds) console.log('packt-logreg', JSON.stringify(await packtLogreg(seed)));
}

void main();
