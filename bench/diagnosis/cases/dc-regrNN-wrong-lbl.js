// @case dc-regrNN-wrong-lbl
// @label buggy
// @bug wrong-labels
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/wrong_labels/regrNN_wrong_lbl.py
// @fault its data loader's shuffle() permutes the features but not the targets ("a common faulty situation is to get only the
//   features shuffled"): from the first reshuffle on, each row's features sit beside another car's MPG.
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features and target min-max scaled
//   per column to [0, 1] as its DataLoaderFromArrays(normalization=True, homogeneous=False).
//   The loader shuffles (features only) after each full pass; here the features are permuted once (seeded) before fit,
//   the pairing the program trains on from its second epoch on.
// @settings as regrNN.py (Adam lr 1e-3, MSE, L2 1e-5, He-normal hidden kernels, batch 32) with the broken shuffle.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, minMax, shuffled } = require('./data.ts');

const rows = shuffled(table('auto-mpg').rows, 0).slice(0, 314);
const features = shuffled(minMax(rows.map((r) => r.slice(1))), 11); // FAULT
const targets = minMax(rows.map((r) => [r[0]]));

const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l2() }));
model.add(tf.layers.dense({ units: 1, activation: 'linear', kernelRegularizer: l2() }));
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
