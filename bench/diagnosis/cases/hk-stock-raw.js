// @case hk-stock-raw
// @set heldout9
// @label buggy
// @bug unscaled-input
// @fault the features are raw stock prices (≈ 800) and a trading volume (≈ 10⁶) fed unscaled to a linear regression under
//   gradient descent at 1e-5: the first step multiplies the volume column's error into the weights, the cost goes
//   2.5e12 → 2.7e27 → inf → nan within six steps. The lab's fix (lab-07-3) min-max scales every column first.
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 7-2 "linear regression without min-max":
//   github.com/hunkim/DeepLearningZeroToAll@60c707e, lab-07-2-linear_regression_without_min_max.py — X·W + b on 8 rows of daily stock data (open, high,
//   volume, low → close), W and b from random_normal, mean squared error, GradientDescentOptimizer(1e-5), 101 full-batch
//   steps. Its companion lab-07-3-linear_regression_min_max.py applies a min-max scaler to the same rows ("very
//   important. It does not work without it.").
// @training the lab prints: step 0 cost 2.45533e+12, step 1 2.69762e+27, steps 2–5 inf (predictions ±1e21 … 1e36, then
//   inf), step 6 nan (predictions nan).
// @data inline: the lab's own eight rows (Google daily open, high, volume, low, close; Jan–Feb 2017), unscaled.
// @settings Dense(1) with random-normal (stddev 1) kernel and bias, MSE, SGD 1e-5, one batch of 8 rows, 101 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const xy = [
  [828.659973, 833.450012, 908100, 828.349976, 831.659973],
  [823.02002, 828.070007, 1828100, 821.655029, 828.070007],
  [819.929993, 824.400024, 1438100, 818.97998, 824.159973],
  [816, 820.958984, 1008100, 815.48999, 819.23999],
  [819.359985, 823, 1188100, 818.469971, 818.97998],
  [819, 823, 1198100, 816, 820.450012],
  [811.700012, 815.25, 1098100, 809.780029, 813.669983],
  [809.51001, 816.659973, 1398100, 804.539978, 809.559998],
];
const x_data = tf.tensor2d(xy.map((r) => r.slice(0, 4))); // FAULT
const y_data = tf.tensor2d(xy.map((r) => [r[4]]));

const model = tf.sequential();
model.add(tf.layers.dense({
  units: 1, inputShape: [4],
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
}));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-5) });
model.fit(x_data, y_data, { batchSize: 8, epochs: 101 });
