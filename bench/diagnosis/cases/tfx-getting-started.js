// @case tfx-getting-started
// @set heldout2
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, getting-started/index.js (the "first
//   model" of the tfjs getting-started guide).
// @data the example's own six points on y = 2x − 1.
// @settings Dense(1) on one input (tfjs default glorot-uniform kernel, zero bias), MSE, tfjs's 'sgd' (lr 0.01), the
//   whole six points each step (fit's default batch 32), 250 epochs.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our copy of the example's model and training code.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });

const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4], [6, 1]);
const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7], [6, 1]);
model.fit(xs, ys, { epochs: 250 });
