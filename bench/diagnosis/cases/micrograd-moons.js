// @case micrograd-moons
// @set heldout6
// @label healthy
// @source Andrej Karpathy's micrograd, github.com/karpathy/micrograd@c911406: demo.ipynb (MLP(2, [16, 16, 1]) of
//   micrograd/nn.py — ReLU neurons, a linear output, weights uniform(-1, 1), biases 0 — trained on make_moons(n_samples=100,
//   noise=0.1) with labels ±1, the SVM max-margin loss mean(relu(1 − y·score)) plus 1e-4 · Σ p² over every parameter, plain
//   gradient descent on all 100 points for 100 steps with learning_rate = 1.0 − 0.9·k/100). The stored run: step 0 loss
//   0.896 accuracy 50 %, step 99 loss 0.0110 accuracy 100 %.
// @data scikit-learn's make_moons recipe (two interleaved half circles, Gaussian noise 0.1), 100 points, regenerated with a
//   seeded generator (np.random.seed(1337)'s draws are not reproducible here); labels 2y − 1.
// @settings Dense(16, relu) → Dense(16, relu) → Dense(1) linear, kernels uniform(−1, 1), biases zeros, L2 1e-4 on kernels and
//   biases (micrograd's reg_loss sums p² over all parameters), hinge loss on ±1 labels, SGD on the full batch, learning rate
//   1.0 − 0.9·k/100 at step k, 100 steps.
// @license micrograd is MIT-licensed (Copyright Andrej Karpathy); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng, shuffled } = require('./data.ts');

// sklearn.datasets.make_moons
function makeMoons(nSamples, noise, seed) {
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const angle = (i, count) => (Math.PI * i) / (count - 1);
  const outer = Array.from({ length: nOut }, (_, i) => [Math.cos(angle(i, nOut)), Math.sin(angle(i, nOut)), 0]);
  const inner = Array.from({ length: nIn }, (_, i) => [1 - Math.cos(angle(i, nIn)), 1 - Math.sin(angle(i, nIn)) - 0.5, 1]);
  const random = rng(seed);
  return shuffled([...outer, ...inner], seed).map(([x, y, label]) => [x + noise * random.normal(), y + noise * random.normal(), label]);
}
const points = makeMoons(100, 0.1, 1337);
const X = tf.tensor2d(points.map((p) => [p[0], p[1]]));
const y = tf.tensor2d(points.map((p) => [p[2] * 2 - 1])); // make y be -1 or 1

const uniform = () => tf.initializers.randomUniform({ minval: -1, maxval: 1 });
const l2 = () => tf.regularizers.l2({ l2: 1e-4 });
const neuronLayer = (units, config) =>
  tf.layers.dense({ units, kernelInitializer: uniform(), biasInitializer: 'zeros', kernelRegularizer: l2(), biasRegularizer: l2(), ...config });
const model = tf.sequential();
model.add(neuronLayer(16, { inputShape: [2], activation: 'relu' }));
model.add(neuronLayer(16, { activation: 'relu' }));
model.add(neuronLayer(1, {}));

// svm "max-margin" loss
const maxMargin = (yTrue, scores) => tf.mean(tf.relu(tf.sub(1, tf.mul(yTrue, scores))));
const optimizer = tf.train.sgd(1.0);
model.compile({ optimizer, loss: maxMargin });
model.fit(X, y, {
  batchSize: 100,
  epochs: 100,
  shuffle: false,
  callbacks: { onEpochBegin: (k) => optimizer.setLearningRate(1.0 - (0.9 * k) / 100) },
});
