// @case ns-linreg-lr-1e-3
// @moved-from heldout10 (held-out protocol: its linear-probe numbers (a noise-free line) made the regression reading of capacity-linear require a gap of 5 % of the targets' variance, branch capacity)
// @label healthy
// @source nethsix/gentle_tensorflow (a TensorFlow tutorial repository), code/linear_regression_one_feature_using_mini_batch_with_
//   tensorboard.py at github.com/nethsix/gentle_tensorflow@00ec1ad (the fix of its issue
//   github.com/nethsix/gentle_tensorflow/issues/7 ("…is not valid", 2016-06-28)) — y = W·x + b with W and b zeros, cost
//   reduce_mean(square(y_ − y)), GradientDescentOptimizer(0.001), 1,000 points x = i % 10, y = 2x + 10, batch 1, 10,000 steps
//   (every tenth one a summary instead of a step).
// @training (the fixed script; the repository prints no run, the label rests on the author's words and the closed form: at rate
//   0.001 the per-example steps contract the error by a factor ≥ 1 − 0.002·(1 + x²) ≥ 0.836 for x ≤ 9, so W and b converge well within
//   9,000 steps) the issue: "Training doesnt provide intended results. I see the actual b value is 10"; the author's reply: b "is still
//   increasing albeit slowly with each train step. One way to make learning faster is to increase the 'learn_rate'. Try setting
//   'learn_rate = 0.001'"; commit 00ec1ad: "Change learn_rate so that script runs, and results are correct without additional tuning".
// @data computed by the program: the script's 1,000 points (x = i % 10, y = 2x + 10).
// @settings Dense(1) with zero kernel and bias, mean squared error, SGD 0.001, batch 1 in order, 9 epochs (9,000 steps).
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
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.001) });
model.fit(tf.tensor2d(xs), tf.tensor2d(ys), { batchSize: 1, epochs: 9, shuffle: false });
