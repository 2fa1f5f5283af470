// @case ztm-btc-lstm
// @set heldout7
// @label healthy
// @source Daniel Bourke, Zero to Mastery "TensorFlow for Deep Learning" course, notebook 10 "Time series forecasting in
//   TensorFlow" (BitPredict): github.com/mrdbourke/tensorflow-deep-learning@bd065b8, 10_time_series_forecasting_in_tensorflow.ipynb
//   (cells 152-160, model_5): Input(7) → Lambda(expand_dims(axis=1)) → LSTM(128, activation="relu") → Dense(1), loss "mae",
//   Adam(), 100 epochs, batch 128, validation on the last 20 % ("using the tanh ... results in a massive error", the
//   notebook's comment on the relu). The stored run: the best checkpoint's test MAE 596.64 (naive 567.98) — a working
//   forecaster, a little worse than the dense one.
// @data the daily Bitcoin closing prices the notebook reads (extras/BTC_USD_2013-10-01_2021-05-18-CoinDesk.csv at the same
//   commit, 2,787 days, $108–$63,346), extracted by prepareHeldout7.ts; make_windows(prices, window_size=7, horizon=1) →
//   2,780 windows, the first 80 % (2,224) for training and the last 556 as validation_data, in time order, unscaled.
// @settings Reshape to [1, 7] → LSTM(128, relu; sigmoid gates, glorotUniform/orthogonal, unit forget bias — Keras 2's defaults) →
//   Dense(1), mean absolute error, Adam 0.001, batch 128, 100 epochs, shuffled, validation data.
// @license the course repository is MIT-licensed (Copyright 2020 Daniel Bourke); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const HORIZON = 1; // predict 1 step at a time
const WINDOW_SIZE = 7; // use a week worth of timesteps to predict the horizon
const prices = table('btc').rows.map((r) => r[1]);
// make_windows: windows of WINDOW_SIZE prices labelled with the next HORIZON prices
const full_windows = [];
const full_labels = [];
for (let i = 0; i + WINDOW_SIZE + HORIZON <= prices.length; i++) {
  full_windows.push(prices.slice(i, i + WINDOW_SIZE));
  full_labels.push(prices.slice(i + WINDOW_SIZE, i + WINDOW_SIZE + HORIZON));
}
// make_train_test_splits(test_split=0.2)
const split_size = Math.floor(full_windows.length * 0.8);
const train_windows = tf.tensor2d(full_windows.slice(0, split_size));
const test_windows = tf.tensor2d(full_windows.slice(split_size));
const train_labels = tf.tensor2d(full_labels.slice(0, split_size));
const test_labels = tf.tensor2d(full_labels.slice(split_size));

const inputs = tf.input({ shape: [WINDOW_SIZE] });
let x = tf.layers.reshape({ targetShape: [1, WINDOW_SIZE] }).apply(inputs); // expand input dimension to be compatible with LSTM
x = tf.layers.lstm({ units: 128, activation: 'relu', recurrentActivation: 'sigmoid', unitForgetBias: true }).apply(x);
const output = tf.layers.dense({ units: HORIZON }).apply(x);
const model_5 = tf.model({ inputs, outputs: output, name: 'model_5_lstm' });
model_5.compile({ loss: 'meanAbsoluteError', optimizer: tf.train.adam() });
model_5.fit(train_windows, train_labels, { epochs: 100, batchSize: 128, validationData: [test_windows, test_labels] });
