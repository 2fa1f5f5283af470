// @case so-46577203-buggy
// @label buggy
// @bug lr-high
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a,
//   StackOverflow/IPS-17/46577203-buggy/linear_regression.py; Stack Overflow question 46577203.
// @fault gradient descent at lr 0.01 on a summed squared error of a quadratic A·x² + B·x + C over x = 0..3 (the x²
//   column reaches 9): too large a step; the fix (46577203-fix) lowers the rate to 0.001.
// @data the program's own four points x = [0, 1, 2, 3], y = [0, 1, 4, 9].
// @settings A, B, C zero-initialised (a Dense(1) over the columns [x², x] with its bias as C), loss Σ(ŷ − y)², SGD lr
//   0.01, the four points each step, 100 steps.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const xTrain = [0, 1, 2, 3];
const yTrain = [0, 1, 4, 9];
const x = tf.tensor2d(xTrain.map((v) => [v ** 2, v]));
const y = tf.tensor2d(yTrain.map((v) => [v]));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1, kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const sumOfSquares = (y, yhat) => tf.sum(tf.square(tf.sub(yhat, y)));
model.compile({ optimizer: tf.train.sgd(0.01), loss: sumOfSquares }); // FAULT
model.fit(x, y, { batchSize: 4, epochs: 100, shuffle: false });
