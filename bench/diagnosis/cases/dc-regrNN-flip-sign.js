// @case dc-regrNN-flip-sign
// @set heldout
// @label buggy
// @bug flipped-gradient
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/flipped_sign/regrNN_flip_sign.py
// @fault every gradient negated before Adam applies it (grads = tf.gradients(loss + reg); apply_gradients(-grads)): the
//   optimizer climbs the loss ("a mistaken gradient direction which inverses the problem to maximization").
// @data auto-mpg.csv of the same repository (UCI Auto MPG, 392 rows; prepare.ts extracts it): 9 features, target MPG;
//   80 % sampled for training (seeded, as its dataset.sample(frac=0.8, random_state=0)); features and target min-max scaled
//   per column to [0, 1] as its DataLoaderFromArrays(normalization=True, homogeneous=False).
// @settings as regrNN.py (Adam lr 1e-3, MSE, L2 1e-5, He-normal hidden kernels, batch 32); the negation sits in an Adam
//   subclass's applyGradients, where a tfjs user hand-writing the update would put it.
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
// Adam handed the negated gradients of loss + regularization, as the program's apply_gradients(neg_grads).
class FlippedAdam extends tf.AdamOptimizer {
  applyGradients(variableGradients) {
    const named = Array.isArray(variableGradients) ? Object.fromEntries(variableGradients.map((g) => [g.name, g.tensor])) : variableGradients;
    super.applyGradients(Object.fromEntries(Object.entries(named).map(([name, g]) => [name, tf.neg(g)]))); // FAULT
  }
}
model.compile({ optimizer: new FlippedAdam(1e-3, 0.9, 0.999), loss: 'meanSquaredError' }); // FAULT
model.fit(tf.tensor2d(features), tf.tensor2d(targets), { batchSize: 32, epochs: 100, shuffle: true });
