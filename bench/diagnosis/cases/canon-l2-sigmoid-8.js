// @case canon-l2-sigmoid-8
// @label buggy
// @bug vanishing
// @source issue 12 ("missed every buggy model whose layers carry L2 weight decay": the 2λw term hides the vanishing data gradient)
//   with the seed articles' deep-sigmoid example: our construction. Label checked: see docs/diagnosis.md.
// @fault 8 sigmoid layers under L2 1e-2: the data-loss gradient of the first layers vanishes under the weight-decay gradient.
// @data scikit-learn's bundled wine data (178 rows, 13 features, 3 classes), features z-scored, one-hot labels, rows shuffled (seeded).
// @settings 8 sigmoid layers of 64, Glorot-uniform, L2 1e-2 on every hidden kernel, SGD lr 0.1, batch 32.
// @license our own program (no third-party code).
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('wine').rows, 5);
const xs = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 13))));
const ys = tf.tensor2d(oneHot(rows.map((r) => r[13]), 3));

const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [13] }));
for (let i = 0; i < 8; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'sigmoid', kernelInitializer: 'glorotUniform', kernelRegularizer: tf.regularizers.l2({ l2: 1e-2 }) })); // FAULT
}
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 32, epochs: 100, shuffle: true });
