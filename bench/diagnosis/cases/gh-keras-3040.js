// @case gh-keras-3040
// @set heldout4
// @label buggy
// @bug lr-high
// @source GitHub issue github.com/keras-team/keras/issues/3040 ("Simple Linear Regression Nan's after a few iterations",
//   2016): the reporter's program, whose weights go to NaN; the reporter closes it with "realized my learning rate was too
//   high".
// @fault SGD's learning rate 0.001 for inputs 0…199 (the MSE gradient grows with x², so the step overshoots and diverges).
// @data the program's own: x = 0, 1, …, 199 and y = 2x.
// @settings Dense(1), SGD lr 0.001 (its decay 1e-6 left out: < 0.1 % in 200 steps), mean squared error, batch 1, 1 epoch.
// @license code from a GitHub issue (no licence stated): this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const xs = Array.from({ length: 200 }, (_, i) => i);
const x = tf.tensor2d(xs, [200, 1]);
const y = tf.tensor2d(xs.map((v) => 2 * v), [200, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputDim: 1 }));
const sgd = tf.train.sgd(0.001); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(x, y, { epochs: 1, batchSize: 1 });
