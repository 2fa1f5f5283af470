// @case dc-regrNN-low-eps
// @set heldout
// @label healthy
// @source-bug optimizer-epsilon
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/low_adam_epsilon/regrNN_low_eps.py
// @fault Adam's epsilon 1e-16 instead of the default 1e-8 ("the by-default epsilon is too low and not adapted for the app").
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features and target min-max scaled
//   per column to [0, 1] as its DataLoaderFromArrays(normalization=True, homogeneous=False).
// @settings as regrNN.py (Adam lr 1e-3, MSE, L2 1e-5, He-normal hidden kernels, batch 32) with epsilon 1e-16.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const features = minMax(rows.map((r) => r.slice(1)));
const targets = minMax(rows.map((r) => [r[0]]));

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() }));
model.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-16), loss: 'meanSquaredError' }); // SOURCE-FAULT
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
// @source-label buggy
// @relabel buggy → healthy (coordinator, on the falsealarms engineer's measurement, 2026-12-06): trained on its own plan
//   (train.ts, wasm, 4 runs each) its final MSE is 0.00479 / 0.00495 / 0.00509 / 0.00470 against the clean regrNN program's
//   0.00491 / 0.00484 / 0.00472 / 0.00545: Adam's epsilon only changes a step where the gradient's RMS nears it (1e-8 vs
//   1e-16), which this model's gradients never do. The source's label is kept in @source-label and scored both ways;
//   SOURCE-FAULT replaces FAULT on the same line.
