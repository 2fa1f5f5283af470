// @case so-43636736-buggy
// @label buggy
// @bug lr-high
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a,
//   StackOverflow/IPS-15/43636736-buggy/linear_regression.py; Stack Overflow question 43636736.
// @fault plain gradient descent at lr 0.5 on a linear regression whose input runs 0..99: the loss grows each step; the
//   fix (43636736-fix) lowers the rate to 0.0005.
// @data the program's own generator: x = 0..99 with a constant 1 column, y = 2x + 4 + noise, noise 10·U[0, 1) (numpy's
//   seeded draw: a seeded stand-in of the same distribution).
// @settings W = [1, 1] (ones), no bias (the ones column is the intercept), loss Σ(y − ŷ)² / (2T), SGD lr 0.5, the whole
//   100 rows each step, 100 steps.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const T = 100;
const random = rng(20180130);
const X = tf.tensor2d(Array.from({ length: T }, (_, i) => [i, 1]));
const Y = tf.tensor2d(Array.from({ length: T }, (_, i) => [2 * i + 4 + 10 * random.uniform()]));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1, useBias: false, kernelInitializer: 'ones' }));
const halfMse = (y, yhat) => tf.div(tf.sum(tf.square(tf.sub(y, yhat))), 2 * T);
model.compile({ optimizer: tf.train.sgd(0.5), loss: halfMse }); // FAULT
model.fit(X, Y, { batchSize: T, epochs: 100, shuffle: false });
