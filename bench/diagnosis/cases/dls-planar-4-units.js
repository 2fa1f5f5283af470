// @case dls-planar-4-units
// @set heldout5
// @label healthy
// @source deeplearning.ai Deep Learning Specialization, course 1 week 3 programming assignment "Planar data classification
//   with one hidden layer", as published with its outputs in github.com/Kulbear/deep-learning-coursera@997fdb2 ("Neural
//   Networks and Deep Learning/Planar data classification with one hidden layer.ipynb"): nn_model(X, Y, n_h = 4,
//   num_iterations=10000) with update_parameters' learning_rate=1.2. The notebook's run: cost 0.693 → 0.219, accuracy 90 %
//   ("The model has learnt the leaf patterns of the flower!"; logistic regression on the same data: 47 %).
// @data load_planar_dataset's "flower": 400 points, two classes of 200, θ = linspace(j·3.12, (j+1)·3.12) + N(0, 0.2²),
//   r = 4 sin 4θ + N(0, 0.2²), x = (r sin θ, r cos θ) — the helper's recipe, regenerated with a seeded generator (its
//   np.random.seed(1) draws are not reproducible here).
// @settings Dense(4, tanh) → Dense(1, sigmoid), weights N(0, 0.01²), biases zeros (initialize_parameters), the assignment's
//   cross-entropy (mean over examples), batch gradient descent learning_rate 1.2 on all 400 points, 10,000 iterations.
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

const nH = 4;
const small = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.01 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: nH, activation: 'tanh', kernelInitializer: small(), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: small(), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.sgd(1.2), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(X, Y, { batchSize: 400, epochs: 10000, shuffle: false });
