// @case dl4j3346-linear-s0001
// @set tuned
// @moved-from heldout12
// @label healthy
// @source deeplearning4j/deeplearning4j issue #3346 (2017-05-02): github.com/deeplearning4j/deeplearning4j/issues/3346 — the
//   reporter's program at the smallest of his scales, s = 0.001: "a very simple linear network with no hidden layer … one scalar
//   weight W and one bias term b, identity activation function, and MSE output layer loss … stochastic gradient, Xavier
//   initialization, Nesterov update, 0.9 momentum, and fixed learning rate 0.01 … mini-batch size = 1 … 100 epochs"; 1,000 pairs
//   x_i = s·i, y_i = 15 + 5x_i, shuffled before the DataSetIterator.
// @training the title locates the failure at the wide ranges ("Increasing range of input values produces NaN weights");
//   the per-scale table is not in the stored thread. Closed form for this scale: |x| < 1, so rate·2x² < 0.02, far inside the
//   heavy-ball stability bound 2(1 + 0.9), and the squared error is convex in (w, b): 100,000 steps converge to w = 5, b = 15.
// @data the 1,000 generated pairs (s = 0.001), shuffled once with a fixed seed.
// @settings Dense(1, linear, kernel N(0, 2/(1 + 1)) — DL4J's XAVIER —, zero bias), mean squared error, momentum 0.01 / 0.9 with
//   Nesterov's update, batch 1, 100 epochs, the shuffled order kept.
// @license Apache-2.0 (deeplearning4j); this is our TensorFlow.js translation of the program the issue describes.
const tf = require('@tensorflow/tfjs');
const { shuffled } = require('./data.ts');

const s = 0.001;
const pairs = shuffled(Array.from({ length: 1000 }, (_, i) => [s * i, 15 + 5 * s * i]), 3346);
const x = tf.tensor2d(pairs.map(([xi]) => [xi]));
const y = tf.tensor2d(pairs.map(([, yi]) => [yi]));

const model = tf.sequential();
// DL4J's WeightInit.XAVIER: N(0, 2 / (nIn + nOut)); biases start at 0.
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(2 / 2) }), biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9, true) });
model.fit(x, y, { batchSize: 1, epochs: 100, shuffle: false });
