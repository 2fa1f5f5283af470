// @case fd-59282996-buggy
// @set heldout2
// @label buggy
// @bug wrong-labels
// @source DeepFD benchmark (Cao, Li, Pan, Tan & Zhang, ICSE'22): github.com/ArabelaTso/DeepFD@9fe0895,
//   "Benchmark/Subjects/59282996/epoch_30/origin.py" (Benchmark-with-patches.xlsx row 32); Stack Overflow question
//   59282996.
// @fault the labels keep the padding value 0 as a third class beside the real classes 1 and 2, and the output layer has
//   3 units for them; DeepFD's ground truth: epochs, training data quality, layer properties. The fix (repair.py) maps
//   the labels 1 → 0, 2 → 1 and gives the TimeDistributed output 2 units, and trains 30 epochs instead of 10.
// @data the program's own inline data: 10 training sequences (numpy arrays of 5 × 20 reshaped to 20 steps × 5 features,
//   as the program does), read out of origin.py by prepare.ts (prepareHeldout2.ts).
// @settings Masking(0) → Bidirectional(LSTM(20), sequences) → Dropout(0.2) → TimeDistributed(Dense(3, sigmoid)); sparse
//   categorical cross-entropy; SGD lr 0.01, momentum 0.9, Nesterov (Keras decay 1e-6 dropped: tfjs has none); batch 20
//   (one batch of 10), 10 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('fd-59282996-train').rows;
const steps = (r) => Array.from({ length: 20 }, (_, t) => r.slice(t * 5, t * 5 + 5));
const xTrain = tf.tensor3d(rows.map(steps));
const yTrain = tf.tensor3d(rows.map((r) => r.slice(100).map((y) => [y]))); // FAULT

const model = tf.sequential();
model.add(tf.layers.masking({ maskValue: 0, inputShape: [20, 5] }));
model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 20, returnSequences: true }) }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: 'sigmoid' }) })); // FAULT
const sgd = tf.train.momentum(0.01, 0.9, true);
model.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: sgd, metrics: ['mse'] });
model.fit(xTrain, yTrain, { epochs: 10, batchSize: 20 });
