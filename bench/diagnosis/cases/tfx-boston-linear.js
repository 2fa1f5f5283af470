// @case tfx-boston-linear
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, boston-housing/index.js (linearRegressionModel, run:
//   SGD lr 0.01, MSE, batch 40, 200 epochs).
// @data the Boston housing CSVs the example downloads are not reachable here (and Boston is no longer in scikit-learn);
//   stand-in: scikit-learn's bundled diabetes regression (442 rows, 10 features), features z-scored as the example's
//   normalization.js, target left raw as the example (25–346 here instead of 5–50 there); 80 % for training, seeded.
// @settings one linear unit (Glorot-uniform kernel, zero bias), SGD lr 0.01, MSE, batch 40.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('diabetes').rows, 3).slice(0, 354);
const trainFeatures = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 10))));
const trainTarget = tf.tensor2d(rows.map((r) => [r[10]]));
const numFeatures = 10;

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [numFeatures], units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
model.fit(trainFeatures, trainTarget, { batchSize: 40, epochs: 200 });
