// @case so-31880720-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   Benchmark/StackOverflow/31880720/Correct Code/31880720.py (the accepted fix of Stack Overflow question 31880720).
// @data the program's own synthetic data, rebuilt exactly: 10^4 rows of 128 ones (label 1), 10^4 rows of 128 zeros (label 0).
// @settings RMSprop (Keras default lr 1e-3, rho 0.9), batch 1, as the original.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const rows = 10 ** 4;
const xTrain = tf.concat([tf.ones([rows, 128]), tf.zeros([rows, 128])]);
const yTrain = tf.concat([tf.ones([rows, 1]), tf.zeros([rows, 1])]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, activation: 'relu', inputShape: [128] }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 50, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.rmsprop(1e-3, 0.9), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 1, epochs: 3, shuffle: true });
