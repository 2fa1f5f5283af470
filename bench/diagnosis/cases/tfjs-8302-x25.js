// @case tfjs-8302-x25
// @set heldout8
// @label healthy
// @source GitHub issue tensorflow/tfjs#8302 "Getting started example not resilient to growing the training data beyond
//   x=25" (https://github.com/tensorflow/tfjs/issues/8302, June 2024, tfjs 4.20.0): the tfjs-examples getting-started
//   program — Dense(1) on y = 2x − 1, loss meanSquaredError, optimizer 'sgd' (tfjs: SGD lr 0.01), 250 epochs — run with
//   one more (x, y) pair. The reporter's working variant: adding the pair (25, 49) "does improve accuracy" — the fit
//   converges (2/λmax is just above 0.01 here).
// @data inline, as in the issue: the example's six points (x = -1 … 4, y = 2x − 1) plus (25, 49).
// @settings Dense(1) (Glorot kernel, zero bias), MSE, SGD lr 0.01, batch 32 (the 7 points in one batch), 250 epochs,
//   shuffled.
// @license the tfjs-examples program is Apache-2.0 (Copyright Google LLC); the data change is the reporter's; this is our copy of it.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });

// Generate some synthetic data for training. (y = 2x - 1)
const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4, 25], [7, 1]);
const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7, 49], [7, 1]);
model.fit(xs, ys, { epochs: 250 });
