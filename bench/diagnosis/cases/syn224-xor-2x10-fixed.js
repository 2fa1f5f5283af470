// @case syn224-xor-2x10-fixed
// @set tuned
// @moved-from heldout11 (held-out protocol: the plan preview for mini-batch SGD and momentum was developed with these XOR plateaus in view — their profiles, and the 2 → 10 → 1 / 2 → 10 → 10 → 1 flows measured at several rates, branch plateau)
// @label healthy
// @source cazala/synaptic issue #224 ("Multi-layer network not converging to XOR dataset", 2017-05-19):
//   github.com/cazala/synaptic/issues/224 — the reporter's program with one of the two hidden layers of 10 removed:
//   Architect.Perceptron(2, 10, 1), trainer.train(xor rows, { rate: .1, iterations: 20000, error: .005, shuffle: true }). Library
//   semantics from github.com/cazala/synaptic@c1dbc3f: src/Neuron.js (logistic squash; weights and biases Math.random()·0.2 − 0.1;
//   the output neuron's error is target − activation; one update per row), src/Trainer.js (stops once the mean MSE ≤ error).
// @training the reporter: "When I remove one of the 10 neuron layers, it does work" (the training reaches error 0.005 within 20,000
//   iterations).
// @data the four XOR rows, inline.
// @settings Dense(10, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.1, 0.1), binaryCrossentropy (its gradient is synaptic's
//   target − activation at the output), SGD 0.1, batch 1, shuffled, 20,000 epochs.
// @license MIT (Copyright Juan Cazala); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const synapticWeights = () => tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [2], kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1) });
net.fit(xs, ys, { batchSize: 1, epochs: 20000, shuffle: true });
