// @case dc-regrNN-miss-reg
// @set heldout
// @label buggy
// @bug missing-regularization
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/missing_regulariaztion/regrNN_miss_reg.py
// @fault L2 λ = 1e-12 instead of 1e-5 ("we reduce drastically the lambda of l2-norm cost aiming at removing the
//   regularization").
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features and target min-max scaled
//   per column to [0, 1] as its DataLoaderFromArrays(normalization=True, homogeneous=False).
// @settings as regrNN.py (Adam lr 1e-3, MSE, He-normal hidden kernels, batch 32) with L2 1e-12.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const features = minMax(rows.map((r) => r.slice(1)));
const targets = minMax(rows.map((r) => [r[0]]));

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-12 }); // FAULT
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() })); // FAULT
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() })); // FAULT
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
