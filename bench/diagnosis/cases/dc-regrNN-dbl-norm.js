// @case dc-regrNN-dbl-norm
// @set heldout
// @label buggy
// @bug unscaled-input
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/double_normalization/regrNN_dbl_norm.py
// @fault the features normalised twice: (x − min) / range / range (its CustomDataLoader.normalize), so columns with a wide
//   range (weight ~3,500, displacement ~390) shrink to ~10^-4 ("the magnitude of data would be critically low").
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features (x − min) / range / range per
//   column as its CustomDataLoader; target min-max scaled to [0, 1] (preprocess, not doubled).
// @settings as regrNN.py (Adam lr 1e-3, MSE, L2 1e-5, He-normal hidden kernels, batch 32).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const raw = rows.map((r) => r.slice(1));
const range = raw[0].map((_, c) => Math.max(...raw.map((r) => r[c])) - Math.min(...raw.map((r) => r[c])) || 1e-8);
const features = minMax(raw).map((r) => r.map((v, c) => v / range[c])); // FAULT
const targets = minMax(rows.map((r) => [r[0]]));

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() }));
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
