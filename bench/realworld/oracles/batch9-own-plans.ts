// Run: node --import tsx bench/realworld/oracles/batch9-own-plans.ts
// Batch 9's two profiled scripts trained on their own plan, to judge the profile's warnings against what the
// plan does (tfjs 4.22 on the cpu backend; the projects pin 2.8 and 0.14, whose layers and Adam are the same
// algorithms). Written here from the corpus cases' notes, not copied:
//  - optimal-region (src/model/train.ts): 2 rows (day, hour) → a one-hot of 15 regions; Dense(5, relu) →
//    Dense(1, relu) → Dense(15, relu), MSE, Adam(0.6), 100 epochs (fit's default batch 32: one step an epoch).
//  - tensorflowtest (example.js): LSTM(50) on [[10,20,30],[20,30,40],[30,40,50],[10,20,30],[20,30,40]] (as
//    [-1, 3, 1]) → Dense(1, relu) to [40,50,60,40,50]; MSE, Adam(0.2), batch 1, 100 epochs, validationSplit 0.2.
// Per seed: the loss before and after, and whether the ReLU units the profile called dead ever output > 0.
import * as tf from '@tensorflow/tfjs';

async function optimalRegion(seed: number) {
  const xs = tf.tensor2d([[0, 17], [3, 4]]);
  const ys = tf.oneHot(tf.tensor1d([0, 9], 'int32'), 15).toFloat(); // USWest2 = 0, EUWest = 9
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 5, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.dense({ units: 15, activation: 'relu', kernelInitializer: init(3) }),
    ],
  });
  model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.6) });
  const bottleneck = tf.model({ inputs: model.inputs, outputs: model.layers[1].output as tf.SymbolicTensor });
  const alive = () => (bottleneck.predict(xs) as tf.Tensor).max().dataSync()[0] > 0;
  const aliveAtStart = alive();
  const h = await model.fit(xs, ys, { epochs: 100, verbose: 0 });
  const loss = h.history.loss as number[];
  return { seed, bottleneckAliveAtStart: aliveAtStart, bottleneckAliveAtEnd: alive(), lossFirst: loss[0], lossLast: loss[loss.length - 1] };
}

async function tensorflowTest(seed: number) {
  const xs = tf.tensor2d([[10, 20, 30], [20, 30, 40], [30, 40, 50], [10, 20, 30], [20, 30, 40]]).reshape([-1, 3, 1]);
  const ys = tf.tensor1d([40, 50, 60, 40, 50]).reshape([-1, 1]);
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: 50, inputShape: [3, 1], kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }) }),
      tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: tf.initializers.varianceScaling({ seed: seed + 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.2), loss: 'meanSquaredError' });
  const outputAtStart = (model.predict(xs) as tf.Tensor).max().dataSync()[0];
  const h = await model.fit(xs, ys, { batchSize: 1, epochs: 100, shuffle: true, validationSplit: 0.2, verbose: 0 });
  const loss = h.history.loss as number[];
  const outputAtEnd = (model.predict(xs) as tf.Tensor).dataSync();
  return { seed, outputAtStart, lossFirst: loss[0], lossLast: loss[loss.length - 1], predictions: Array.from(outputAtEnd).map((v) => +v.toFixed(1)) };
}

async function main() {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3, 4, 5]) console.log('optimal-region', JSON.stringify(await optimalRegion(seed)));
  for (const seed of [1, 2, 3, 4, 5]) console.log('tensorflowtest', JSON.stringify(await tensorflowTest(seed)));
}

void main();
