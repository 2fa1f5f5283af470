// @case bjs687-sigmoid-regression
// @set heldout11
// @label buggy
// @bug output-activation
// @fault a brain.js NeuralNetwork (sigmoid on every layer, the output included) asked to regress targets up to 10: a sigmoid output
//   never exceeds 1, so the training error cannot reach the reporter's errorThresh of 0.001 ("The 'errorThresh' never goes down").
//   Closed form: with outputs ≤ 1 the mean squared error is at least (0 + 3² + 5² + 7² + 9²)/5 = 32.8.
// @source BrainJS/brain.js issue #687 ("Single input, Single output", 2021-01-15, brain.js 2.0.0-beta.2):
//   github.com/BrainJS/brain.js/issues/687 — new brain.NeuralNetwork() on {input: [1], output: [1]}, [2]→[4], [3]→[6], [4]→[8],
//   [5]→[10], train with errorThresh 0.001, iterations 100000. Defaults from github.com/BrainJS/brain.js@7c9db32
//   src/neural-network.ts: hiddenLayers [max(3, ⌊inputSize/2⌋)] = [3], sigmoid, learningRate 0.3, momentum 0.1, weights and biases
//   uniform(−0.2, 0.2) (src/utilities/random-weight.ts), one record per step, error = mean squared error.
// @training the reporter: "The 'errorThresh' never goes down"; the maintainer's reply does not contradict it (it addresses the
//   reporter's second, recurrent attempt).
// @data the five rows, inline.
// @settings Dense(3, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.2, 0.2), the loss ½Σ(target − output)² per record (brain.js's
//   sigmoid deltas), SGD with momentum (rate 0.3, momentum 0.1), batch 1, 100,000 epochs (brain.js's iterations).
// @license MIT (Copyright brain.js contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[1], [2], [3], [4], [5]]);
const ys = tf.tensor2d([[1], [4], [6], [8], [10]]);
const brainWeights = () => tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [1], kernelInitializer: brainWeights(), biasInitializer: brainWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: brainWeights(), biasInitializer: brainWeights() })); // FAULT
const halfSquaredError = (target, output) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(target, output)), -1)));
net.compile({ loss: halfSquaredError, optimizer: tf.train.momentum(0.3, 0.1) });
net.fit(xs, ys, { batchSize: 1, epochs: 100000 });
