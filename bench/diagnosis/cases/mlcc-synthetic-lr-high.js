// @case mlcc-synthetic-lr-high
// @set heldout5
// @label buggy
// @bug lr-high
// @source Google Machine Learning Crash Course, programming exercise "Simple Linear Regression with Synthetic Data":
//   github.com/google/eng-edu@b2e6090, ml/cc/exercises/linear_regression_with_synthetic_data.ipynb, Task 3 ("Increase the
//   learning rate": learning_rate=100.0, epochs=500, batch 12). The notebook: "we've intentionally set the learning rate
//   too high … The resulting model is terrible; the red line doesn't align with the blue dots. Furthermore, the loss curve
//   oscillates like a roller coaster. An oscillating loss curve strongly suggests that the learning rate is too high."
// @fault RMSprop learning rate 100: the exercise's solution (Task 4) trains the same model with 0.14 for 70 epochs.
// @data the exercise's own 12 rows (my_feature 1…12, my_label 5.0 … 38.2).
// @settings Dense(1) on one feature (build_model), RMSprop(learning_rate=100.0) (Keras rho 0.9, epsilon 1e-7), mean squared
//   error, batch 12, 500 epochs.
// @license the exercise is Apache-2.0-licensed (Copyright 2020 Google LLC); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const myFeature = tf.tensor2d([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [12, 1]);
const myLabel = tf.tensor2d([5.0, 8.8, 9.6, 14.2, 18.8, 19.5, 21.4, 26.8, 28.9, 32.0, 33.8, 38.2], [12, 1]);

function buildModel(myLearningRate) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
  model.compile({ optimizer: tf.train.rmsprop(myLearningRate, 0.9, 0, 1e-7), loss: 'meanSquaredError' }); // FAULT
  return model;
}

const learningRate = 100.0; // FAULT
const epochs = 500;
const myBatchSize = 12;
const myModel = buildModel(learningRate);
myModel.fit(myFeature, myLabel, { batchSize: myBatchSize, epochs });
