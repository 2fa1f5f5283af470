// @case so-45442843-buggy
// @set heldout
// @label buggy
// @bug output-activation, wrong-loss, unscaled-input
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/45442843/Buggy Code/untitled39.py"; Stack Overflow question 45442843.
// @fault a softmax over one output unit (constant 1.0) with mean absolute error, fed one raw feature in the tens of
//   thousands; the fix (Benchmark.xlsx row 26) scales X (preprocessing.scale), uses a sigmoid output and binary
//   cross-entropy.
// @data the program's own dataset.csv (999 rows: one integer feature ~10^4, a 0/1 label), read from the DeepLocalize
//   repository by prepare.ts; the first 80 % for training as the program's split; unscaled as there.
// @settings Dense(1) → sigmoid → Dense(1, Keras 'normal' = N(0, 0.05)) → softmax, RMSprop (Keras default lr 1e-3), batch
//   200, 100 epochs (its validation data is not needed for the profile).
// @table6 row=26 UM=yes/no DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('dl-45442843').rows;
const train = rows.slice(0, Math.floor(rows.length * 0.8));
const xTrain = tf.tensor2d(train.map((r) => [r[0]])); // FAULT
const yTrain = tf.tensor2d(train.map((r) => [r[1]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputDim: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.05 }) }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ loss: 'meanAbsoluteError', optimizer: tf.train.rmsprop(1e-3), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 100, batchSize: 200 });
