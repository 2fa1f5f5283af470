// @case ztm-btc-dense
// @label healthy
// @source Daniel Bourke, Zero to Mastery "TensorFlow for Deep Learning" course, notebook 10 "Time series forecasting in
//   TensorFlow" (BitPredict): github.com/mrdbourke/tensorflow-deep-learning@bd065b8, 10_time_series_forecasting_in_tensorflow.ipynb
//   (cells 76-84, model_1): Dense(128, relu) → Dense(1, linear), loss "mae", Adam(), 100 epochs, batch 128, on windows of 7
//   raw prices predicting the next day's, validation on the last 20 %. The stored run: MAE 780.3 → 106.2 on training,
//   validation 2,279.7 → 586.0; the best checkpoint's test MAE 568.95 against the naive forecast's 567.98 — the notebook's
//   first working forecaster (the baseline its later models are compared with).
// @data the daily Bitcoin closing prices the notebook reads (extras/BTC_USD_2013-10-01_2021-05-18-CoinDesk.csv at the same
//   commit, 2,787 days, $108–$63,346), extracted by prepareHeldout7.ts; make_windows(prices, window_size=7, horizon=1) →
//   2,780 windows, the first 80 % (2,224) for training and the last 556 as validation_data, in time order, unscaled.
// @settings Dense(128, relu) → Dense(1) (glorotUniform, zeros), mean absolute error, Adam 0.001, batch 128, 100 epochs, shuffled, validation data.
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

const model_1 = tf.sequential();
model_1.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [WINDOW_SIZE] }));
model_1.add(tf.layers.dense({ units: HORIZON, activation: 'linear' })); // linear activation is the same as having no activation
model_1.compile({ loss: 'meanAbsoluteError', optimizer: tf.train.adam(), metrics: ['mae'] });
model_1.fit(train_windows, train_labels, { epochs: 100, batchSize: 128, validationData: [test_windows, test_labels] });
