// @case so-45337371-buggy
// @moved-from heldout (held-out protocol: motivated loss-activation-mismatch sitting on the output activation when that is what to change, branch localise)
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/45337371/Buggy Model/updatepy.py" (the training variant of untitled27.py beside it); Stack
//   Overflow question 45337371.
// @fault a softmax over a one-unit output (always 1.0, so no gradient reaches the model) under binary cross-entropy; the
//   fix (Benchmark.xlsx row 22, and "Correct Model/untitled27.py") uses a sigmoid.
// @data the program's own generator: x and y uniform [0, 1) of shape (1000, 5, 1) (numpy.random.uniform; seeded here).
// @settings Dense(60) → relu → Dense(50) → relu → Dense(1) → softmax on (5, 1) inputs, Adam (Keras default lr 1e-3),
//   batch 1, 5 epochs. No "Correct" program trains (untitled27.py only takes gradients), so this case has no healthy twin.
// @table6 row=22 UM=yes/no DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(45337371);
const cube = () => Array.from({ length: 1000 }, () => Array.from({ length: 5 }, () => [random.uniform()]));
const x = tf.tensor3d(cube());
const y = tf.tensor3d(cube());

const model = tf.sequential();
model.add(tf.layers.dense({ units: 60, inputShape: [5, 1] }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 50 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'softmax' })); // FAULT
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(x, y, { batchSize: 1, epochs: 5 });
