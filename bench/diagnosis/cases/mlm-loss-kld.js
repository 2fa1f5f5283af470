// @case mlm-loss-kld
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to Choose Loss Functions When Training Deep Learning Neural
//   Networks" (January 2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-choose-loss-functions-when-training-deep-learning-neural-networks/ ,
//   section "Kullback Leibler Divergence Loss": the three-blobs MLP (Dense(50, relu, he_uniform) → Dense(3, softmax))
//   trained with loss kullback_leibler_divergence, SGD lr 0.01 momentum 0.9, 100 epochs; the tutorial shows it learning
//   the problem like cross-entropy (about 80 % accuracy).
// @data scikit-learn's make_blobs with the tutorial's seed (prepareHeldout8.ts: mlm-blobs-3), one-hot labels as
//   to_categorical; the first 500 rows for training, the rest as validation data.
// @settings KL divergence loss, SGD momentum 0.9 lr 0.01, batch 32, 100 epochs.
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
const opt = tf.train.momentum(0.01, 0.9);
model.compile({ loss: 'kullbackLeiblerDivergence', optimizer: opt, metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 100 });
