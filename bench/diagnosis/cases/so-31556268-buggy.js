// @case so-31556268-buggy
// @label buggy
// @bug wrong-loss, lr-low
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/31556268/Buggy Code/31556268.py"; Stack Overflow question 31556268.
// @fault mean absolute error on a sigmoid output and plain SGD (lr 0.05, momentum 0.11): XOR stays unlearned; the fix
//   switched to MSE with Adam.
// @data the program's own XOR rows [1,1]→0, [1,0]→1, [0,0]→0, [0,1]→1.
// @settings SGD lr 0.05, momentum 0.11, Nesterov (Keras decay 1e-6 dropped: tfjs has none; negligible over the profiled steps); batch 4.
// @table6 row=3 UM=- DL=yes/no AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 4, kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
const sgd = tf.train.momentum(0.05, 0.11, true); // FAULT
model.compile({ loss: 'meanAbsoluteError', optimizer: sgd, metrics: ['accuracy'] }); // FAULT

const trainData = tf.tensor2d([[1, 1], [1, 0], [0, 0], [0, 1]]);
const label = tf.tensor2d([[0], [1], [0], [1]]);
model.fit(trainData, label, { epochs: 1000, batchSize: 4, shuffle: true });
