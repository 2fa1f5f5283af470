// @case hk-xor-logreg
// @set tuned
// @moved-from heldout9 (held-out protocol: developed with the capacity-linear rule in view — its least-squares fit was measured on this program's data, branch linsep)
// @label buggy
// @bug model-capacity
// @fault a single sigmoid unit (logistic regression) on XOR: no line separates the classes, so the best it can do is 0.5
//   everywhere; the lab's next program (lab-09-2, hk-xor-nn) adds a hidden layer of two sigmoid units and solves it.
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 9-1 "XOR": github.com/hunkim/DeepLearningZeroToAll@60c707e, lab-09-1-xor.py —
//   sigmoid(X·W + b), W (2×1) and b from random_normal, binary cross-entropy written out, GradientDescentOptimizer(0.1),
//   10,001 full-batch steps on the four XOR rows.
// @training the lab prints: Hypothesis 0.5, 0.5, 0.5, 0.5; Correct 0, 0, 0, 0; "Accuracy: 0.5".
// @data inline: the four XOR rows.
// @settings Dense(1, sigmoid), random-normal (stddev 1) kernel and bias, binary cross-entropy, SGD 0.1, one batch of the 4 rows,
//   10,001 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const x_data = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y_data = tf.tensor2d([[0], [1], [1], [0]]);
const init = () => tf.initializers.randomNormal({ stddev: 1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid', kernelInitializer: init(), biasInitializer: init() })); // FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(x_data, y_data, { batchSize: 4, epochs: 10001 });
