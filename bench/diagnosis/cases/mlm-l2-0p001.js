// @case mlm-l2-0p001
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to Use Weight Decay to Reduce Overfitting of Neural Network in
//   Keras" (November 2018, updated August 2020),
//   https://machinelearningmastery.com/how-to-reduce-overfitting-in-deep-learning-with-weight-regularization/ : two
//   moons, make_moons(100, noise=0.2, random_state=1), the first 30 rows for training and 70 as validation data,
//   Dense(500, relu) → Dense(1, sigmoid), Adam, binary cross-entropy, 4000 epochs. Its "MLP Model With Weight
//   Regularization": kernel_regularizer=l2(0.001) on the hidden layer; the tutorial shows the validation accuracy
//   improving and the validation loss no longer climbing.
// @data scikit-learn's make_moons with the tutorial's seed (prepareHeldout8.ts: mlm-moons-100): 30 training rows, 70
//   validation rows.
// @settings Dense(500, relu, L2 0.001) → Dense(1, sigmoid), Adam 0.001, BCE, full batch (30 rows), 4000 epochs, validation
//   data.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('mlm-moons-100').rows;
const n_train = 30;
const X = rows.map((r) => r.slice(0, 2));
const y = rows.map((r) => [r[2]]);
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 500, inputShape: [2], activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 0.001 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 4000 });
