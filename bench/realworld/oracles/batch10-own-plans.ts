// Run: node --import tsx bench/realworld/oracles/batch10-own-plans.ts
// Batch 10's profiled scripts trained on their own plan, to judge the profile's warnings against what the plan does
// (tfjs 4.22 on the cpu backend; the projects pin 0.3–3.16, whose Dense, SGD and losses are the same algorithms).
// Written here from the corpus cases' notes, not copied. tfjs's 'sgd' optimizer string is SGD at 0.01; fit's
// default batch is 32 (one step an epoch on these few rows).
//  - estudo sum: Dense(1) on 8 rows of four 0/1 inputs, target their sum; MSE, 750 epochs.
//  - estudo line: Dense(1) on x = −1…4, y = 2x − 1; MSE, 750 epochs.
//  - overthelimits: Dense(10, softmax) → Dense(1, sigmoid) on 5 rows of two inputs in 1–6; MSE, 10 × 100 epochs;
//    beside it the same plan with the hidden layer relu and sigmoid, to see what the softmax costs.
//  - imdb xor: Dense(8, tanh) → Dense(1, sigmoid); binary cross-entropy; batch 1; the profiled fit (2 epochs) and
//    the script's longest (5,000 epochs).
// Per seed: the loss before and after (and XOR's accuracy).
import * as tf from '@tensorflow/tfjs';

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

async function lossAfter(model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor, epochs: number, batchSize = 32) {
  const first = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  await model.fit(xs, ys, { epochs, batchSize, verbose: 0 });
  const last = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  return { lossFirst: +first.toPrecision(3), lossLast: +last.toPrecision(3) };
}

async function estudoSum(seed: number) {
  const rows = [[1, 0, 0, 1], [1, 1, 1, 0], [1, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 1, 1]];
  const xs = tf.tensor2d(rows);
  const ys = tf.tensor2d(rows.map((r) => [r.reduce((a, b) => a + b, 0)]));
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], kernelInitializer: seeded(seed) })] });
  model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
  const result = await lossAfter(model, xs, ys, 750);
  const predicted = (model.predict(tf.tensor2d([[1, 1, 0, 1]])) as tf.Tensor).dataSync()[0];
  return { seed, ...result, predicted1101: +predicted.toFixed(2) };
}

async function estudoLine(seed: number) {
  const xs = tf.tensor2d([[-1], [0], [1], [2], [3], [4]]);
  const ys = tf.tensor2d([[-3], [-1], [1], [3], [5], [7]]);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: seeded(seed) })] });
  model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
  const result = await lossAfter(model, xs, ys, 750);
  const predicted = (model.predict(tf.tensor2d([[20]])) as tf.Tensor).dataSync()[0];
  return { seed, ...result, predicted20: +predicted.toFixed(2) };
}

async function overTheLimits(seed: number, hidden: 'softmax' | 'relu' | 'sigmoid') {
  const xs = tf.tensor2d([[1, 1], [2, 2], [3, 6], [4, 1], [4, 5]]);
  const ys = tf.tensor2d([[0], [1], [0.8], [0], [1]]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 10, activation: hidden, kernelInitializer: seeded(seed) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: seeded(seed + 100) }),
    ],
  });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return { seed, hidden, ...(await lossAfter(model, xs, ys, 1000)) };
}

async function xor(seed: number, epochs: number) {
  const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const ys = tf.tensor2d([[0], [1], [1], [0]]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh', kernelInitializer: seeded(seed) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: seeded(seed + 100) }),
    ],
  });
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  const result = await lossAfter(model, xs, ys, epochs, 1);
  const predicted = Array.from((model.predict(xs) as tf.Tensor).dataSync());
  const accuracy = predicted.filter((p, i) => (p > 0.5 ? 1 : 0) === [0, 1, 1, 0][i]).length / 4;
  return { seed, epochs, ...result, accuracy };
}

async function main() {
  await tf.setBackend('cpu');
  const seeds = [1, 2, 3, 4, 5];
  for (const seed of seeds) console.log('estudo-sum', JSON.stringify(await estudoSum(seed)));
  for (const seed of seeds) console.log('estudo-line', JSON.stringify(await estudoLine(seed)));
  for (const hidden of ['softmax', 'relu', 'sigmoid'] as const) for (const seed of seeds) console.log('overthelimits', JSON.stringify(await overTheLimits(seed, hidden)));
  for (const seed of seeds) console.log('imdb-xor', JSON.stringify(await xor(seed, 2)));
  for (const seed of [1, 2, 3]) console.log('imdb-xor', JSON.stringify(await xor(seed, 5000)));
}

void main();
