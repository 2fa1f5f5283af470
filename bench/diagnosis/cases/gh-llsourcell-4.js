// @case gh-llsourcell-4
// @set heldout5
// @label buggy
// @bug unscaled-input, lr-high
// @source GitHub issue github.com/llSourcell/linear_regression_live/issues/4 ("Not working in Tensor Flow", 2017): the
//   TensorFlow "Getting Started" linear regression (W = tf.Variable([.3]), b = tf.Variable([-.3]), loss =
//   tf.reduce_sum(tf.square(linear_model - y)), tf.train.GradientDescentOptimizer(0.01), 1000 steps) run on the repository's
//   data reduced to x_train = [32,53,61,47,59], y_train = [31,68,62,71,87]: "W: [ nan] b: [ nan] loss: nan". The reporter's
//   diagnosis in the thread: "the learning rate needed to be lowered to .000001 before I got any results" and
//   "Normalizing the data in a preprocessing step will help avoid this".
// @fault inputs around 50 with a summed squared loss and SGD lr 0.01: the loss's curvature along W is 2·Σx² ≈ 26,500, so gradient
//   descent diverges at any rate above 2/26,500 ≈ 7.5e-5 (the fixes the thread gives: normalise the inputs, or a rate of 1e-6).
// @data the five rows.
// @settings one weight and one bias (Dense(1) on one input, initialised 0.3 and −0.3 as the tutorial's variables), loss
//   Σ (W·x + b − y)² over the batch, plain gradient descent lr 0.01 on all five rows, 1,000 steps.
// @license code from a GitHub issue (no licence stated; the tutorial is Apache-2.0, Copyright Google): this is our
//   TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const xTrain = tf.tensor2d([32, 53, 61, 47, 59], [5, 1]); // FAULT
const yTrain = tf.tensor2d([31, 68, 62, 71, 87], [5, 1]);

// linear_model = W * x + b
const linearModel = tf.sequential();
linearModel.add(tf.layers.dense({ inputShape: [1], units: 1, kernelInitializer: tf.initializers.constant({ value: 0.3 }), biasInitializer: tf.initializers.constant({ value: -0.3 }) }));
// loss = tf.reduce_sum(tf.square(linear_model - y)): the sum of the squares
const sumOfSquares = (y, prediction) => tf.square(tf.sub(prediction, y)).sum();
linearModel.compile({ optimizer: tf.train.sgd(0.01), loss: sumOfSquares }); // FAULT
linearModel.fit(xTrain, yTrain, { batchSize: 5, epochs: 1000, shuffle: false });
