// @case so-52800582-buggy
// @label buggy
// @bug unscaled-input, unscaled-target
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/52800582/Buggy Code/untitled35.py"; Stack Overflow question 52800582.
// @fault x in [-100, 100] into a sigmoid layer and targets up to 10^8, unscaled; the fix standardises x and y and uses ReLU.
// @data the program's own data, rebuilt exactly: x = -100, -99.5, …, 99.5 (400 rows), y = x⁴ (unscaled, the bug).
// @settings Adam (Keras default lr 1e-3), MSE, batch 400 (the whole set).
// @table6 row=17 UM=- DL=yes/no AT=- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const x = Array.from({ length: 400 }, (_, i) => -100 + i * 0.5);
const y = x.map((v) => v ** 4);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [1] })); // FAULT
model.add(tf.layers.activation({ activation: 'sigmoid' })); // FAULT
model.add(tf.layers.dense({ units: 50 }));
model.add(tf.layers.activation({ activation: 'elu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
model.fit(tf.tensor2d(x, [400, 1]), tf.tensor2d(y, [400, 1]), { epochs: 1000, batchSize: x.length }); // FAULT
