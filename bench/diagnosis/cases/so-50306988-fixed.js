// @case so-50306988-fixed
// @set heldout
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/50306988/Correct Code/50306988.py"; Stack Overflow question 50306988.
// @data the program's own generator, seeded: 200 points of class 0 with both features ~ U(0.2, 0.4) and 200 of class 1
//   ~ U(0.5, 0.7), shuffled as its np.random.shuffle.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), binary cross-entropy, Adam (Keras default lr 1e-3), batch 32, 50 epochs.
// @training train.ts (wasm, its 50 epochs): loss 0.880 → 0.695, accuracy 0.50: with Adam 1e-3 and two sigmoid units it
//   has not separated the classes yet (the benchmark publishes 0.67 / 1.0). The label stays the source's.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

const random = rng(50306988);
const rows = [
  ...Array.from({ length: 200 }, () => [random.uniform(0.2, 0.4), random.uniform(0.2, 0.4), 0]),
  ...Array.from({ length: 200 }, () => [random.uniform(0.5, 0.7), random.uniform(0.5, 0.7), 1]),
];
const order = shuffled(rows, 1);
const xTrain = tf.tensor2d(order.map((r) => [r[0], r[1]]));
const yTrain = tf.tensor2d(order.map((r) => [r[2]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [2] }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 50, batchSize: 32 });
