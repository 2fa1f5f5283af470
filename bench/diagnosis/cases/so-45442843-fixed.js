// @case so-45442843-fixed
// @set heldout
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/45442843/Correct Code/untitled39.py"; Stack Overflow question 45442843.
// @data the program's own dataset.csv (999 rows: one integer feature ~10^4, a 0/1 label), read from the DeepLocalize
//   repository by prepare.ts; standardised as its preprocessing.scale(X), then the first 80 % for training.
// @settings Dense(1) → sigmoid → Dense(1, Keras 'normal' = N(0, 0.05), sigmoid), binary cross-entropy, RMSprop (Keras
//   default lr 1e-3), batch 200, 100 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, standardize } = require('./data.ts');

const rows = table('dl-45442843').rows;
const X = standardize(rows.map((r) => [r[0]]));
const n = Math.floor(rows.length * 0.8);
const xTrain = tf.tensor2d(X.slice(0, n));
const yTrain = tf.tensor2d(rows.slice(0, n).map((r) => [r[1]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputDim: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.05 }), activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.rmsprop(1e-3), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 100, batchSize: 200 });
