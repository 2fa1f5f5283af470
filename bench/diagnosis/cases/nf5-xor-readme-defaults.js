// @case nf5-xor-readme-defaults
// @set tuned
// @moved-from heldout11
// @label buggy
// @bug wrong-init, lr-low
// @fault the README's XOR net as it stood before the fix: weights drawn from N(0, 0.1²) and the default Settings (100 full-batch
//   iterations at rate 1.0); with weights this small every sigmoid sits near 0.5 and the loss does not move in 100 steps
//   (0.499996, the loss of a constant 0.5 output). The maintainer's fix (commit efdb3f9, "github issue #5") changes σ to 1.0 in the
//   README and the default iterations from 100 to Int.MaxValue; his reply: "With iterations = 100, the net simply has not enough time
//   to learn … Better to use iterations = 100000", or σ = 4.0 with learningRate 10 to finish under 100 steps.
// @source zenecture/neuroflow issue #5 ("readme code fails to infer XOR", 2018-10-07): github.com/zenecture/neuroflow/issues/5;
//   the README it copied: github.com/zenecture/neuroflow@8ddbfba, README.md — WeightBreeder[Double].normal(μ = 0.0, σ = 0.1),
//   Vector(2) :: Dense(3, Sigmoid) :: Dense(1, Sigmoid) :: SquaredError(), Network(layout) with default Settings
//   (core/src/main/scala/neuroflow/core/Settings.scala: iterations 100, learningRate α (the start rate 1.0 of
//   nets/cpu/DenseNetwork.scala), Vanilla gradient descent, batchSize None = all 4 rows); no biases; SquaredError = ½Σ(y − x)²
//   summed over the batch (core/LossFunction.scala).
// @training the reporter's log: "Iteration 63.1, Avg. Loss = 0.499996" … "Iteration 71.1, Avg. Loss = 0.499996", and the net
//   outputs DenseVector(0.5004028304673224) for every input.
// @data the four XOR rows, inline.
// @settings Dense(3, sigmoid, no bias) → Dense(1, sigmoid, no bias), kernels N(0, 0.1²), the loss ½Σ(y − x)² summed over the batch,
//   SGD 1.0, one batch of 4 rows, 100 epochs.
// @license Apache-2.0 (Copyright Felix Bogdanski); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 }); // FAULT

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', useBias: false, inputShape: [2], kernelInitializer: weights() })); // FAULT
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', useBias: false, kernelInitializer: weights() })); // FAULT
// neuroflow's SquaredError: half the squared error, summed over the rows of the batch.
const squaredError = (y, x) => tf.sum(tf.mul(0.5, tf.square(tf.sub(y, x))));
net.compile({ loss: squaredError, optimizer: tf.train.sgd(1.0) });
net.fit(xs, ys, { batchSize: 4, epochs: 100 }); // FAULT
