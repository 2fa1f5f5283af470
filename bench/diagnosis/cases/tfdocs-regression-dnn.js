// @case tfdocs-regression-dnn
// @set heldout5
// @label healthy
// @source TensorFlow tutorials, "Basic regression: Predict fuel efficiency": github.com/tensorflow/docs@7c36502,
//   site/en/tutorials/keras/regression.ipynb, "Regression using a DNN and multiple inputs" (build_and_compile_model(normalizer):
//   normalizer → Dense(64, relu) → Dense(64, relu) → Dense(1), loss 'mean_absolute_error', Adam(0.001);
//   dnn_model.fit(train_features, train_labels, validation_split=0.2, epochs=100)), the model the tutorial
//   ends with (it saves and reloads it).
// @data the UCI Auto MPG table the tutorial downloads, as extracted by bench/diagnosis/prepare.ts from thedeepchecker's copy
//   (392 rows after dropping the missing horsepower values, Origin one-hot as Europe/Japan/USA — the tutorial's own
//   preprocessing); 80 % sampled for training (seeded shuffle for dataset.sample(frac=0.8, random_state=0)). tfjs has no
//   Normalization layer: the features are standardised with the training rows' mean and variance, which is what
//   `normalizer.adapt(train_features)` makes that layer do.
// @settings 9 standardised features → Dense(64, relu) → Dense(64, relu) → Dense(1), mean absolute error, Adam lr 0.001,
//   batch 32 (Keras default), 100 epochs, validation_split 0.2.
// @license the TensorFlow docs' code is Apache-2.0-licensed (Copyright The TensorFlow Authors); this is our TensorFlow.js
//   translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const dataset = table('auto-mpg').rows; // MPG, Cylinders, Displacement, Horsepower, Weight, Acceleration, Model Year, Europe, Japan, USA
const trainDataset = shuffled(dataset, 0).slice(0, Math.round(dataset.length * 0.8));
const trainFeatures = tf.tensor2d(standardize(trainDataset.map((r) => r.slice(1))));
const trainLabels = tf.tensor2d(trainDataset.map((r) => [r[0]]));

function buildAndCompileModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [9], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ loss: 'meanAbsoluteError', optimizer: tf.train.adam(0.001) });
  return model;
}

const dnnModel = buildAndCompileModel();
dnnModel.fit(trainFeatures, trainLabels, { validationSplit: 0.2, epochs: 100 });
