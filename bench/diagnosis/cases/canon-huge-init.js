// @case canon-huge-init
// @label buggy
// @bug exploding
// @source the seed articles' exploding-gradient example (weights initialised far too large): our construction. Label checked:
//   see docs/diagnosis.md.
// @fault N(0, 3) kernels (He would be ~0.18 for 64 inputs): activations grow ×~17 a layer, the softmax saturates, gradients explode.
// @data scikit-learn's bundled wine data (178 rows, 13 features, 3 classes), features z-scored, one-hot labels, rows shuffled (seeded).
// @settings 4 ReLU layers of 64 with N(0, 3) kernels, SGD lr 0.01, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('wine').rows, 5);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 13))));
const ys = tf.tensor2d(oneHot(rows.map((r) => r[13]), 3));

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [13] }));
for (let i = 0; i < 4; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 3 }) })); // FAULT
}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 100, shuffle: true });
