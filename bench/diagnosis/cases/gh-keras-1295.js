// @case gh-keras-1295
// @label buggy
// @bug lr-low
// @source GitHub issue github.com/keras-team/keras/issues/1295 ("MLP can't learn XOR.", 2015): the reporter's program ("loss
//   is dropping, but never get it right": predictions 0.51–0.57 for all four rows after 500 epochs). The maintainer points
//   to the XOR thread keras-team/keras#112, whose working program (gh-keras-112-xor) trains the same 2-2-1 sigmoid net with
//   SGD lr 0.1, Nesterov momentum 0.9 and 10,000 epochs; a later comment on #1295: "decay=1e-6, momentum=0.9,
//   nesterov=True in the SGD operator makes all the difference".
// @fault plain SGD at Keras's default lr 0.01 for 500 full-batch epochs: far too slow a step to leave the sigmoid net's
//   plateau (the fix: lr 0.1 with Nesterov momentum 0.9).
// @data the program's own four XOR rows.
// @settings Dense(2) → sigmoid → Dense(1) → sigmoid, binary cross-entropy, "sgd" (Keras default lr 0.01), batch 4, 500 epochs.
// @license code from a GitHub issue (no licence stated): this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const xTrain = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const yTrain = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2] }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { batchSize: 4, shuffle: false, epochs: 500 });
