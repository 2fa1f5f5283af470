// @case gdl-ch4-diverge
// @set heldout6
// @label buggy
// @bug lr-high
// @source Andrew Trask, Grokking Deep Learning (Manning 2019), chapter 4 (gradient descent), as in its
//   repository github.com/iamtrask/Grokking-Deep-Learning@e665168 ("Chapter4 - Gradient Descent - Intro to Neural
//   Learning.ipynb": one weight 0.5, one input, goal 0.8, pred = input · weight, weight −= input · (pred − goal) · alpha,
//   20 iterations). "Breaking Gradient Descent": with input 2 and no alpha (a step of
//   1) the stored run's prediction goes 1.0, 0.2, 2.6, −4.6, 17.0, … 956,594.6 by the 15th step and the error from 0.04 past 9e11 ("Now let's break
//   it"); the chapter's fix, alpha = 0.1, converges to 0.8000 in the next cell.
// @fault the update takes the full derivative (learning rate 1) where input 2 makes the curvature 4: every step overshoots
//   (the fix in the chapter: alpha = 0.1).
// @data the chapter's one example: input 2, goal 0.8.
// @settings Dense(1, no bias) with its weight 0.5, loss ½ (pred − goal)², plain SGD lr 1 (no alpha), 20 iterations.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const weight = 0.5;
const goalPred = 0.8;
const input = 2;
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, useBias: false, kernelInitializer: tf.initializers.constant({ value: weight }) }));
// derivative = input * (pred - goal_pred): gradient descent on ½ (pred − goal)²
const halfSquaredError = (yTrue, yPred) => tf.mean(tf.mul(0.5, tf.square(tf.sub(yPred, yTrue))));
model.compile({ optimizer: tf.train.sgd(1), loss: halfSquaredError }); // FAULT
model.fit(tf.tensor2d([[input]]), tf.tensor2d([[goalPred]]), { batchSize: 1, epochs: 20 });
