// @case dls-init-zeros
// @set heldout5
// @label buggy
// @bug constant-init
// @source deeplearning.ai Deep Learning Specialization, course 2 week 1 programming assignment "Initialization", as
//   published with its outputs in github.com/Kulbear/deep-learning-coursera@997fdb2 ("Improving Deep Neural Networks
//   Hyperparameter tuning, Regularization and Optimization/Initialization.ipynb"; its helper init_utils.py as in
//   github.com/oguznsari/Improving-DNNs@e58209a): model(train_X, train_Y, initialization = "zeros"). The notebook's run:
//   cost 0.6931 at every iteration from 0 to 14,000, train and test accuracy 0.5; "The performance is really bad, and the
//   cost does not really decrease … initializing all the weights to zero results in the network failing to break
//   symmetry"; its summary table: "3-layer NN with zeros initialization — 50 % — fails to break symmetry".
// @fault every weight (and bias) initialised to zero: all units of a layer compute the same function and get the same
//   gradient, and ReLU units at zero pass no gradient at all (the assignment's fix: He initialisation).
// @data make_circles(n_samples=300, noise=.05) as init_utils.load_dataset draws it (sklearn's recipe — an outer circle of
//   150 points and an inner one of radius 0.8, Gaussian noise σ 0.05), regenerated with a seeded generator (np.random
//   seed 1 is not reproducible here): labels 0 (outer) / 1 (inner).
// @settings LINEAR → RELU (10) → LINEAR → RELU (5) → LINEAR → SIGMOID (1), W and b zeros, the assignment's cross-entropy
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
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [layersDims[0]], units: layersDims[1], activation: 'relu', kernelInitializer: 'zeros', biasInitializer: 'zeros' })); // FAULT
model.add(tf.layers.dense({ units: layersDims[2], activation: 'relu', kernelInitializer: 'zeros', biasInitializer: 'zeros' })); // FAULT
model.add(tf.layers.dense({ units: layersDims[3], activation: 'sigmoid', kernelInitializer: 'zeros', biasInitializer: 'zeros' })); // FAULT
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(trainX, trainY, { batchSize: 300, epochs: 15000, shuffle: false });
