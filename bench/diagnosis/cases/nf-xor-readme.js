// @case nf-xor-readme
// @set heldout11
// @label healthy
// @source zenecture/neuroflow README after issue #5: github.com/zenecture/neuroflow@24a21e5, README.md — WeightBreeder[Double].normal(
//   μ = 0.0, σ = 1.0), Vector(2) :: Dense(3, Sigmoid) :: Dense(1, Sigmoid) :: SquaredError(), Settings(updateRule = Vanilla(),
//   batchSize = Some(4), iterations = 100000, learningRate 1.0 for the first 128 iterations then 0.5, precision 1E-4); no biases;
//   SquaredError = ½Σ(y − x)² summed over the batch.
// @training the README: "println(result) // DenseVector(0.9940081702899719)" for the input (0, 1) (target 1); the maintainer's
//   reply in issue #5: trained long enough the README net learns XOR.
// @data the four XOR rows, inline.
// @settings Dense(3, sigmoid, no bias) → Dense(1, sigmoid, no bias), kernels N(0, 1), the loss ½Σ(y − x)² summed over the batch,
//   SGD 1.0 (the README's drop to 0.5 after 128 iterations is not ported: tfjs's fit keeps one rate), one batch of 4 rows, 100,000
//   epochs (the README stops earlier once the loss is below 1e-4).
// @license Apache-2.0 (Copyright Felix Bogdanski); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 1.0 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', useBias: false, inputShape: [2], kernelInitializer: weights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', useBias: false, kernelInitializer: weights() }));
// neuroflow's SquaredError: half the squared error, summed over the rows of the batch.
const squaredError = (y, x) => tf.sum(tf.mul(0.5, tf.square(tf.sub(y, x))));
net.compile({ loss: squaredError, optimizer: tf.train.sgd(1.0) });
net.fit(xs, ys, { batchSize: 4, epochs: 100000 });
