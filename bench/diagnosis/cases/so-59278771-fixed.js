// @case so-59278771-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/59278771/Correct Model/untitled31.py"; Stack Overflow question 59278771.
// @data iris (the question reads iris.data; here scikit-learn's bundled copy of the same 150 rows), one-hot labels; rows shuffled
//   once (seeded) as Keras's fit(shuffle=True) does before each epoch; features min-max scaled as the fix.
// @settings Adam (Keras default lr 1e-3), categorical cross-entropy, batch 32 (KerasClassifier's fit default), N(0, 0.05) kernels;
//   the fix's 10-fold cross-validation is left out (one fit is profiled).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, minMax } = require('./data.ts');

const rows = shuffled(table('iris').rows, 7);
const X = tf.tensor2d(minMax(rows.map((r) => r.slice(0, 4))));
const dummyY = tf.tensor2d(oneHot(rows.map((r) => r[4]), 3));
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });

function baselineModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputDim: 4, activation: 'relu', kernelInitializer: normal() }));
  model.add(tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: normal() }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: normal() }));
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
  return model;
}

baselineModel().fit(X, dummyY, { epochs: 200, batchSize: 32 });
