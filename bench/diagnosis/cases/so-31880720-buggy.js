// @case so-31880720-buggy
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   Benchmark/StackOverflow/31880720/Buggy Code/31880720.py (fix in .../Correct Code/); Stack Overflow question 31880720.
//   Also DeepDiagnosis's motivating example (ICSE'22, github.com/DeepDiagnosis/ICSE2022 "MOTIVATING EXAMPLE/31880720").
// @fault softmax on a single output unit: its output is always 1, binary cross-entropy gets no gradient, nothing learns.
// @data the program's own synthetic data, rebuilt exactly: 10^4 rows of 128 ones (label 1), 10^4 rows of 128 zeros (label 0).
// @settings RMSprop (Keras default lr 1e-3, rho 0.9), batch 1, as the original.
// @table6 row=10 UM=no/no DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const rows = 10 ** 4;
const xTrain = tf.concat([tf.ones([rows, 128]), tf.zeros([rows, 128])]);
const yTrain = tf.concat([tf.ones([rows, 1]), tf.zeros([rows, 1])]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, activation: 'relu', inputShape: [128] }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 50 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 1 })); // FAULT
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.rmsprop(1e-3, 0.9), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 1, epochs: 3, shuffle: true });
