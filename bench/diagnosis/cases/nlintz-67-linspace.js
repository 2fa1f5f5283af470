// @case nlintz-67-linspace
// @label buggy
// @bug lr-high, unscaled-input
// @source nlintz/TensorFlow-Tutorials, 01_linear_regression.py at github.com/nlintz/TensorFlow-Tutorials@d6bdab7 (y ≈ 2x with
//   x = linspace(-1, 1, 101), model X·w with w = 0, squared error, GradientDescentOptimizer(0.01) one point at a time, 100
//   passes) with the change of issue github.com/nlintz/TensorFlow-Tutorials/issues/67: "when change the "stop" parameter of
//   np.linspace … to a larger number like 20 (i.e. trX = np.linspace(-1, 20, 101)), then the learned weight w will be nan";
//   the answer: "you have to change the learning rate to 0.00001 for trX = np.linspace(-1, 20, 101), then the learned weight
//   will not be nan".
// @fault inputs up to 20 make the squared error's curvature 2x² up to 800, so the tutorial's rate 0.01 (stable for |x| ≤ 1)
//   overshoots and diverges to NaN (the thread's fix: a rate of 1e-5; scaling x back to [−1, 1] works as well).
// @data the tutorial's own generator with the range, seeded (np.random's draws are not reproducible here): 101 points
//   x = linspace(−1, 20), y = 2x + N(0, 0.33²).
// @settings y = x·w (Dense(1), no bias, w = 0), squared error, plain SGD lr 0.01, batch 1 in order, 100 epochs.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(67);
const trX = Array.from({ length: 101 }, (_, i) => -1 + (21 * i) / 100); // FAULT np.linspace(-1, 20, 101)
const trY = trX.map((x) => 2 * x + random.normal() * 0.33); // a y value which is approximately linear but with some random noise

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, useBias: false, kernelInitializer: 'zeros' })); // lr is just X*w
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' }); // FAULT
model.fit(tf.tensor2d(trX, [101, 1]), tf.tensor2d(trY, [101, 1]), { batchSize: 1, epochs: 100, shuffle: false });
