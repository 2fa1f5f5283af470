// @case hk-lr-0p1
// @set tuned
// @label healthy
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 7-1 "Learning rate and Evaluation":
//   github.com/hunkim/DeepLearningZeroToAll@60c707e, lab-07-1-learning_rate_and_evaluation.py — softmax regression W (3×3) and b (3) from random_normal,
//   softmax + cross-entropy, GradientDescentOptimizer, 201 full-batch steps on 8 rows. The file records the output of
//   three runs in its closing string: learning rate 1.5, 1e-10 and 0.1 (the code as published uses 0.1).
// @training the lab prints, "When lr = 0.1": cost 5.73 → 3.32 (step 1) → 0.670909 at step 200, "Prediction: [2 2 2]",
//   "Accuracy: 1.0" on its three test rows.
// @data inline: the lab's own eight training rows (three features, the first a constant 1) and one-hot labels of three classes.
// @settings Dense(3, softmax) with random-normal (stddev 1) kernel and bias, categorical cross-entropy, SGD rate 0.1, one
//   batch of the 8 rows, 201 epochs (201 steps), no shuffling needed (one batch).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const x_data = [[1, 2, 1], [1, 3, 2], [1, 3, 4], [1, 5, 5], [1, 7, 5], [1, 2, 5], [1, 6, 6], [1, 7, 7]];
const y_data = [[0, 0, 1], [0, 0, 1], [0, 0, 1], [0, 1, 0], [0, 1, 0], [0, 1, 0], [1, 0, 0], [1, 0, 0]];

const model = tf.sequential();
model.add(tf.layers.dense({
  units: 3, inputShape: [3], activation: 'softmax',
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
}));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.1) });
model.fit(tf.tensor2d(x_data), tf.tensor2d(y_data), { batchSize: 8, epochs: 201 });
