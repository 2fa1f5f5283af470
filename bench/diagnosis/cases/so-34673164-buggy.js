// @case so-34673164-buggy
// @moved-from heldout (held-out protocol: found by loss-activation-mismatch on MSE over a softmax, branch lint; seen in the check that no healthy case uses it)
// @label buggy
// @bug wrong-loss, unscaled-input
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/34673164/Buggy Model/untitled39.py"; Stack Overflow question 34673164.
// @fault mean squared error on a two-class softmax, and 16 raw census features (counts up to 10^6) straight into tanh
//   layers; the fix (the benchmark's Benchmark.xlsx row 19) adds a BatchNormalization first, a sigmoid output and binary
//   cross-entropy.
// @data the program's own dataset.csv (9 counties × 16 features, the candidate label-encoded as its LabelEncoder), read
//   from the DeepLocalize repository by prepare.ts; one-hot labels; unscaled as there.
// @settings SGD lr 0.1, momentum 0.9, Nesterov (Keras decay 1e-6 dropped: tfjs has none), Keras 'uniform' kernels
//   (U(-0.05, 0.05)), dropout 0.5, batch 16, 20 epochs.
// @table6 row=19 UM=yes/no DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('dl-34673164').rows;
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 16))); // FAULT
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[16]), 2));

const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputDim: 16, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 64, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'softmax' }));
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd, metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { epochs: 20, batchSize: 16 });
