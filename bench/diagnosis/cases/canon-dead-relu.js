// @case canon-dead-relu
// @label buggy
// @bug dead-relu
// @source the seed articles' dead-ReLU example (large negative biases): our construction. Label checked: see docs/diagnosis.md.
// @fault bias initialised to -4 on z-scored inputs: nearly every unit outputs 0 for every example and gets no gradient.
// @data scikit-learn's bundled wine data (178 rows, 13 features, 3 classes), features z-scored, one-hot labels, rows shuffled (seeded).
// @settings 3 ReLU layers of 64, He-normal kernels, constant(-4) biases, Adam lr 1e-3, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('wine').rows, 5);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 13))));
const ys = tf.tensor2d(oneHot(rows.map((r) => r[13]), 3));

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [13] }));
for (let i = 0; i < 3; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', biasInitializer: tf.initializers.constant({ value: -4 }) })); // FAULT
}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 100, shuffle: true });
