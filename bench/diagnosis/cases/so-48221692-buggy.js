// @case so-48221692-buggy
// @set heldout
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/48221692/Buggy Model/untitled26.py"; Stack Overflow question 48221692.
// @fault a sigmoid output for a regression target in [0, 103] (y = x² + 3 on x ∈ [-10, 10]): the output can never exceed 1;
//   the fix (Benchmark.xlsx row 20) makes the output linear (published loss 2311.6 before, 121.9 after).
// @data the program's own Linear_Data.csv (201 rows x, y), read from the DeepLocalize repository by prepare.ts; 75 % for
//   training as its train_test_split(test_size=0.25), rows in a seeded random order; unscaled as there.
// @settings Dense(5) → sigmoid → Dense(1) → sigmoid, MSE, SGD (Keras default lr 0.01), one batch of all 150 training rows,
//   1000 epochs.
// @table6 row=20 UM=- DL=yes/no AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const train = shuffled(table('dl-48221692').rows, 7).slice(0, 150);
const xTrain = tf.tensor2d(train.map((r) => [r[0]]));
const yTrain = tf.tensor2d(train.map((r) => [r[1]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 5, inputDim: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 1000, batchSize: 150 });
