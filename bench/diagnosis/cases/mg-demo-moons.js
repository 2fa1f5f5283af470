// @case mg-demo-moons
// @set heldout15
// @label healthy
// @source A. Karpathy, micrograd (a tiny scalar autograd engine and neural-net library): github.com/karpathy/micrograd@c911406,
//   demo.ipynb (outputs saved) and micrograd/nn.py. np.random.seed(1337), random.seed(1337); X, y = make_moons(n_samples=100,
//   noise=0.1), y = 2y − 1; model = MLP(2, [16, 16, 1]) — ReLU neurons with weights random.uniform(−1, 1) and bias 0, a linear output
//   neuron; loss = mean(relu(1 − y·score)) (the "svm max-margin" loss) + 1e-4·Σp² over every parameter; 100 full-batch SGD steps
//   at learning_rate = 1.0 − 0.9·k/100.
// @training the notebook prints "step 0 loss 0.8958441028683222, accuracy 50.0%", "step 1 loss 1.7235905336972022, accuracy 81.0%",
//   … "step 99 loss 0.010978370135492717, accuracy 100.0%".
// @data make_moons(100, noise=0.1) with numpy seeded 1337 as the notebook draws it, written by bench/diagnosis/prepare.ts
//   (HELDOUT15_SCRIPT, table mg-moons-100: x1, x2, label 0/1).
// @settings Dense(16, relu) → Dense(16, relu) → Dense(1), weights U(−1, 1) (seeded here; micrograd's Python random is not
//   reproduced), zero biases, the max-margin loss, L2 1e-4 on weights and biases, full batch of 100, 100 steps with the linearly
//   decaying rate: the notebook's plan.
// @license micrograd is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const moons = table('mg-moons-100').rows;
const X = tf.tensor2d(moons.map((r) => [r[0], r[1]]));
const y = tf.tensor2d(moons.map((r) => [2 * r[2] - 1])); // y = y*2 - 1: targets −1 / +1

// micrograd's Neuron: w ~ random.uniform(-1, 1), b = 0; every parameter (biases too) carries the 1e-4·p² penalty.
const reg = () => tf.regularizers.l2({ l2: 1e-4 });
const uniform = (seed) => tf.initializers.randomUniform({ minval: -1, maxval: 1, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2], kernelInitializer: uniform(1337), biasInitializer: 'zeros', kernelRegularizer: reg(), biasRegularizer: reg() }));
model.add(tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: uniform(1338), biasInitializer: 'zeros', kernelRegularizer: reg(), biasRegularizer: reg() }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform(1339), biasInitializer: 'zeros', kernelRegularizer: reg(), biasRegularizer: reg() }));

// The "svm max-margin" loss: mean over the batch of relu(1 − y·score).
function maxMargin(labels, scores) {
  return tf.mean(tf.relu(tf.sub(1, tf.mul(labels, scores))));
}

const optimizer = tf.train.sgd(1.0);
// learning_rate = 1.0 − 0.9·k/100 at step k (one full-batch step per epoch here).
// (setLearningRate, not `optimizer.learningRate = …`: tfjs's SGD steps by a scalar that only setLearningRate rebuilds.)
const decay = {
  onEpochBegin: (k) => {
    optimizer.setLearningRate(1.0 - (0.9 * k) / 100);
  },
};
model.compile({ optimizer, loss: maxMargin });
model.fit(X, y, { batchSize: 100, epochs: 100, shuffle: false, callbacks: decay });
