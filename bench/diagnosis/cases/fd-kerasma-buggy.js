// @case fd-kerasma-buggy
// @set heldout2
// @label buggy
// @bug model-capacity
// @source DeepFD benchmark (Cao, Li, Pan, Tan & Zhang, ICSE'22): github.com/ArabelaTso/DeepFD@9fe0895,
//   Benchmark-with-patches.xlsx row 57 ("Missing/Redundant/Wrong Layers"); the program is
//   github.com/eangelou/kerasma@c93d95f kerasma.py, fixed by commit 2a2a46f.
// @fault two hidden layers (12, 8): the fix adds three more ReLU layers (16, 24, 8) after the second.
// @data the program's own pima-indians-diabetes.data (768 rows × 8 features + a 0/1 label), read from the kerasma
//   repository by prepare.ts (prepareHeldout2.ts); unscaled, as the program feeds it.
// @settings Dense(12, relu) → Dense(8, relu) → Dense(1, sigmoid), Keras default glorot-uniform kernels, binary
//   cross-entropy, Adam (Keras default lr 1e-3), batch 10, 150 epochs.
// @license the repository carries a GPL-3.0 licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const dataset = table('fd-pima').rows;
const X = tf.tensor2d(dataset.map((r) => r.slice(0, 8)));
const Y = tf.tensor1d(dataset.map((r) => r[8]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 8, activation: 'relu' })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(X, Y, { epochs: 150, batchSize: 10 });
