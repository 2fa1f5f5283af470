// @case nf5-xor-sigma4-lr10
// @set heldout11
// @label healthy
// @source zenecture/neuroflow issue #5 ("readme code fails to infer XOR", 2018-10-07): github.com/zenecture/neuroflow/issues/5 — the
//   maintainer's reply: the README net (github.com/zenecture/neuroflow@8ddbfba, README.md: Vector(2) :: Dense(3, Sigmoid) ::
//   Dense(1, Sigmoid) :: SquaredError(), no biases, full batch of the 4 rows, 100 iterations by default) trains under 100 steps "if
//   you really want to make it under 100 steps … using σ = 4.0 and learningRate = 10.0"; SquaredError = ½Σ(y − x)² summed over
//   the batch (core/LossFunction.scala).
// @training the maintainer's log: "Iteration 98.1, Avg. Loss = 0,0108245" (from 0.5 for a constant 0.5 output).
// @data the four XOR rows, inline.
// @settings Dense(3, sigmoid, no bias) → Dense(1, sigmoid, no bias), kernels N(0, 4²), the loss ½Σ(y − x)² summed over the batch,
//   SGD 10.0, one batch of 4 rows, 100 epochs.
// @license Apache-2.0 (Copyright Felix Bogdanski); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 4.0 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', useBias: false, inputShape: [2], kernelInitializer: weights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', useBias: false, kernelInitializer: weights() }));
// neuroflow's SquaredError: half the squared error, summed over the rows of the batch.
const squaredError = (y, x) => tf.sum(tf.mul(0.5, tf.square(tf.sub(y, x))));
net.compile({ loss: squaredError, optimizer: tf.train.sgd(10.0) });
net.fit(xs, ys, { batchSize: 4, epochs: 100 });
