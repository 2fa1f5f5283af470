// @case statsse418955-quadratic-target
// @set heldout19
// @label buggy
// @bug unscaled-target
// @fault a Cross Validated asker's two-layer linear net, Dense(1) → Dense(1), fitting y = x² + 3 for x = 0…99 with the input
//   standardised but the target left raw (3 to 9,804): the mean squared error and its gradients are of order 10⁷, and Keras's SGD
//   at its default 0.01 diverges. The asker's update: "It seems like this particular behavior is caused by not scaled target
//   variable ... the learning occurs only with very small learning rate". The FAULT line is the raw target.
// @source Cross Validated question 418955, "Why is deep neural net with linear activation diverges?" (2019),
//   https://stats.stackexchange.com/questions/418955: x = np.arange(100)[:, np.newaxis], y = x ** 2 + 3, x_normed = (x − mean) / std;
//   Sequential Dense(1, activation=None) → Dense(1, activation=None); km.compile('sgd', loss='mse'); km.fit(x_normed, y, epochs=300).
// @training the asker: the net diverges on this toy example, adding BatchNormalization between the layers has "no visible effect",
//   and "the learning occurs only with very small learning rate"; the update names the unscaled target as the cause. No loss
//   values are printed in the stored copy: the label rests on the written statements.
// @data generated here as the question does: x = 0…99 standardised by its mean and (population) standard deviation, y = x² + 3.
// @settings Dense(1) → Dense(1), no activations, Keras defaults (Glorot-uniform kernels, zero biases); mean squared error; SGD at
//   Keras's default 0.01; Keras's default batch of 32, shuffled; 300 epochs.
// @license Stack Exchange content is CC BY-SA; this is our TensorFlow.js translation of the question's program.
const tf = require('@tensorflow/tfjs');

const xs = Array.from({ length: 100 }, (_, i) => i);
const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
const xNormed = tf.tensor2d(xs.map((v) => [(v - mean) / std]));
const y = tf.tensor2d(xs.map((v) => [v ** 2 + 3])); // FAULT

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
model.fit(xNormed, y, { epochs: 300, batchSize: 32, shuffle: true });
