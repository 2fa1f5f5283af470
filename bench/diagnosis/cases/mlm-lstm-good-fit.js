// @case mlm-lstm-good-fit
// @set heldout8
// @label healthy
// @source J. Brownlee, Machine Learning Mastery, "How to Diagnose Overfitting and Underfitting of LSTM Models" (September
//   2017, updated August 2020), https://machinelearningmastery.com/diagnose-overfitting-underfitting-lstm-models/ ,
//   section "Good Fit Example": the sequence problem of get_train() / get_val() (predict the next value of 0.0, 0.1, …,
//   1.0), LSTM(10, input_shape=(1, 1)) → Dense(1, linear), loss mse, Adam, 800 epochs, shuffle=False, the validation
//   rows passed as validation data; the tutorial presents it as a good fit (training and validation loss falling
//   together and levelling off).
// @data the tutorial's inline sequences: training inputs 0.0-0.4 with targets 0.1-0.5, validation inputs 0.5-0.9 with
//   targets 0.6-1.0, shaped [5, 1, 1].
// @settings LSTM(10) → Dense(1), MSE, Adam 0.001, full batch (5 rows), 800 epochs, unshuffled, validation data.
// @license the tutorial's code is published on the article's page (Copyright Machine Learning Mastery); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// get_train(): seq = [[0.0, 0.1], [0.1, 0.2], [0.2, 0.3], [0.3, 0.4], [0.4, 0.5]]; get_val(): [[0.5, 0.6], …, [0.9, 1.0]]
const train = [[0.0, 0.1], [0.1, 0.2], [0.2, 0.3], [0.3, 0.4], [0.4, 0.5]];
const val = [[0.5, 0.6], [0.6, 0.7], [0.7, 0.8], [0.8, 0.9], [0.9, 1.0]];
const X = tf.tensor3d(train.map((p) => [[p[0]]]));
const y = tf.tensor2d(train.map((p) => [p[1]]));
const valX = tf.tensor3d(val.map((p) => [[p[0]]]));
const valY = tf.tensor2d(val.map((p) => [p[1]]));

const model = tf.sequential();
model.add(tf.layers.lstm({ units: 10, inputShape: [1, 1] }));
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
model.fit(X, y, { epochs: 800, validationData: [valX, valY], shuffle: false });
