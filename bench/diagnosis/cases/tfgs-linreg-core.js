// @case tfgs-linreg-core
// @set heldout15
// @label healthy
// @source TensorFlow "Getting Started With TensorFlow" (TensorFlow 1.x guide), section "Complete program":
//   github.com/tensorflow/tensorflow@be6473b, tensorflow/docs_src/get_started/get_started.md. W = Variable([.3]), b = Variable([-.3]),
//   loss = reduce_sum(square(W·x + b − y)), GradientDescentOptimizer(0.01), 1,000 steps on x_train = [1, 2, 3, 4],
//   y_train = [0, −1, −2, −3]. The program tensorflow/tensorflow#12030 extends with a fifth point (`tf12030-linreg-outlier`).
// @training the guide: "When run, it produces W: [-0.9999969] b: [ 0.99999082] loss: 5.69997e-11".
// @data the guide's four points, inline.
// @settings W = 0.3, b = −0.3, the summed squared error, gradient descent 0.01, 1,000 full-batch steps: the guide's plan.
// @license TensorFlow's documentation code is Apache-2.0 (TensorFlow Authors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const W = tf.variable(tf.tensor1d([0.3]));
const b = tf.variable(tf.tensor1d([-0.3]));
const xTrain = tf.tensor1d([1, 2, 3, 4]);
const yTrain = tf.tensor1d([0, -1, -2, -3]);

// loss = Σ (W·x + b − y)² over the four points.
const loss = () => tf.sum(tf.square(tf.sub(tf.add(tf.mul(W, xTrain), b), yTrain)));
const optimizer = tf.train.sgd(0.01);
for (let i = 0; i < 1000; i++) optimizer.minimize(loss);
console.log(`W: ${W.dataSync()} b: ${b.dataSync()} loss: ${loss().dataSync()}`);
