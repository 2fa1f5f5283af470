// @case syn208-threshold-raw
// @set tuned
// @moved-from heldout11
// @label buggy
// @bug unscaled-input
// @fault raw integers 0–299 fed to a logistic network to learn "x ≥ 150": the maintainer's answer is "You're data is not normalized.
//   That is why the network has trouble recognizing a pattern" (inputs should be scaled to [0, 1]). With inputs in the hundreds one
//   per-row step of rate 0.1 moves a first-layer weight by up to 30 while the initial weights are ±0.1.
// @source cazala/synaptic issue #208 ("Sample training to test number is > 150 or not, what I'm missing ?", 2017-03-22):
//   github.com/cazala/synaptic/issues/208 — Architect.Perceptron(1, 2, 1); 10,000 rows input parseInt(random(0, 300)), output
//   input ≥ 150 ? 1 : 0; trainer.train(rows, { rate: .1, iterations: 1000000, error: .001, shuffle: true, cost: CROSS_ENTROPY }).
//   Library semantics from github.com/cazala/synaptic@c1dbc3f: src/Neuron.js (logistic squash; weights and biases
//   Math.random()·0.2 − 0.1; output error target − activation; one update per row).
// @training the reporter asks what is missing (the net does not separate the two ranges); the maintainer (wagenaartje): the data is
//   not normalized.
// @data computed by the program as the issue does, from a seeded generator.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.1, 0.1), binaryCrossentropy (its gradient is synaptic's
//   target − activation at the output), SGD 0.1, batch 1, shuffled, 100 epochs (the reporter allows 1,000,000 iterations over the
//   10,000 rows and an error of 0.001).
// @license MIT (Copyright Juan Cazala); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(208);
const inputs = [];
const outputs = [];
for (let i = 0; i < 10000; i++) {
  const input = Math.floor(random.uniform(0, 300));
  inputs.push([input]); // FAULT
  outputs.push([input >= 150 ? 1 : 0]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(outputs);
const synapticWeights = () => tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [1], kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1) });
net.fit(xs, ys, { batchSize: 1, epochs: 100, shuffle: true });
