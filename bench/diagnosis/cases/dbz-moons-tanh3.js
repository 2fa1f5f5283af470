// @case dbz-moons-tanh3
// @set heldout11
// @label healthy
// @source D. Britz, "Implementing a Neural Network from Scratch in Python": github.com/dennybritz/nn-from-scratch@9a2f09a,
//   nn-from-scratch.ipynb (outputs saved) — make_moons(200, noise=0.20) with np.random.seed(0); build_model(nn_hdim=3): W1 =
//   randn(2, 3)/√2, W2 = randn(3, 2)/√3, zero biases, tanh hidden layer, softmax output, cross-entropy + reg_lambda/2·(ΣW1² + ΣW2²)
//   with reg_lambda 0.01, full-batch gradient descent on the SUMMED gradients with epsilon 0.01, 20,000 passes.
// @training the notebook prints "Loss after iteration 0: 0.432387", 1000: 0.068947, … 19000: 0.071316 (loss per example), and
//   plots a decision boundary that follows both moons ("Decision Boundary for hidden layer size 3").
// @data computed by the program: scikit-learn's make_moons (two half circles, 100 points each, Gaussian noise of std 0.2) from a
//   seeded normal (numpy's draws are not reproduced).
// @settings Dense(3, tanh) → Dense(2, softmax), kernels N(0, 1/fan-in), biases zeros, categoricalCrossentropy (a mean over the 200
//   points, so the notebook's summed step of 0.01 is SGD 2.0 here and its reg_lambda/2·ΣW² per summed loss is L2 2.5e-5 on each
//   kernel), one batch of 200 points, 20,000 epochs.
// @license MIT (Copyright Denny Britz); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// sklearn.datasets.make_moons(200, noise=0.2): an outer half circle (class 0) and an inner one shifted by (1, -0.5) (class 1).
const random = rng(0);
const points = [];
const labels = [];
for (let i = 0; i < 100; i++) {
  const a = (Math.PI * i) / 99;
  points.push([Math.cos(a) + 0.2 * random.normal(), Math.sin(a) + 0.2 * random.normal()]);
  labels.push([1, 0]);
  points.push([1 - Math.cos(a) + 0.2 * random.normal(), 1 - Math.sin(a) - 0.5 + 0.2 * random.normal()]);
  labels.push([0, 1]);
}
const X = tf.tensor2d(points);
const y = tf.tensor2d(labels);
const reg = () => tf.regularizers.l2({ l2: 0.01 / (2 * 200) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, activation: 'tanh', inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: 1 / Math.sqrt(2) }), kernelRegularizer: reg() }));
model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ stddev: 1 / Math.sqrt(3) }), kernelRegularizer: reg() }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.01 * 200), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 200, epochs: 20000 });
