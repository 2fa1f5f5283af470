// @case mlm-bn-after
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to Accelerate Learning of Deep Neural Networks With Batch
//   Normalization" (January 2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-accelerate-learning-of-deep-neural-networks-with-batch-normalization/ :
//   two circles, make_circles(1000, noise=0.1, random_state=1), 500 rows for training and 500 as validation data,
//   Dense(50, relu, he_uniform) → Dense(1, sigmoid), SGD lr 0.01 momentum 0.9, binary cross-entropy, 100 epochs. Its
//   "MLP With Batch Normalization": BatchNormalization() after the hidden layer's ReLU; the tutorial shows it learning
//   the problem (about 84 % accuracy, like the model without it) with faster early learning.
// @data scikit-learn's make_circles with the tutorial's seed (prepareHeldout8.ts: mlm-circles-1000), unscaled (the points
//   lie within about ±1.2); the first 500 rows for training, the rest as validation data.
// @settings Dense(50, relu, he_uniform) → BatchNormalization → Dense(1, sigmoid), SGD momentum 0.9 lr 0.01, BCE, batch 32,
//   100 epochs.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('mlm-circles-1000').rows;
const n_train = 500;
const X = rows.map((r) => r.slice(0, 2));
const y = rows.map((r) => [r[2]]);
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [2], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.momentum(0.01, 0.9), metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 100 });
