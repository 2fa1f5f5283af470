// @case gdl-ch4-alpha
// @set heldout6
// @label healthy
// @source Andrew Trask, Grokking Deep Learning (Manning 2019), chapter 4 (gradient descent), as in its
//   repository github.com/iamtrask/Grokking-Deep-Learning@e665168 ("Chapter4 - Gradient Descent - Intro to Neural
//   Learning.ipynb": one weight 0.5, one input, goal 0.8, pred = input · weight, weight −= input · (pred − goal) · alpha,
//   20 iterations). "Introducing alpha": the same input 2 with alpha = 0.1; the
//   stored run's prediction goes 1.0, 0.92, 0.872, … 0.80016 and the error 0.04 → 8.8e-9 — the chapter's fix for the
//   divergence of the cell before it.
// @data the chapter's one example: input 2, goal 0.8.
// @settings Dense(1, no bias) with its weight 0.5, loss ½ (pred − goal)², plain SGD lr 0.1, 20 iterations.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const weight = 0.5;
const goalPred = 0.8;
const input = 2;
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, useBias: false, kernelInitializer: tf.initializers.constant({ value: weight }) }));
// derivative = input * (pred - goal_pred): gradient descent on ½ (pred − goal)²
const halfSquaredError = (yTrue, yPred) => tf.mean(tf.mul(0.5, tf.square(tf.sub(yPred, yTrue))));
const alpha = 0.1;
model.compile({ optimizer: tf.train.sgd(alpha), loss: halfSquaredError });
model.fit(tf.tensor2d([[input]]), tf.tensor2d([[goalPred]]), { batchSize: 1, epochs: 20 });
