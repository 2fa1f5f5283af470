// @case so-39217567-buggy
// @label buggy
// @bug vanishing, wrong-loss
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/39217567/Buggy Code/39217567.py"; Stack Overflow question 39217567.
// @fault three sigmoid layers (N(0, 0.05) init) trained with MSE and SGD 0.01 on a random permutation of the inputs as
//   targets; the fix uses ReLU hidden layers, binary cross-entropy, batch 1 and the identity targets.
// @data the program's own data, rebuilt exactly: the 256 8-bit binary vectors; targets a seeded permutation of them (random.shuffle(y)).
// @settings SGD (Keras default lr 0.01), MSE, batch 50.
// @table6 row=12 UM=- DL=yes/no AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { shuffled } = require('./data.ts');

const dim = 8;
const X = Array.from({ length: 2 ** dim }, (_, i) => Array.from({ length: dim }, (_, b) => (i >> (dim - 1 - b)) & 1));
const y = shuffled(X, 7); // FAULT
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: dim, inputDim: dim, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.add(tf.layers.dense({ units: dim, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.add(tf.layers.dense({ units: dim, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] }); // FAULT
model.fit(tf.tensor2d(X), tf.tensor2d(y), { epochs: 1000, batchSize: 50 });
