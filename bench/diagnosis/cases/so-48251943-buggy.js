// @case so-48251943-buggy
// @set heldout
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/48251943/Buggy Code/48251943.py"; Stack Overflow question 48251943.
// @fault a ReLU output unit for a regression target (a ReLU output that goes negative stays at 0 with no gradient); the fix
//   (Benchmark.xlsx row 5) makes it tanh and trains 500 epochs instead of 50. The benchmark's own figures have the
//   fixed program's loss higher (0.631) than the buggy one's (0.374); the label is the source's.
// @data the program's own Book1.csv (17 rows; column 1 the target, columns 2-3 the features), read from the DeepLocalize
//   repository by prepare.ts; unscaled as there (values from -1.1 to 2.8).
// @settings Dense(4) → relu → Dense(1) → relu, MSE, SGD (Keras default lr 0.01), batch 10, 50 epochs.
// @table6 row=5 UM=- DL=no/no AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('dl-48251943').rows;
const X = tf.tensor2d(rows.map((r) => [r[1], r[2]]));
const Y = tf.tensor2d(rows.map((r) => [r[0]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputDim: 2 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'relu' })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['mse'] });
model.fit(X, Y, { epochs: 50, batchSize: 10 });
