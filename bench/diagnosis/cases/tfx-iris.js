// @case tfx-iris
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, iris/index.js (trainModel) with the defaults of
//   iris/index.html (learning rate 0.01, 40 epochs).
// @data iris (the example embeds the 150 rows in iris/data.js; here scikit-learn's bundled copy of the same rows), raw features
//   as the example, one-hot labels, rows shuffled (seeded) as its data.js does before splitting; 85 % for training.
// @settings Dense(10, sigmoid) → Dense(3, softmax), Adam lr 0.01, categorical cross-entropy, fit's default batch 32.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled } = require('./data.ts');

const rows = shuffled(table('iris').rows, 1).slice(0, 128);
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 4)));
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[4]), 3));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [xTrain.shape[1]] }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { epochs: 40 });
