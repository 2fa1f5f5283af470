// @case canon-tanh-17-glorot
// @label healthy
// @source our construction after the healthy models issue 16 describes ("stacks of 5 to 17 tanh layers (Glorot init, Adam) that train
//   without trouble"); Glorot & Bengio (AISTATS 2010) for why tanh with a fan-matched initialisation keeps its gradient. Label
//   checked: see docs/diagnosis.md (training run of this file).
// @data scikit-learn's bundled wine data (178 rows, 13 features, 3 classes), features z-scored, one-hot labels, rows shuffled (seeded).
// @settings 17 tanh layers of 64, Glorot-uniform, Adam lr 1e-3, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('wine').rows, 5);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 13))));
const ys = tf.tensor2d(oneHot(rows.map((r) => r[13]), 3));

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [13] }));
for (let i = 0; i < 17; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'tanh', kernelInitializer: 'glorotUniform' }));
}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 100, shuffle: true });
