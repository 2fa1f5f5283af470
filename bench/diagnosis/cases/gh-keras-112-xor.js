// @case gh-keras-112-xor
// @set heldout4
// @label healthy
// @source GitHub issue github.com/keras-team/keras/issues/112 ("Can't get a simple XOR problem network to work", 2015):
//   the program a participant posted as "an XOR net that works with the new API"; a later comment: "this works
//   perfectly. Gives me a loss of 0.0010".
// @data the program's own four XOR rows.
// @settings Dense(2) → sigmoid → Dense(1) → sigmoid, mean squared error, SGD lr 0.1 with Nesterov momentum 0.9 (decay 1e-6:
//   < 0.1 % over the profiled steps; tfjs's momentum optimizer has no decay), batch 4, 10,000 epochs.
// @license code from a GitHub issue (no licence stated): this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const X = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputDim: 2 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 10000, batchSize: 4 });
