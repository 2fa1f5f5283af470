// @case fd-59282996-fixed
// @set heldout2
// @label healthy
// @source DeepFD benchmark (Cao, Li, Pan, Tan & Zhang, ICSE'22): github.com/ArabelaTso/DeepFD@9fe0895,
//   "Benchmark/Subjects/59282996/epoch_30/repair.py" (Benchmark-with-patches.xlsx row 32); Stack Overflow question
//   59282996.
// @data the program's own inline data: 10 training sequences (numpy arrays of 5 × 20 reshaped to 20 steps × 5 features,
//   as the program does), read out of origin.py by prepare.ts (prepareHeldout2.ts); labels mapped as the fix does (1 →
//   0, 2 → 1; the padding 0 stays 0).
// @settings Masking(0) → Bidirectional(LSTM(20), sequences) → Dropout(0.2) → TimeDistributed(Dense(2, sigmoid)); sparse
//   categorical cross-entropy; SGD lr 0.01, momentum 0.9, Nesterov (Keras decay 1e-6 dropped: tfjs has none); batch 20
//   (one batch of 10), 30 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('fd-59282996-train').rows;
const steps = (r) => Array.from({ length: 20 }, (_, t) => r.slice(t * 5, t * 5 + 5));
const relabel = (y) => (y === 2 ? 1 : 0);
const xTrain = tf.tensor3d(rows.map(steps));
const yTrain = tf.tensor3d(rows.map((r) => r.slice(100).map((y) => [relabel(y)])));

const model = tf.sequential();
model.add(tf.layers.masking({ maskValue: 0, inputShape: [20, 5] }));
model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 20, returnSequences: true }) }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, activation: 'sigmoid' }) }));
const sgd = tf.train.momentum(0.01, 0.9, true);
model.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: sgd, metrics: ['mse'] });
model.fit(xTrain, yTrain, { epochs: 30, batchSize: 20 });
