// @case so-51930566-buggy
// @label buggy
// @bug output-activation, unscaled-input
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/51930566/Buggy Code/untitled31.py"; Stack Overflow question 51930566.
// @fault sigmoid output under categorical cross-entropy, and the split taken from the unscaled X although X_scaled was
//   computed; the fix uses softmax and the standardised features.
// @data scikit-learn's bundled iris, as the question (load_iris), one-hot labels; half for training as its
//   train_test_split(test_size=0.5), seeded; features unscaled (the bug).
// @settings Adam (Keras default lr 1e-3), categorical cross-entropy, batch 5, N(0, 0.05) kernels.
// @table6 row=24 UM=- DL=yes/no AT=yes/- DD=yes/no
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot, shuffled, standardize } = require('./data.ts');

const iris = table('iris').rows;
const X = iris.map((r) => r.slice(0, 4));
const Y = oneHot(iris.map((r) => r[4]), 3);
const XScaled = standardize(X);
const order = shuffled(iris.map((_, i) => i), 2).slice(0, 75);
const xTrain = tf.tensor2d(order.map((i) => X[i])); // FAULT
const yTrain = tf.tensor2d(order.map((i) => Y[i]));
void XScaled;
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputDim: 4, kernelInitializer: normal() })); // FAULT
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 5, epochs: 50 });
