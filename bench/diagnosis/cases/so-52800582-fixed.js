// @case so-52800582-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/52800582/Correct Code/untitled35.py"; Stack Overflow question 52800582.
// @data the program's own data, rebuilt exactly: x = -100, -99.5, …, 99.5 (400 rows), y = x⁴; x and y standardised as the fix.
// @settings Adam (Keras default lr 1e-3), MSE, batch 400 (the whole set).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { standardize } = require('./data.ts');

const raw = Array.from({ length: 400 }, (_, i) => -100 + i * 0.5);
const x = standardize(raw.map((v) => [v]));
const y = standardize(raw.map((v) => [v ** 4]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [1] }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 50 }));
model.add(tf.layers.activation({ activation: 'elu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
model.fit(tf.tensor2d(x), tf.tensor2d(y), { epochs: 1000, batchSize: x.length });
