// @case mlm-lstm-underfit-1-cell
// @moved-from heldout8 (held-out protocol: capacity-bottleneck's recurrent extension (b140908) was written with this program in view; one step of one feature keeps it quiet)
// @label buggy
// @bug model-capacity
// @fault an LSTM of a single memory cell: the model underfits; the tutorial's fix is more memory cells or layers.
// @source J. Brownlee, Machine Learning Mastery, "How to Diagnose Overfitting and Underfitting of LSTM Models" (September
//   2017, updated August 2020), https://machinelearningmastery.com/diagnose-overfitting-underfitting-lstm-models/ ,
//   section "Underfit Example", its second program, "an underfit model with insufficient memory cells": the sequence
//   problem of get_train() / get_val(), LSTM(1, input_shape=(1, 1)) → Dense(1, linear), loss mae, optimizer sgd, 300
//   epochs, shuffle=False, validation data. The tutorial: training performance better than validation and levelled off —
//   underfit; "performance could be improved by increasing the capacity of the model, such as the number of memory cells
//   in a hidden layer or number of hidden layers" (its good fit: LSTM(10), Adam, 800 epochs — mlm-lstm-good-fit).
// @data the tutorial's inline sequences: training inputs 0.0-0.4 with targets 0.1-0.5, validation inputs 0.5-0.9 with
//   targets 0.6-1.0, shaped [5, 1, 1].
// @settings LSTM(1) → Dense(1), MAE, SGD lr 0.01 (Keras and tfjs 'sgd' default), full batch (5 rows), 300 epochs,
//   unshuffled, validation data.
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
model.add(tf.layers.lstm({ units: 1, inputShape: [1, 1] })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
model.compile({ loss: 'meanAbsoluteError', optimizer: 'sgd' });
model.fit(X, y, { epochs: 300, validationData: [valX, valY], shuffle: false });
