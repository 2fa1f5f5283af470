// @case tfdocs-regression-horsepower
// @set heldout5
// @label healthy
// @source TensorFlow tutorials, "Basic regression: Predict fuel efficiency": github.com/tensorflow/docs@7c36502,
//   site/en/tutorials/keras/regression.ipynb, "Linear regression with one variable" (horsepower_normalizer →
//   Dense(units=1); compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.1), loss='mean_absolute_error');
//   fit(train_features['Horsepower'], train_labels, epochs=100, validation_split=0.2)), the tutorial's single-input
//   linear baseline.
// @data the UCI Auto MPG table (see tfdocs-regression-dnn: prepare.ts's extraction, 392 rows, 80 % sampled for training
//   by a seeded shuffle); Horsepower standardised with the training rows' mean and variance (what the tutorial's
//   Normalization layer adapts to; tfjs has no such layer).
// @settings 1 standardised input → Dense(1), mean absolute error, Adam lr 0.1, batch 32 (Keras default), 100 epochs,
//   validation_split 0.2.
// @license the TensorFlow docs' code is Apache-2.0-licensed (Copyright The TensorFlow Authors); this is our TensorFlow.js
//   translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const dataset = table('auto-mpg').rows; // MPG, Cylinders, Displacement, Horsepower, …
const trainDataset = shuffled(dataset, 0).slice(0, Math.round(dataset.length * 0.8));
const horsepower = tf.tensor2d(standardize(trainDataset.map((r) => [r[3]])));
const trainLabels = tf.tensor2d(trainDataset.map((r) => [r[0]]));

const horsepowerModel = tf.sequential();
horsepowerModel.add(tf.layers.dense({ inputShape: [1], units: 1 }));
horsepowerModel.compile({ optimizer: tf.train.adam(0.1), loss: 'meanAbsoluteError' });
horsepowerModel.fit(horsepower, trainLabels, { epochs: 100, validationSplit: 0.2 });
