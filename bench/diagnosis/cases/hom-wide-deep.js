// @case hom-wide-deep
// @label healthy
// @source Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 2nd edition (A. Géron, O'Reilly 2019), notebooks:
//   github.com/ageron/handson-ml2@1e21152, 10_neural_nets_with_keras.ipynb ("Functional API": the Wide & Deep network that
//   concatenates the input with the second hidden layer; 20 epochs: test MSE 0.403 in the notebook's stored output).
// @data the notebook fetches California housing (sklearn's fetch_california_housing downloads it; not reachable here).
//   Stand-in: scikit-learn's bundled diabetes regression (442 rows, 10 features; extracted by prepare.ts), split as its two
//   train_test_split calls do (3/4 of 3/4 for training, seeded), features standardised with StandardScaler as the notebook
//   does; the target scaled to the housing target's range (÷ 100: 0.25–3.5 against 0.15–5).
// @training train.ts (wasm, the program's 20 epochs): MSE 3.90 → 0.644, no better than the target's variance (0.59): at 248
//   rows the plan is 160 SGD steps at lr 1e-3 (the notebook's 11,610 rows: 7,260) — the scaled-down port does not train
//   within its plan; label kept as the source's.
// @settings Input(10) → Dense(30, relu) → Dense(30, relu); concatenate(input, hidden2) → Dense(1), SGD lr 1e-3, mean squared
//   error, batch 32 (Keras default), 20 epochs.
// @license handson-ml2 is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled, standardize } = require('./data.ts');

const rows = shuffled(table('diabetes').rows, 42).slice(0, 248);
const xTrain = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 10))));
const yTrain = tf.tensor2d(rows.map((r) => [r[10] / 100]));

const input = tf.input({ shape: [10] });
const hidden1 = tf.layers.dense({ units: 30, activation: 'relu' }).apply(input);
const hidden2 = tf.layers.dense({ units: 30, activation: 'relu' }).apply(hidden1);
const concat = tf.layers.concatenate().apply([input, hidden2]);
const output = tf.layers.dense({ units: 1 }).apply(concat);
const model = tf.model({ inputs: [input], outputs: [output] });
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-3) });
model.fit(xTrain, yTrain, { epochs: 20, batchSize: 32 });
