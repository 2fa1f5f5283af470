// @case tfx-quantization-housing
// @set heldout3
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, quantization/model_housing.js (createModel,
//   compileModel) trained by quantization/train_housing.js with its defaults (200 epochs, batch 128, validationSplit 0.2).
// @data the example downloads California housing (10,000 rows, 8 features) and z-normalises features and label
//   (data_housing.js); not reachable here. Stand-in: scikit-learn's bundled diabetes regression (442 rows, 10 features),
//   features and target z-normalised the same way; 80 % for training, seeded.
// @settings Dense(80, relu) → Dropout 0.2 → Dense(120, relu) → Dropout 0.1 → Dense(20, relu) → Dropout 0.1 → Dense(10, relu) →
//   Dropout 0.1 → Dense(1), mean absolute error, Adam (tfjs's 'adam': lr 1e-3), batch 128, 200 epochs.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = standardize(shuffled(table('diabetes').rows, 7)).slice(0, 354);
const trainXs = tf.tensor2d(rows.map((r) => r.slice(0, 10)));
const trainYs = tf.tensor2d(rows.map((r) => [r[10]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 80, activation: 'relu', inputShape: [10] }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 120, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 20, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 10, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanAbsoluteError', optimizer: 'adam' });
model.fit(trainXs, trainYs, { epochs: 200, batchSize: 128 });
