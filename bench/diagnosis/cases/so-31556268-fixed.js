// @case so-31556268-fixed
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/31556268/Correct Code/31556268.py"; Stack Overflow question 31556268.
// @data the program's own XOR rows [1,1]→0, [1,0]→1, [0,0]→0, [0,1]→1.
// @settings Adam (Keras default lr 1e-3), MSE, batch 4.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 4, kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });

const trainData = tf.tensor2d([[1, 1], [1, 0], [0, 0], [0, 1]]);
const label = tf.tensor2d([[0], [1], [0], [1]]);
model.fit(trainData, label, { epochs: 10000, batchSize: 4, shuffle: true });
