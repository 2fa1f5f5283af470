// @case ns-linreg-lr-1e-7
// @moved-from heldout10 (held-out protocol: its linear-probe numbers (a noise-free line) made the regression reading of capacity-linear require a gap of 5 % of the targets' variance, branch capacity)
// @label buggy
// @bug lr-low
// @fault learning rate 1e-7 for a one-feature linear regression whose inputs are 0–9 and targets 10–28, one example per step:
//   the bias's gradient is −2·(target − prediction) ≈ −38 at the start, so each step moves it by ~4e-6 and 9,000 steps move it by
//   ~0.03 of the 10 it must reach. The reporter: the training "doesnt provide intended results" (b should be 10); the
//   author: "b is still increasing albeit slowly … increase the learn_rate", and the script now uses 0.001 (ns-linreg-lr-1e-3).
// @source nethsix/gentle_tensorflow (a TensorFlow tutorial repository), code/linear_regression_one_feature_using_mini_batch_with_
//   tensorboard.py at github.com/nethsix/gentle_tensorflow@f0b992b (before the fix 00ec1ad), and its issue
//   github.com/nethsix/gentle_tensorflow/issues/7 ("…is not valid", 2016-06-28) — y = W·x + b with W and b zeros, cost
//   reduce_mean(square(y_ − y)), GradientDescentOptimizer(0.0000001), 1,000 points x = i % 10, y = 2x + 10, batch 1, 10,000 steps
//   (every tenth one a summary instead of a step).
// @training the issue: "Training doesnt provide intended results. I see the actual b value is 10"; the author's reply: b "is still
//   increasing albeit slowly with each train step. One way to make learning faster is to increase the 'learn_rate'. Try setting
//   'learn_rate = 0.001'"; commit 00ec1ad: "Change learn_rate so that script runs, and results are correct without additional tuning".
// @data computed by the program: the script's 1,000 points (x = i % 10, y = 2x + 10).
// @settings Dense(1) with zero kernel and bias, mean squared error, SGD 1e-7, batch 1 in order, 9 epochs (9,000 steps).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const datapointSize = 1000;
const actualW = 2;
const actualB = 10;
const xs = [];
const ys = [];
for (let i = 0; i < datapointSize; i++) {
  xs.push([i % 10]);
  ys.push([actualW * (i % 10) + actualB]);
}

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.0000001) }); // FAULT
model.fit(tf.tensor2d(xs), tf.tensor2d(ys), { batchSize: 1, epochs: 9, shuffle: false });
