// @case canon-sigmoid-10
// @label buggy
// @bug vanishing
// @source the seed articles' vanishing-gradient example (a deep stack of sigmoid layers; Glorot & Bengio, AISTATS 2010, Fig. 2-3):
//   our construction. Label checked: see docs/diagnosis.md (training run of this file).
// @fault 10 sigmoid layers: each multiplies the backward signal by σ' ≤ 0.25, the first layers get ~1e-6 of the last one's gradient.
// @data scikit-learn's bundled wine data (178 rows, 13 features, 3 classes), features z-scored, one-hot labels, rows shuffled (seeded).
// @settings 10 sigmoid layers of 64, Glorot-uniform, SGD lr 0.1, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('wine').rows, 5);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 13))));
const ys = tf.tensor2d(oneHot(rows.map((r) => r[13]), 3));

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [13] }));
for (let i = 0; i < 10; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'sigmoid', kernelInitializer: 'glorotUniform' })); // FAULT
}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 100, shuffle: true });
