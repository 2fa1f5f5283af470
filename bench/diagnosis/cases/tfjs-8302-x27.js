// @case tfjs-8302-x27
// @set heldout8
// @label buggy
// @bug lr-high, unscaled-input
// @fault the default SGD rate 0.01 is above the stable limit 2/λmax once an input of 27 enters (λmax ≈ 2·mean x² ≈ 217):
//   the loss diverges to NaN; a smaller rate or scaled inputs fix it.
// @source GitHub issue tensorflow/tfjs#8302 "Getting started example not resilient to growing the training data beyond
//   x=25" (https://github.com/tensorflow/tfjs/issues/8302, June 2024, tfjs 4.20.0): the tfjs-examples getting-started
//   program — Dense(1) on y = 2x − 1, loss meanSquaredError, optimizer 'sgd' (tfjs: SGD lr 0.01), 250 epochs — run with
//   one more (x, y) pair. The reporter: "I hit weird unexpected results if I supply any (x,y) tuple where x is greater
//   than 26"; e.g. (27, 53). Gradient descent on this mean squared error is stable below 2/λmax with λmax ≈
//   2·mean(x²): the added x = 27 puts that limit just under the example's 0.01, so the fit diverges.
// @data inline: the example's six points (x = -1 … 4, y = 2x − 1) plus (27, 53), our pick of a pair on that line with x > 26.
// @settings Dense(1) (Glorot kernel, zero bias), MSE, SGD lr 0.01, batch 32 (the 7 points in one batch), 250 epochs,
//   shuffled.
// @license the tfjs-examples program is Apache-2.0 (Copyright Google LLC); the data change is the reporter's; this is our copy of it.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' }); // FAULT

// Generate some synthetic data for training. (y = 2x - 1)
const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4, 27], [7, 1]); // FAULT
const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7, 53], [7, 1]);
model.fit(xs, ys, { epochs: 250 });
