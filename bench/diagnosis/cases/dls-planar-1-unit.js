// @case dls-planar-1-unit
// @moved-from heldout5 (held-out protocol: motivated capacity-bottleneck, a hidden one-unit layer on two or more features, branch capacity)
// @label buggy
// @bug model-capacity
// @source deeplearning.ai Deep Learning Specialization, course 1 week 3 programming assignment "Planar data classification
//   with one hidden layer", as published with its outputs in github.com/Kulbear/deep-learning-coursera@997fdb2 ("Neural
//   Networks and Deep Learning/Planar data classification with one hidden layer.ipynb"), section 4.6 "Tuning hidden layer
//   size": nn_model(X, Y, n_h, num_iterations=5000) for n_h = 1. The notebook's run: "Accuracy for 1 hidden units: 67.5 %"
//   (2 units: 67.25 %, 3–50 units: 90–91.25 %); its interpretation: "The larger models (with more hidden units) are able to
//   fit the training set better … The best hidden layer size seems to be around n_h = 5". Our reading of the source, stated
//   so it can be discounted: the one-unit network is labelled too small for the task (the assignment's working model has 4).
// @fault one tanh hidden unit cannot draw the flower's non-linear boundary (the fix: 4–5 hidden units).
// @data load_planar_dataset's "flower": 400 points, two classes of 200, θ = linspace(j·3.12, (j+1)·3.12) + N(0, 0.2²),
//   r = 4 sin 4θ + N(0, 0.2²), x = (r sin θ, r cos θ) — the helper's recipe, regenerated with a seeded generator (its
//   np.random.seed(1) draws are not reproducible here).
// @settings Dense(1, tanh) → Dense(1, sigmoid), weights N(0, 0.01²), biases zeros (initialize_parameters), the assignment's
//   cross-entropy (mean over examples), batch gradient descent learning_rate 1.2 on all 400 points, 5,000 iterations.
// @license course material (no licence stated in the repository): this is our TensorFlow.js translation, the original
//   is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// planar_utils.load_planar_dataset: a two-class "flower" with four petals.
function loadPlanarDataset(seed) {
  const random = rng(seed);
  const m = 400;
  const N = m / 2;
  const a = 4;
  const rows = [];
  for (let j = 0; j < 2; j++) {
    for (let i = 0; i < N; i++) {
      const t = j * 3.12 + (i * 3.12) / (N - 1) + 0.2 * random.normal();
      const r = a * Math.sin(4 * t) + 0.2 * random.normal();
      rows.push([r * Math.sin(t), r * Math.cos(t), j]);
    }
  }
  return rows;
}
const rows = loadPlanarDataset(1);
const X = tf.tensor2d(rows.map((r) => [r[0], r[1]]));
const Y = tf.tensor2d(rows.map((r) => [r[2]]));

const nH = 1; // FAULT
const small = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.01 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: nH, activation: 'tanh', kernelInitializer: small(), biasInitializer: 'zeros' })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: small(), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.sgd(1.2), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(X, Y, { batchSize: 400, epochs: 5000, shuffle: false });
