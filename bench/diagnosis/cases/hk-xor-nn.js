// @case hk-xor-nn
// @set heldout9
// @label healthy
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 9-2 "XOR with a neural net": github.com/hunkim/DeepLearningZeroToAll@60c707e,
//   lab-09-2-xor-nn.py — sigmoid(sigmoid(X·W1 + b1)·W2 + b2), W1 (2×2), W2 (2×1) and the biases from random_normal,
//   binary cross-entropy written out, GradientDescentOptimizer(0.1), 10,001 full-batch steps on the four XOR rows.
// @training the lab prints: Hypothesis 0.0134, 0.982, 0.988, 0.0114; Predicted 0, 1, 1, 0; "Accuracy: 1.0".
// @data inline: the four XOR rows.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), random-normal (stddev 1) kernels and biases, binary cross-entropy, SGD
//   0.1, one batch of the 4 rows, 10,001 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const x_data = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y_data = tf.tensor2d([[0], [1], [1], [0]]);
const init = () => tf.initializers.randomNormal({ stddev: 1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2], activation: 'sigmoid', kernelInitializer: init(), biasInitializer: init() }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(), biasInitializer: init() }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(x_data, y_data, { batchSize: 4, epochs: 10001 });
