// @case mlm-loss-msle
// @moved-from heldout8 (held-out protocol: loss-target (ca336ab) was written from tfjs's loss definitions with this program in view)
// @label buggy
// @bug wrong-loss
// @fault mean squared logarithmic error on standard-Gaussian targets (half of them negative, where log(1 + y) is clipped):
//   the loss does not measure this problem's error and the fit is worse than with MSE (the tutorial: not well suited).
// @source J. Brownlee, Machine Learning Mastery, "How to Choose Loss Functions When Training Deep Learning Neural
//   Networks" (January 2019, updated August 2020),
//   https://machinelearningmastery.com/how-to-choose-loss-functions-when-training-deep-learning-neural-networks/ ,
//   section "Mean Squared Logarithmic Error Loss": the regression MLP (Dense(25, relu, he_uniform) → Dense(1, linear),
//   SGD lr 0.01 momentum 0.9, 100 epochs) trained with loss mean_squared_logarithmic_error on standardised targets. The
//   tutorial: its mean squared error is worse on train and test (0.165 and 0.184, against 0.000 and 0.001 with the MSE
//   loss) and, "because the distribution of the target variable is a standard Gaussian, it may not be well suited to
//   this problem" (a loss for targets spread over orders of magnitude, not for values around 0, half of them negative).
// @data scikit-learn's make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1) (prepareHeldout8.ts:
//   mlm-regression), inputs and target standardised over all 1,000 rows before the split, as the tutorial does ("for
//   simplicity"); the first 500 rows for training, the rest as validation data.
// @settings Dense(25, relu, he_uniform) → Dense(1), MSLE loss, SGD momentum 0.9 lr 0.01, batch 32, 100 epochs, validation
//   data.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, standardize } = require('./data.ts');

const rows = table('mlm-regression').rows;
// X = StandardScaler().fit_transform(X); y = StandardScaler().fit_transform(y.reshape(len(y), 1))[:, 0]
const X = standardize(rows.map((r) => r.slice(0, 20)));
const y = standardize(rows.map((r) => [r[20]]));
const n_train = 500;
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 25, inputShape: [20], activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
const opt = tf.train.momentum(0.01, 0.9);
model.compile({ loss: 'meanSquaredLogarithmicError', optimizer: opt, metrics: ['mse'] }); // FAULT
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 100 });
