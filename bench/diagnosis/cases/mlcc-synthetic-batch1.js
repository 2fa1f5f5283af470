// @case mlcc-synthetic-batch1
// @set heldout5
// @label healthy
// @source Google Machine Learning Crash Course, programming exercise "Simple Linear Regression with Synthetic Data":
//   github.com/google/eng-edu@b2e6090, ml/cc/exercises/linear_regression_with_synthetic_data.ipynb, Task 5's solution
//   ("Adjust the batch size": learning_rate=0.05, epochs=100, my_batch_size=1 — "Wow, a batch size of 1 works!").
// @data the exercise's own 12 rows (my_feature 1…12, my_label 5.0 … 38.2).
// @settings Dense(1) on one feature (build_model), RMSprop(learning_rate=0.05) (Keras rho 0.9, epsilon 1e-7), mean squared
//   error, batch 1, 100 epochs.
// @license the exercise is Apache-2.0-licensed (Copyright 2020 Google LLC); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const myFeature = tf.tensor2d([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [12, 1]);
const myLabel = tf.tensor2d([5.0, 8.8, 9.6, 14.2, 18.8, 19.5, 21.4, 26.8, 28.9, 32.0, 33.8, 38.2], [12, 1]);

function buildModel(myLearningRate) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
  model.compile({ optimizer: tf.train.rmsprop(myLearningRate, 0.9, 0, 1e-7), loss: 'meanSquaredError' });
  return model;
}

const learningRate = 0.05;
const epochs = 100;
const myBatchSize = 1;
const myModel = buildModel(learningRate);
myModel.fit(myFeature, myLabel, { batchSize: myBatchSize, epochs });
