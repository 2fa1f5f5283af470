// @case bjs483-loan-term
// @set heldout11
// @label healthy
// @source BrainJS/brain.js issue #483 ("Brain JS float output isn't always consistent when running net.run()", 2019-11-22):
//   github.com/BrainJS/brain.js/issues/483 — new brain.NeuralNetwork({ hiddenLayers: [3, 4] }) on nine rows (loan 0.5, term 0.01 …
//   0.60; label 1 for terms 0.07–0.36, else 0), net.train(rows, { log: true }) with the defaults of github.com/BrainJS/brain.js@7c9db32
//   src/neural-network.ts (sigmoid, learningRate 0.3, momentum 0.1, errorThresh 0.005, at most 20,000 iterations; weights and biases
//   uniform(−0.2, 0.2), one record per step).
// @training the reporter: net.run([0.5, 0.18]) (label 1) "will return mostly: 0.99, but sometimes returns 0.67" — the rows are
//   learnt; the spread between runs comes from the random initial weights.
// @data the nine rows, inline.
// @settings Dense(3, sigmoid) → Dense(4, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.2, 0.2), the loss ½Σ(target − output)²
//   per record (brain.js's sigmoid deltas), SGD with momentum (rate 0.3, momentum 0.1), batch 1, 20,000 epochs (brain.js stops once
//   the error is below 0.005).
// @license MIT (Copyright brain.js contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const terms = [0.01, 0.06, 0.07, 0.18, 0.24, 0.36, 0.48, 0.52, 0.6];
const labels = [0, 0, 1, 1, 1, 1, 0, 0, 0];
const xs = tf.tensor2d(terms.map((term) => [0.5, term])); // loan, term
const ys = tf.tensor2d(labels.map((label) => [label]));
const brainWeights = () => tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [2], kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
net.add(tf.layers.dense({ units: 4, activation: 'sigmoid', kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
const halfSquaredError = (target, output) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(target, output)), -1)));
net.compile({ loss: halfSquaredError, optimizer: tf.train.momentum(0.3, 0.1) });
net.fit(xs, ys, { batchSize: 1, epochs: 20000 });
