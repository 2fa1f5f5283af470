// @case tf18493-linreg-sgd-default
// @set heldout17
// @label buggy
// @bug lr-high, unscaled-input
// @fault TensorFlow.js 0.9.0's getting-started regression, one Dense unit fitted by the 'sgd' optimizer string (plain SGD at 0.01)
//   to y = x + 2 for x = 1 … 24: the reporter's predictions come back NaN. Our reading (the thread has no answer but the bot's): the
//   squared error's curvature in the weight is 2·mean(x²) = 408, so a step of 0.01 multiplies the weight's error by |1 − 4.08| > 1
//   each step and the fit diverges — unscaled inputs for the default rate. The FAULT line is the compile with the default rate.
// @source tensorflow/tensorflow issue #18493 "Tensorflow js returns NAN on large data set" (2018-04-13,
//   github.com/tensorflow/tensorflow/issues/18493): tfjs 0.9.0 from the CDN; tf.sequential() with tf.layers.dense({units: 1,
//   inputShape: [1]}); model.compile({loss: 'meanSquaredError', optimizer: 'sgd'}); xs 1 … 24, ys 3 … 26; model.fit(xs, ys) then
//   model.predict(tf.tensor2d([11], [1, 1])).print().
// @training the reporter: "Tensorflow js returns NAN on large data set" for this program (the title; the printed prediction is NaN).
//   No reply beyond the issue bot's template requests; closed for inactivity.
// @data the 24 rows of the issue, inline.
// @settings exactly the program: Dense(1) with tfjs's defaults (Glorot-uniform weight, zero bias; seeded here), mean squared
//   error, 'sgd' (SGD 0.01), fit with its defaults (batch 32, so one full batch of 24 rows, for the default epochs).
// @license the program is quoted from the issue for reference; this is our transcription for the benchmark.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 18493 }) }));
model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' }); // FAULT
const xs = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], [24, 1]);
const ys = tf.tensor2d([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26], [24, 1]);
model.fit(xs, ys).then(() => {
  model.predict(tf.tensor2d([11], [1, 1])).print();
});
