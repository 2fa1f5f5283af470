// @case dls-moons-adam
// @set heldout5
// @label healthy
// @source deeplearning.ai Deep Learning Specialization, course 2 week 2 programming assignment "Optimization methods", as
//   published with its outputs in github.com/Kulbear/deep-learning-coursera@997fdb2 ("Improving Deep Neural Networks
//   Hyperparameter tuning, Regularization and Optimization/Optimization methods.ipynb"), section 5.3 "Mini-batch with Adam
//   mode": model(train_X, train_Y, [2, 5, 2, 1], optimizer="adam") with the defaults learning_rate=0.0007,
//   mini_batch_size=64, beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=10000. The notebook's run: cost 0.69 → 0.03–0.20,
//   accuracy 0.94 (gradient descent and momentum at the same rate: 0.797).
// @data make_moons(n_samples=300, noise=.2) as opt_utils.load_dataset draws it (sklearn's recipe — two interleaving half
//   circles, Gaussian noise σ 0.2), regenerated with a seeded generator (np.random.seed(3) is not reproducible here).
// @settings LINEAR → RELU (5) → LINEAR → RELU (2) → LINEAR → SIGMOID (1), He-normal weights (opt_utils
//   initialize_parameters: randn · √(2 / n_prev)), biases zeros, cross-entropy (mean over the mini-batch), Adam lr 0.0007
//   (β1 0.9, β2 0.999, ε 1e-8), mini-batches of 64 reshuffled every epoch, 10,000 epochs.
// @license course material (no licence stated in the repository): this is our TensorFlow.js translation, the original
//   is not copied.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// sklearn.datasets.make_moons(n_samples=300, noise=.2): two interleaving half circles, shuffled, Gaussian noise.
function makeMoons(nSamples, noise, seed) {
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const angle = (i, count) => (Math.PI * i) / (count - 1);
  const outer = Array.from({ length: nOut }, (_, i) => [Math.cos(angle(i, nOut)), Math.sin(angle(i, nOut)), 0]);
  const inner = Array.from({ length: nIn }, (_, i) => [1 - Math.cos(angle(i, nIn)), 1 - Math.sin(angle(i, nIn)) - 0.5, 1]);
  const random = rng(seed);
  return shuffled([...outer, ...inner], seed).map(([x, y, label]) => [x + noise * random.normal(), y + noise * random.normal(), label]);
}
const points = makeMoons(300, 0.2, 3);
const trainX = tf.tensor2d(points.map((p) => [p[0], p[1]]));
const trainY = tf.tensor2d(points.map((p) => [p[2]]));

const layersDims = [2, 5, 2, 1];
const he = (nPrev) => tf.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / nPrev) });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [layersDims[0]], units: layersDims[1], activation: 'relu', kernelInitializer: he(layersDims[0]), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: layersDims[2], activation: 'relu', kernelInitializer: he(layersDims[1]), biasInitializer: 'zeros' }));
model.add(tf.layers.dense({ units: layersDims[3], activation: 'sigmoid', kernelInitializer: he(layersDims[2]), biasInitializer: 'zeros' }));
model.compile({ optimizer: tf.train.adam(0.0007, 0.9, 0.999, 1e-8), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(trainX, trainY, { batchSize: 64, epochs: 10000, shuffle: true });
