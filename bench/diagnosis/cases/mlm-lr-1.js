// @case mlm-lr-1
// @moved-from heldout8 (held-out protocol: the loss that stopped falling after a too-large step saturated the output, read as learning-rate-high, was developed with this program's profiles in view, branch lrhigh)
// @label buggy
// @bug lr-high
// @fault SGD learning rate 1.0: the weight updates overshoot and the accuracy oscillates instead of converging (the
//   tutorial's too-large rate).
// @source J. Brownlee, Machine Learning Mastery, "Understand the Impact of Learning Rate on Neural Network Performance"
//   (January 2019, updated August 2020),
//   https://machinelearningmastery.com/understand-the-dynamics-of-learning-rate-on-deep-learning-neural-networks/ :
//   three blobs (make_blobs(1000, centers=3, n_features=2, cluster_std=2, random_state=2)), 500 rows for training and
//   500 as validation data, Dense(50, relu, he_uniform) → Dense(3, softmax), categorical cross-entropy, 200 epochs,
//   Keras batch 32. Its learning-rate study, fit_model(lrate) with plain SGD(lr=lrate), lrate = 1E-0: the tutorial
//   reports that "a large learning rate of 1.0" gives "oscillations in model performance" and poor accuracy, too large
//   for this problem (its conclusion: "Large learning rates are too large").
// @data scikit-learn's make_blobs with the tutorial's seed (prepareHeldout8.ts: mlm-blobs-3), one-hot labels as
//   to_categorical; the first 500 rows for training, the rest as validation data.
// @settings SGD lr 1.0 (no momentum), batch 32, 200 epochs.
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
const opt = tf.train.sgd(1.0); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: opt, metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 200 });
