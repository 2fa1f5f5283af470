// @case mlm-clip-none
// @set heldout8
// @label buggy
// @bug unscaled-target
// @fault regression targets with a spread in the hundreds trained by SGD with momentum at lr 0.01 and no gradient
//   clipping: the error gradients explode and the loss becomes NaN; the tutorial's fixes are gradient clipping (clipnorm
//   / clipvalue) or scaling the target.
// @source J. Brownlee, Machine Learning Mastery, "How to Avoid Exploding Gradients With Gradient Clipping" (February 2019,
//   updated August 2020),
//   https://machinelearningmastery.com/how-to-avoid-exploding-gradients-in-neural-networks-with-gradient-clipping/ ,
//   section "Multilayer Perceptron With Exploding Gradients": an MLP for a regression problem whose targets are left
//   unscaled, Dense(25, relu, he_uniform) → Dense(1), SGD lr 0.01 momentum 0.9, mean squared error, 100 epochs. The
//   tutorial: "Training a neural network can become unstable given the choice of error function, learning rate, or even
//   the scale of the target variable"; this model's error is NaN on train and test (exploding gradients), and its fixes
//   are gradient norm scaling and value clipping (tfjs optimizers have neither) or scaling the target.
// @data scikit-learn's make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1), the tutorials' call and
//   seed (prepareHeldout8.ts: mlm-regression): inputs standard normal, targets with a spread in the hundreds; the first
//   500 rows for training, the rest as validation data.
// @settings Dense(25, relu, he_uniform) → Dense(1), SGD momentum 0.9 lr 0.01, MSE, batch 32, 100 epochs, raw targets,
//   validation data.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('mlm-regression').rows;
const n_train = 500;
const X = rows.map((r) => r.slice(0, 20));
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const y = rows.map((r) => [r[20]]); // FAULT
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 25, inputShape: [20], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.01, 0.9) }); // FAULT
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 100 });
