// @case so-34311586-buggy
// @label buggy
// @bug output-activation, lr-low
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/34311586/Buggy Code/34311586.py"; Stack Overflow question 34311586.
// @fault softmax on the single output unit (always 1: no gradient) and SGD lr 0.001; the fix uses sigmoid and lr 0.1.
// @data the program's own six XOR rows.
// @settings SGD lr 0.001, momentum 0.9, Nesterov (decay 1e-6 dropped); MSE; Keras's default batch 32 = all 6 rows.
// @table6 row=9 UM=no/no DL=yes/yes AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const X = tf.tensor2d([[1, 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]);
const y = tf.tensor2d([[0], [0], [1], [1], [0], [0]]);
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 3, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: uniform() }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
const sgd = tf.train.momentum(0.001, 0.9, true); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: sgd });
model.fit(X, y, { epochs: 20, batchSize: 32 });
