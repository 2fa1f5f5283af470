// @case ad-linreg
// @moved-from heldout9 (held-out protocol: loss-function judges a sum at the script's own batch size, written with this program in view, branch misses9)
// @label healthy
// @source Aymeric Damien, TensorFlow-Examples: github.com/aymericdamien/TensorFlow-Examples@6dcbe14, examples/2_BasicModels/linear_regression.py (and
//   notebooks/2_BasicModels/linear_regression.ipynb) — W and b from numpy randn, pred = X·W + b, cost = Σ(pred − Y)²/(2n),
//   GradientDescentOptimizer(0.01), one step per example in order, 1,000 epochs, on its 17 training points.
// @training the notebook's printed run: "Epoch: 0050 cost=" … falling every 50 epochs (0.1409 at 300, 0.1161 at 500), "Epoch:
//   1000 cost= 0.088419855 W= 0.30953 b= 0.370291", "Training cost= 0.0884199" — still falling slowly at the end (the
//   least-squares line's cost is ≈ 0.077), no divergence.
// @data inline: the example's 17 (x, y) points.
// @settings Dense(1) with random-normal (stddev 1) kernel and bias (numpy randn), the cost Σ(pred − y)²/(2·17) as a loss
//   function, SGD 0.01, batch 1 in the data's order (no shuffling), 1,000 epochs.
// @license MIT (Copyright Aymeric Damien); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// Training Data
const train_X = [3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167, 7.042, 10.791, 5.313, 7.997, 5.654, 9.27, 3.1];
const train_Y = [1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221, 2.827, 3.465, 1.65, 2.904, 2.42, 2.94, 1.3];
const n_samples = train_X.length;

const model = tf.sequential();
model.add(tf.layers.dense({
  units: 1, inputShape: [1],
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
}));
const cost = (Y, pred) => tf.sum(tf.square(tf.sub(pred, Y))).div(2 * n_samples);
model.compile({ loss: cost, optimizer: tf.train.sgd(0.01) });
model.fit(tf.tensor2d(train_X, [n_samples, 1]), tf.tensor2d(train_Y, [n_samples, 1]), { batchSize: 1, epochs: 1000, shuffle: false });
