// @case so-34311586-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/34311586/Correct Code/34311586.py"; Stack Overflow question 34311586.
// @data the program's own six XOR rows.
// @settings SGD lr 0.1, momentum 0.9, Nesterov (decay 1e-6 dropped); MSE; batch 4.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const X = tf.tensor2d([[1, 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]);
const y = tf.tensor2d([[0], [0], [1], [1], [0], [0]]);
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: uniform(), activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: uniform(), activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform(), activation: 'sigmoid' }));
const sgd = tf.train.momentum(0.1, 0.9, true);
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 10000, batchSize: 4 });
