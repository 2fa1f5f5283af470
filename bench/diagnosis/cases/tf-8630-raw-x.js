// @case tf-8630-raw-x
// @set heldout9
// @label buggy
// @bug unscaled-input, lr-high
// @fault per-example gradient descent on an unscaled input (x = 568 … 1137): each step on one example is stable only below
//   2/h with h = x²/n (the cost is Σ(pred − y)²/(2n) with n = 17), i.e. below 2·17/1137² ≈ 2.6e-5; the rate 1e-4 is four
//   times that, so the weight oscillates with growing amplitude and the cost is NaN within the first epochs. Scaling x (or a
//   rate under 2.6e-5) fixes it; the example's own data (x = 2.2 … 10.8) trains at 0.01 (ad-linreg).
// @source GitHub issue tensorflow/tensorflow#8630 "NAN returning for cost and optimizer for
//   tensorflow.train.GradientDescentOptimizer (updated code)" (March 2017,
//   https://github.com/tensorflow/tensorflow/issues/8630): the reporter's program is aymericdamien/TensorFlow-Examples'
//   linear regression (examples/2_BasicModels/linear_regression.py: W and b from numpy randn, pred = X·W + b, cost =
//   Σ(pred − Y)²/(2n), GradientDescentOptimizer, one step per example in order, display every 50 epochs) with its own 17
//   points under "# Bad Training Data" (the example's data kept under "# Good Training Data", commented out), learning_rate
//   0.0001 and 1000 epochs: "I keep getting Nan values for my cost function right away".
// @training the reporter's output: "Epoch: 0050 cost= nan W= nan b= nan", "Epoch: 0100 cost= nan …".
// @data inline: the reporter's 17 (x, y) points.
// @settings Dense(1) with random-normal (stddev 1) kernel and bias (numpy randn), the cost Σ(pred − y)²/(2·17) as a loss
//   function, SGD 1e-4, batch 1 in the data's order (no shuffling), 1,000 epochs.
// @license the issue's program is aymericdamien/TensorFlow-Examples' (MIT) with the reporter's data; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// Bad Training Data
const train_Y = [59.8, 60.5, 60.9, 61.0, 61.5, 64.0, 64.5, 64.8, 67.8, 71.2, 72.0, 78.9, 79.2, 81.0, 82.6, 84.0, 84.0];
const train_X = [600, 760, 802, 568, 679, 865, 1103, 865, 896, 1068, 769, 1062, 1123, 1081, 1137, 1137, 1137]; // FAULT
const n_samples = train_X.length;

const model = tf.sequential();
model.add(tf.layers.dense({
  units: 1, inputShape: [1],
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
}));
const cost = (Y, pred) => tf.sum(tf.square(tf.sub(pred, Y))).div(2 * n_samples);
model.compile({ loss: cost, optimizer: tf.train.sgd(0.0001) }); // FAULT
model.fit(tf.tensor2d(train_X, [n_samples, 1]), tf.tensor2d(train_Y, [n_samples, 1]), { batchSize: 1, epochs: 1000, shuffle: false });
