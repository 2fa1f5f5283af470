// @case syn93-readme-xor
// @set heldout11
// @label healthy
// @source synaptic README, "Perceptron" / trainer.XOR(): github.com/cazala/synaptic@c1dbc3f, README.md (new Perceptron(2,3,1);
//   myTrainer.XOR()) and src/Trainer.js XOR() (the four rows, shuffle true, at most 100,000 iterations, error 0.005, the Trainer's
//   default rate 0.2), src/Neuron.js (logistic squash; weights and biases Math.random()·0.2 − 0.1; output error target − activation;
//   one update per row); issue #93 (github.com/cazala/synaptic/issues/93) reruns it.
// @training the README: "myTrainer.XOR(); // { error: 0.004998819355993572, iterations: 21871, time: 356 }", outputs 0.027 / 0.983 /
//   0.983 / 0.021; issue #93's rerun: 0.050 / 0.936 / 0.936 / 0.086 (the maintainer: it depends on the initial weights) — XOR learnt
//   both times.
// @data the four XOR rows, inline.
// @settings Dense(3, sigmoid) → Dense(1, sigmoid), kernels and biases U(−0.1, 0.1), binaryCrossentropy (its gradient is synaptic's
//   target − activation at the output), SGD 0.2, batch 1, shuffled, 25,000 epochs (the README's run stopped at 21,871).
// @license MIT (Copyright Juan Cazala); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const synapticWeights = () => tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1 });

const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [2], kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: synapticWeights(), biasInitializer: synapticWeights() }));
net.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.2) });
net.fit(xs, ys, { batchSize: 1, epochs: 25000, shuffle: true });
