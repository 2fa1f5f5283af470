// @case so-44066044-buggy
// @moved-from heldout (held-out protocol: motivated loss-activation-mismatch sitting on the output activation when that is what to change, branch localise)
// @label buggy
// @bug unscaled-input, output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/44066044/Buggy Code/untitled30.py"; Stack Overflow question 44066044.
// @fault raw packet fields (IP addresses as integers ~3.2·10^9, ports, sizes) into ReLU layers, and a ReLU output under
//   binary cross-entropy; the fix (Benchmark.xlsx row 23) adds preprocessing.scale(X) and a sigmoid output.
// @data the program's own NetworkPackets.csv (21 rows × 11 fields + a 0/1 label), read from the DeepLocalize repository by
//   prepare.ts; unscaled as there.
// @settings Adam (Keras default lr 1e-3), Keras 'normal' kernels (N(0, 0.05)), batch 5, 100 epochs.
// @table6 row=23 UM=- DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('dl-44066044').rows;
const X = tf.tensor2d(rows.map((r) => r.slice(0, 11))); // FAULT
const Y = tf.tensor2d(rows.map((r) => [r[11]]));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 11, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 12, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: normal() }));
model.add(tf.layers.activation({ activation: 'relu' })); // FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(X, Y, { epochs: 100, batchSize: 5 });
