// @case dc-regrNN-wrong-loss2
// @label buggy
// @bug wrong-loss
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/wrong_loss_function2/regrNN_wrong_loss2.py
// @fault labels of shape [batch] against outputs of shape [batch, 1]: outputs − labels broadcasts to a batch × batch matrix,
//   so the mean squared "error" compares every prediction with every label ("removing the explicit single dimension for the
//   output [..., 1] for labels will make the broadcasting in the loss calculation faulty"); L2 1e-6.
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features and target min-max scaled
//   per column to [0, 1] as its DataLoaderFromArrays(normalization=True, homogeneous=False).
//   tfjs's fit gives the loss labels of shape [batch, 1]; the loss flattens them as the program's placeholder [None] does.
// @settings as regrNN.py (Adam lr 1e-3, He-normal hidden kernels, batch 32) with L2 1e-6 and the broadcasting loss.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const features = minMax(rows.map((r) => r.slice(1)));
const targets = minMax(rows.map((r) => [r[0]]));

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-6 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() }));
// The program's labels placeholder is [None]: flattened labels broadcast against the [batch, 1] outputs.
const broadcastSquaredError = (labels, outputs) => tf.mean(tf.square(tf.sub(outputs, tf.reshape(labels, [-1]))));
model.compile({ optimizer: tf.train.adam(1e-3), loss: broadcastSquaredError }); // FAULT
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
