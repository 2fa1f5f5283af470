// @case dls-init-he
// @set heldout5
// @label healthy
// @source deeplearning.ai Deep Learning Specialization, course 2 week 1 programming assignment "Initialization", as
//   published with its outputs in github.com/Kulbear/deep-learning-coursera@997fdb2 ("Improving Deep Neural Networks
//   Hyperparameter tuning, Regularization and Optimization/Initialization.ipynb"; its helper init_utils.py as in
//   github.com/oguznsari/Improving-DNNs@e58209a): model(train_X, train_Y, initialization = "he"). The notebook's run:
//   cost 0.88 at iteration 0, 0.074 at 14,000; train accuracy 0.993, test 0.96; "The model with He initialization
//   separates the blue and the red dots very well"; summary table: "He initialization — 99 % — recommended method".
// @data make_circles(n_samples=300, noise=.05) as init_utils.load_dataset draws it (sklearn's recipe — an outer circle of
//   150 points and an inner one of radius 0.8, Gaussian noise σ 0.05), regenerated with a seeded generator (np.random
//   seed 1 is not reproducible here): labels 0 (outer) / 1 (inner).
// @settings LINEAR → RELU (10) → LINEAR → RELU (5) → LINEAR → SIGMOID (1), W ~ N(0, 2 / n_prev) (He), b zeros, the assignment's cross-entropy
//   (mean over examples), batch gradient descent learning_rate 0.01 on all 300 examples, 15,000 iterations.
// @license course material (no licence stated in the repository): this is our TensorFlow.js translation, the original
//   is not copied.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// sklearn.datasets.make_circles(n_samples=300, noise=.05, factor=.8): two concentric circles, shuffled, Gaussian noise.
function makeCircles(nSamples, noise, seed) {
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const circle = (count, radius, label) => Array.from({ length: count }, (_, i) => [radius * Math.cos((2 * Math.PI * i) / count), radius * Math.sin((2 * Math.PI * i) / count), label]);
  const random = rng(seed);
  return shuffled([...circle(nOut, 1, 0), ...circle(nIn, 0.8, 1)], seed).map(([x, y, label]) => [x + noise * random.normal(), y + noise * random.normal(), label]);
}
const points = makeCircles(300, 0.05, 1);
const trainX = tf.tensor2d(points.map((p) => [p[0], p[1]]));
const trainY = tf.tensor2d(points.map((p) => [p[2]]));

const layersDims = [2, 10, 5, 1];
// initialize_parameters_he: np.random.randn(layers_dims[l], layers_dims[l - 1]) * sqrt(2 / layers_dims[l - 1]), biases zeros.
const he = (nPrev) => tf.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / nPrev) });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [layersDims[0]], units: layersDims[1], activation: 'relu', kernelInitializer: he(layersDims[0]), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: layersDims[2], activation: 'relu', kernelInitializer: he(layersDims[1]), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: layersDims[3], activation: 'sigmoid', kernelInitializer: he(layersDims[2]), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(trainX, trainY, { batchSize: 300, epochs: 15000, shuffle: false });
