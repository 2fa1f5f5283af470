// @case mlm-bs-online
// @set heldout8
// @label buggy
// @bug lr-high
// @fault online SGD (batch 1) with the learning rate 0.01 and momentum 0.9 tuned for batches: each single-example update
//   is too large and training is unstable; the tutorial lowers the rate to 0.001.
// @source J. Brownlee, Machine Learning Mastery, "How to Control the Stability of Training Neural Networks With the Batch
//   Size" (January 2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-control-the-speed-and-stability-of-training-neural-networks-with-gradient-descent-batch-size/
//   , section "Multilayer Perceptron Fit With Stochastic Gradient Descent": the three-blobs MLP (Dense(50, relu,
//   he_uniform) → Dense(3, softmax)) with SGD lr 0.01 momentum 0.9 and batch_size=1, 200 epochs; the tutorial shows the
//   learning curves unstable (accuracy jumping between epochs) and explains that the learning rate is too large for
//   updates made after every example, then fixes it by lowering the rate to 0.001 (and later by minibatches).
// @data scikit-learn's make_blobs with the tutorial's seed (prepareHeldout8.ts: mlm-blobs-3), one-hot labels as
//   to_categorical; the first 500 rows for training, the rest as validation data.
// @settings SGD momentum 0.9 lr 0.01, batch 1 (online), 200 epochs.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('mlm-blobs-3').rows;
const n_train = 500;
const X = rows.map((r) => r.slice(0, 2));
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const y = rows.map((r) => r[2]);
const trainy = tf.tensor2d(oneHot(y.slice(0, n_train), 3));
const testy = tf.tensor2d(oneHot(y.slice(n_train), 3));
const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [2], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
const opt = tf.train.momentum(0.01, 0.9); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: opt, metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 200, batchSize: 1 });
