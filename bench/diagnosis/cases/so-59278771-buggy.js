// @case so-59278771-buggy
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/59278771/Buggy Model/untitled31.py"; Stack Overflow question 59278771.
// @fault sigmoid output under categorical cross-entropy for 3 exclusive classes (and unscaled features); the fix uses a
//   softmax output, an extra ReLU layer and min-max scaled features.
// @data iris (the question reads iris.data; here scikit-learn's bundled copy of the same 150 rows), one-hot labels; rows shuffled
//   once (seeded) as Keras's fit(shuffle=True) does before each epoch; features unscaled as the question.
// @settings Adam (Keras default lr 1e-3), categorical cross-entropy, batch 5, N(0, 0.05) kernels.
// @table6 row=16 UM=- DL=yes/no AT=no/- DD=no/no
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled } = require('./data.ts');

const rows = shuffled(table('iris').rows, 7);
const X = tf.tensor2d(rows.map((r) => r.slice(0, 4)));
const dummyY = tf.tensor2d(oneHot(rows.map((r) => r[4]), 3));
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputDim: 4, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
model.fit(X, dummyY, { epochs: 200, batchSize: 5 });
