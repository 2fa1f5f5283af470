// @case tf12030-linreg-outlier
// @set heldout15
// @label buggy
// @bug lr-high
// @fault the Getting Started program's rate 0.01 on a summed squared error with one input of 35: the loss's curvature in W is
//   2·Σx² = 2·(1 + 4 + 9 + 16 + 1225) = 2,510, so gradient descent at 0.01 multiplies W's error by |1 − 25.1| each step and
//   W, b and the loss reach NaN. The rate that the four small inputs tolerate (curvature 60, 0.01·60 = 0.6 < 2) is 40 times
//   too high here: the FAULT line is the optimizer's.
// @source tensorflow/tensorflow issue #12030 "print out 'nan' for simple linear regression model" (2017-08-04,
//   github.com/tensorflow/tensorflow/issues/12030): the TensorFlow Getting Started "Complete program" (W = Variable([.3]),
//   b = Variable([-.3]), loss = reduce_sum(square(W·x + b − y)), GradientDescentOptimizer(0.01), 1,000 steps on the whole set)
//   with x_train = [1, 2, 3, 4, 35], y_train = [0, −1, −2, −3, −34]. (Earlier sets ported tensorflow/tensorflow #3148 and #8630,
//   not this thread.)
// @training the issue prints "W: [ nan] b: [ nan] loss: nan"; without the fifth point the same program prints the Getting Started
//   result (`tfgs-linreg-core`: W −0.9999969, b 0.99999082, loss 5.69997e-11).
// @data the five points, inline.
// @settings W = 0.3, b = −0.3, the summed squared error, gradient descent 0.01, 1,000 full-batch steps: the plan.
// @license the Getting Started code is Apache-2.0 (TensorFlow Authors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// Model parameters, started where the program starts them.
const W = tf.variable(tf.tensor1d([0.3]));
const b = tf.variable(tf.tensor1d([-0.3]));
const xTrain = tf.tensor1d([1, 2, 3, 4, 35]);
const yTrain = tf.tensor1d([0, -1, -2, -3, -34]);

// loss = Σ (W·x + b − y)²: summed, not averaged, over the five points.
const loss = () => tf.sum(tf.square(tf.sub(tf.add(tf.mul(W, xTrain), b), yTrain)));
const optimizer = tf.train.sgd(0.01); // FAULT
for (let i = 0; i < 1000; i++) optimizer.minimize(loss);
console.log(`W: ${W.dataSync()} b: ${b.dataSync()} loss: ${loss().dataSync()}`);
