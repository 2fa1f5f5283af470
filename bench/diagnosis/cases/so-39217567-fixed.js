// @case so-39217567-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/39217567/Correct Code/39217567.py"; Stack Overflow question 39217567.
// @data the program's own data, rebuilt exactly: the 256 8-bit binary vectors, targets = inputs (the fix drops the shuffle).
// @settings SGD (Keras default lr 0.01), binary cross-entropy, batch 1.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const dim = 8;
const X = Array.from({ length: 2 ** dim }, (_, i) => Array.from({ length: dim }, (_, b) => (i >> (dim - 1 - b)) & 1));
const y = X.slice();
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: dim, inputDim: dim, kernelInitializer: normal(), activation: 'relu' }));
model.add(tf.layers.dense({ units: dim, kernelInitializer: normal(), activation: 'relu' }));
model.add(tf.layers.dense({ units: dim, kernelInitializer: normal(), activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] });
model.fit(tf.tensor2d(X), tf.tensor2d(y), { epochs: 1000, batchSize: 1 });
