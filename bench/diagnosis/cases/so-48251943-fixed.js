// @case so-48251943-fixed
// @set heldout
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/48251943/Correct Code/48251943.py"; Stack Overflow question 48251943.
// @data the program's own Book1.csv (17 rows; column 1 the target, columns 2-3 the features), read from the DeepLocalize
//   repository by prepare.ts; unscaled as there (values from -1.1 to 2.8).
// @settings Dense(4, relu) → Dense(1, tanh), MSE, SGD (Keras default lr 0.01), batch 10, 500 epochs.
// @training train.ts (wasm, its 500 epochs): MSE 1.49 → 0.678; the buggy program's 50 epochs end at 1.01. The targets
//   reach 2.71 (and -1.05) while tanh stays inside (-1, 1), so the fit cannot be exact; the benchmark's own figures have
//   this program's loss (0.631) above the buggy one's (0.374). The label stays the source's.
// @training Keras (bench/diagnosis/outputOracles.py so-48251943-fixed, its settings, seeds 1–3): MSE 0.673 / 0.619 / 0.700 after
//   the 500 epochs, predictions never above 1.00; predicting the targets' mean scores 0.885, any output inside [-1, 1] at
//   best 0.426, the same net with a linear output 0.498 / 0.442 / 0.426 (predictions up to 2.58); train.ts again 0.688. The
//   tanh output costs it the targets above 1, but it learns well beyond the trivial predictor (about a quarter of the
//   variance): not the unambiguous failure a relabel needs, so the source's label stays (relabel session, 2026-12-06).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('dl-48251943').rows;
const X = tf.tensor2d(rows.map((r) => [r[1], r[2]]));
const Y = tf.tensor2d(rows.map((r) => [r[0]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputDim: 2, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'tanh' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['mse'] });
model.fit(X, Y, { epochs: 500, batchSize: 10 });
