// @case bt3-sum-sigmoid
// @set heldout11
// @label buggy
// @bug output-activation
// @fault a sigmoid output asked for targets up to 1.8 (the sum of two inputs in [0, 0.9]), trained until the mean absolute error
//   is below 0.1: a sigmoid never exceeds 1, so on the 36 rows whose sum is above 1 the error is at least sum − 1 — summed over the
//   100 rows that is 12.0, a mean of at least 0.12 > 0.1 (closed form), and the loop ("while error > minimumError") never ends.
//   The reply also calls the library's default rate and momentum (0.4, 0.9) "far too high" for this data.
// @source Blueteak/Unity-Neural-Network issue #3 ("Does not converege", 2017-10-23): github.com/Blueteak/Unity-Neural-Network/issues/3
//   — NeuralNet(2 inputs, 2 hidden, 1 output), rows (i/10, j/10) → i/10 + j/10 for i, j in 0…9, Train(dataSets, minimumError 0.1).
//   Library semantics from github.com/Blueteak/Unity-Neural-Network@1766b80, "Assets/Neural Network/NeuralNet.cs" and "Neuron.cs":
//   LearnRate 0.4, Momentum 0.9 by default, sigmoid on every layer, weights and biases uniform(−1, 1), gradient (target − value)·
//   σ'(value) (½Σ error²), one update per row, and each update adds 0.9 × the previous update (not an accumulating velocity).
// @training the reporter: "Does not converge for sample program below"; the reply (Jalae, 2017-12-31): "a few issues … base learning
//   rate and momentum … far too high … Your dataset is a bit screwy for the way this network trains".
// @data the 100 rows, computed inline as the issue does.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), kernels and biases U(−1, 1), the loss ½Σ(target − output)² per row, SGD 0.76
//   (0.4 plus 0.9 × the previous step of 0.4: the library's step for a steady gradient), batch 1, 1,000 epochs (the source loops
//   until the error is below 0.1, which it never is).
// @license MIT (Copyright Blueteak); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const inputs = [];
const targets = [];
for (let i = 0; i < 10; i++) {
  for (let j = 0; j < 10; j++) {
    inputs.push([i / 10, j / 10]);
    targets.push([i / 10 + j / 10]);
  }
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(targets);
const unit = () => tf.initializers.randomUniform({ minval: -1, maxval: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [2], kernelInitializer: unit(), biasInitializer: unit() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: unit(), biasInitializer: unit() })); // FAULT
const halfSquaredError = (target, output) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(target, output)), -1)));
net.compile({ loss: halfSquaredError, optimizer: tf.train.sgd(0.4 * (1 + 0.9)) });
net.fit(xs, ys, { batchSize: 1, epochs: 1000 });
