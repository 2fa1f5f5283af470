// @case dl4j3346-linear-s1
// @set heldout12
// @label buggy
// @bug unscaled-input
// @fault a one-weight linear regression of y = 15 + 5x trained per record with Nesterov momentum (rate 0.01, 0.9) on x = s·i for
//   i = 0 … 999 with s = 1.0, so inputs run to 999 and targets to 5,010: the reporter's title, "Increasing range of input values
//   produces NaN weights and inability to learn" — of the scales he tried (s = 0.001, 0.01, 0.02, 0.05, 1.0), the widest is this
//   one. Closed form: for one record the squared error's curvature in w is 2x², and heavy-ball momentum stays stable only while
//   rate·2x² < 2(1 + 0.9), i.e. |x| < 13.8 at rate 0.01 — most of these inputs are far beyond it. The fix scales the inputs (the
//   FAULT lines build them); dl4j3346-linear-s0001 is the same program at s = 0.001.
// @source deeplearning4j/deeplearning4j issue #3346 (2017-05-02): github.com/deeplearning4j/deeplearning4j/issues/3346 — "a very
//   simple linear network with no hidden layer … one scalar weight W and one bias term b, identity activation function, and MSE
//   output layer loss … stochastic gradient, Xavier initialization, Nesterov update, 0.9 momentum, and fixed learning rate 0.01 …
//   mini-batch size = 1, 1 iteration per mini-batch, and 100 epochs"; 1,000 pairs x_i = s·i, y_i = 15 + 5x_i, shuffled before
//   the DataSetIterator, as in dl4j-examples' RegressionFunction.
// @training the title and text: increasing the range of x produces NaN weights and the network does not learn y = 15 + 5x
//   (the per-scale table after "The observations were" is not in the stored thread; the label rests on the title and the closed
//   form above).
// @data the 1,000 generated pairs (s = 1.0), shuffled once with a fixed seed.
// @settings Dense(1, linear, kernel N(0, 2/(1 + 1)) — DL4J's XAVIER —, zero bias), mean squared error, momentum 0.01 / 0.9 with
//   Nesterov's update, batch 1, 100 epochs, the shuffled order kept.
// @license Apache-2.0 (deeplearning4j); this is our TensorFlow.js translation of the program the issue describes.
const tf = require('@tensorflow/tfjs');
const { shuffled } = require('./data.ts');

const s = 1.0; // FAULT
const pairs = shuffled(Array.from({ length: 1000 }, (_, i) => [s * i, 15 + 5 * s * i]), 3346);
const x = tf.tensor2d(pairs.map(([xi]) => [xi])); // FAULT
const y = tf.tensor2d(pairs.map(([, yi]) => [yi]));

const model = tf.sequential();
// DL4J's WeightInit.XAVIER: N(0, 2 / (nIn + nOut)); biases start at 0.
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(2 / 2) }), biasInitializer: 'zeros' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9, true) });
model.fit(x, y, { batchSize: 1, epochs: 100, shuffle: false });
