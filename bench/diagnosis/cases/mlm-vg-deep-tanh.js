// @case mlm-vg-deep-tanh
// @set heldout8
// @label buggy
// @bug vanishing
// @fault five stacked tanh layers with all-positive uniform[0, 1] weights: the tanh units saturate and the gradient
//   vanishes towards the first layers — the deeper model does not learn (about 50 % accuracy); the tutorial's fix is
//   ReLU + He initialisation.
// @source J. Brownlee, Machine Learning Mastery, "How to Fix the Vanishing Gradients Problem Using the ReLU" (January
//   2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-fix-vanishing-gradients-using-the-rectified-linear-activation-function/ :
//   two circles (make_circles(1000, noise=0.1, random_state=1)) scaled by MinMaxScaler to [-1, 1], 500 rows for training
//   and 500 as validation data; SGD lr 0.01 momentum 0.9, binary cross-entropy, 500 epochs, Keras batch 32. The
//   tutorial's "deeper" model: five hidden layers of 5 tanh units with the same initialisation; printed 0.530 / 0.468
//   ("poor", worse as training goes on), attributed to vanishing gradients (its TensorBoard plots: most gradient in the
//   last layers, 0.05-0.1 on the first; it hedges that this alone does not prove the cause); fix: ReLU + He init
//   (mlm-vg-deep-relu).
// @data scikit-learn's make_circles with the tutorial's seed (prepareHeldout8.ts: mlm-circles-1000), min-max scaled to
//   [-1, 1] over all rows as the tutorial's scaler.fit_transform(X).
// @settings 5 × Dense(5, tanh) → Dense(1, sigmoid), RandomUniform(0, 1) kernels, SGD momentum 0.9 lr 0.01, BCE, batch 32,
//   500 epochs.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, minMax } = require('./data.ts');

const rows = table('mlm-circles-1000').rows;
const X = minMax(rows.map((r) => r.slice(0, 2)), -1, 1); // MinMaxScaler(feature_range=(-1, 1))
const y = rows.map((r) => [r[2]]);
const n_train = 500;
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const init = tf.initializers.randomUniform({ minval: 0, maxval: 1 }); // RandomUniform(minval=0, maxval=1)
const model = tf.sequential();
model.add(tf.layers.dense({ units: 5, inputShape: [2], activation: 'tanh', kernelInitializer: init })); // FAULT
model.add(tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init })); // FAULT
model.add(tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init })); // FAULT
model.add(tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init })); // FAULT
model.add(tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.momentum(0.01, 0.9), metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 500 });
