// @case so-38648195-buggy
// @label buggy
// @bug output-activation, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/38648195/Buggy Code/38648195.py"; Stack Overflow question 38648195.
// @fault multi-label targets with a softmax output and mean squared error; the fix uses sigmoid + binary cross-entropy.
// @data sklearn make_multilabel_classification(n_features=20, n_classes=3) as the original, 2,000 rows (random_state 0) instead
//   of 60,000 (only the first batches are profiled); 80 % kept for training as its train_test_split; features left unscaled as there.
// @settings SGD (Keras default lr 0.01), batch 20.
// @table6 row=6 UM=yes/no DL=yes/yes AT=no/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('multilabel-20x3').rows.slice(0, 1600);
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 20)));
const yTrain = tf.tensor2d(rows.map((r) => r.slice(20)));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 20, inputDim: 20 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 20 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 3 }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 20, batchSize: 20 });
