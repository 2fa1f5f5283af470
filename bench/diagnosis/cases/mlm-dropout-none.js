// @case mlm-dropout-none
// @set heldout8
// @label buggy
// @bug missing-regularization
// @fault 500 hidden units trained for 4000 epochs on 30 examples with no regularisation: the model memorises the training
//   rows and the validation loss climbs; the tutorial adds Dropout(0.4) after this layer.
// @source J. Brownlee, Machine Learning Mastery, "How to Reduce Overfitting With Dropout Regularization in Keras"
//   (December 2018, updated August 2020),
//   https://machinelearningmastery.com/how-to-reduce-overfitting-with-dropout-regularization-in-keras/ : two circles,
//   make_circles(100, noise=0.1, random_state=1), only the first 30 rows for training and 70 as validation data,
//   Dense(500, relu) → Dense(1, sigmoid), Adam, binary cross-entropy, 4000 epochs. Its "Overfit Multilayer Perceptron":
//   the tutorial shows it overfitting — training accuracy 100 %, validation accuracy much lower (about 76 %) and the
//   validation loss rising while the training loss falls; its fix adds Dropout(0.4) after the hidden layer
//   (mlm-dropout-0p4).
// @data scikit-learn's make_circles with the tutorial's seed (prepareHeldout8.ts: mlm-circles-100): 30 training rows, 70
//   validation rows.
// @settings Dense(500, relu) → Dense(1, sigmoid), Adam 0.001, BCE, full batch (30 rows), 4000 epochs, validation data.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const rows = table('mlm-circles-100').rows;
const n_train = 30;
const X = rows.map((r) => r.slice(0, 2));
const y = rows.map((r) => [r[2]]);
const trainX = tf.tensor2d(X.slice(0, n_train));
const testX = tf.tensor2d(X.slice(n_train));
const trainy = tf.tensor2d(y.slice(0, n_train));
const testy = tf.tensor2d(y.slice(n_train));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 500, inputShape: [2], activation: 'relu' })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
model.fit(trainX, trainy, { validationData: [testX, testy], epochs: 4000 });
