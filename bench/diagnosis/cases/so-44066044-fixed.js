// @case so-44066044-fixed
// @set heldout
// @label healthy
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/44066044/Correct Model/untitled30.py"; Stack Overflow question 44066044.
// @data the program's own NetworkPackets.csv (21 rows × 11 fields + a 0/1 label), read from the DeepLocalize repository by
//   prepare.ts; standardised per column as its preprocessing.scale(X).
// @settings Dense(12, relu) → Dense(12, relu) → Dense(1, sigmoid), Keras 'normal' kernels (N(0, 0.05)), binary
//   cross-entropy, Adam (Keras default lr 1e-3), batch 5, 100 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, standardize } = require('./data.ts');

const rows = table('dl-44066044').rows;
const X = tf.tensor2d(standardize(rows.map((r) => r.slice(0, 11))));
const Y = tf.tensor2d(rows.map((r) => [r[11]]));

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 11, kernelInitializer: normal(), activation: 'relu' }));
model.add(tf.layers.dense({ units: 12, kernelInitializer: normal(), activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: normal(), activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(X, Y, { epochs: 100, batchSize: 5 });
