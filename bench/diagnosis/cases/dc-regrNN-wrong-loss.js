// @case dc-regrNN-wrong-loss
// @label buggy
// @bug wrong-loss, unscaled-target
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/wrong_loss_function/regrNN_wrong_loss.py
// @fault the squared error summed over the batch (tf.reduce_sum) instead of averaged, on targets 10 × MPG left unscaled
//   (target_scaling=False): "a sum reduction over mean reduction on originally-scaling of target outputs induces high-scaling
//   gradients and predictions".
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features min-max scaled per column
//   to [0, 1]; target 10 × MPG unscaled (target_scaling=False), as the program.
// @settings as regrNN.py (Adam lr 1e-3, L2 1e-5, He-normal hidden kernels, batch 32) with the summed loss.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const features = minMax(rows.map((r) => r.slice(1)));
const targets = rows.map((r) => [10 * r[0]]); // FAULT

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() }));
const summedSquaredError = (labels, outputs) => tf.sum(tf.square(tf.sub(outputs, labels)));
model.compile({ optimizer: tf.train.adam(1e-3), loss: summedSquaredError }); // FAULT
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
