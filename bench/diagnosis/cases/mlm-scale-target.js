// @case mlm-scale-target
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to use Data Scaling Improve Deep Learning Model Stability and
//   Performance" (February 2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-improve-neural-network-stability-and-modeling-performance-with-data-scaling/
//   , section "Multilayer Perceptron With Scaled Output Variables": the same regression problem and MLP as the unscaled
//   one (whose loss it shows becoming NaN), with the target standardised by StandardScaler fitted on the training rows;
//   the tutorial shows it training stably to a small mean squared error on train and test.
// @data scikit-learn's make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1), the tutorials' call and
//   seed (prepareHeldout8.ts: mlm-regression): inputs standard normal, targets with a spread in the hundreds; the first
//   500 rows for training, the rest as validation data.
// @settings Dense(25, relu, he_uniform) → Dense(1), SGD momentum 0.9 lr 0.01, MSE, batch 32, 100 epochs, targets
//   standardised with the training rows' mean and standard deviation.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('mlm-regression').rows;
const n_train = 500;
const X = rows.map((r) => r.slice(0, 20));
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const y = rows.map((r) => r[20]);
// StandardScaler().fit(trainy): the training rows' mean and (population) standard deviation
const mean = y.slice(0, n_train).reduce((s, v) => s + v, 0) / n_train;
const std = Math.sqrt(y.slice(0, n_train).reduce((s, v) => s + (v - mean) ** 2, 0) / n_train);
const scaled = y.map((v) => [(v - mean) / std]);
const trainy = tf.tensor2d(scaled.slice(0, n_train));
const testy = tf.tensor2d(scaled.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 25, inputShape: [20], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9) });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 100 });
