// @case bjs-readme-xor
// @set tuned
// @moved-from heldout11 (held-out protocol: the plan preview for mini-batch SGD and momentum was developed with these XOR plateaus in view — their profiles, and the 2 → 10 → 1 / 2 → 10 → 10 → 1 flows measured at several rates, branch plateau)
// @label healthy
// @source brain.js README, the XOR example: github.com/BrainJS/brain.js@7c9db32, README.md — new brain.NeuralNetwork({
//   hiddenLayers: [3], activation: 'sigmoid' }) trained on the four XOR rows with the defaults of src/neural-network.ts (learningRate
//   0.3, momentum 0.1, errorThresh 0.005, at most 20,000 iterations; weights and biases uniform(−0.2, 0.2), one record per step).
// @training the README: "const output = net.run([1, 0]); // [0.987]" (target 1).
// @data the four XOR rows, inline.
// @settings Dense(3, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.2, 0.2), the loss ½Σ(target − output)² per record
//   (brain.js's sigmoid deltas), SGD with momentum (rate 0.3, momentum 0.1), batch 1, 20,000 epochs (brain.js stops earlier once
//   the error is below 0.005; tfjs's fit has no such stop).
// @license MIT (Copyright brain.js contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const brainWeights = () => tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [2], kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
const halfSquaredError = (target, output) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(target, output)), -1)));
net.compile({ loss: halfSquaredError, optimizer: tf.train.momentum(0.3, 0.1) });
net.fit(xs, ys, { batchSize: 1, epochs: 20000 });
