// @case ztm-btc-conv1d
// @label healthy
// @source Daniel Bourke, Zero to Mastery "TensorFlow for Deep Learning" course, notebook 10 "Time series forecasting in
//   TensorFlow" (BitPredict): github.com/mrdbourke/tensorflow-deep-learning@bd065b8, 10_time_series_forecasting_in_tensorflow.ipynb
//   (cells 137-150, model_4): Lambda(expand_dims(axis=1)) → Conv1D(filters=128, kernel_size=5, padding="causal", relu) →
//   Dense(1), loss "mae", Adam(), 100 epochs, batch 128, validation on the last 20 %. The stored run: the best checkpoint's
//   test MAE 570.83, MASE 1.003 (the naive forecast's 567.98) — one of the notebook's working forecasters.
// @data the daily Bitcoin closing prices the notebook reads (extras/BTC_USD_2013-10-01_2021-05-18-CoinDesk.csv at the same
//   commit, 2,787 days, $108–$63,346), extracted by prepareHeldout7.ts; make_windows(prices, window_size=7, horizon=1) →
//   2,780 windows, the first 80 % (2,224) for training and the last 556 as validation_data, in time order, unscaled.
// @settings Conv1D(128, 5, relu) → Dense(1) (glorotUniform, zeros), mean absolute error, Adam 0.001, batch 128, 100 epochs,
//   shuffled, validation data; labels shaped [n, 1, 1] as Keras broadcasts the [n, 1] labels against the [n, 1, 1] output.
//   TensorFlow.js has no causal padding ("not implemented yet" in tfjs-layers 4.22), so each window arrives as the sequence
//   Keras's causal Conv1D sees: the Lambda's one step of 7 prices after (kernel_size − 1) = 4 steps of zero padding.
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
// Lambda(lambda x: tf.expand_dims(x, axis=1)) and padding="causal": 4 zero steps, then the window as one step of 7 features
const causal = (windows) => tf.tensor3d(windows.map((w) => [...Array.from({ length: 4 }, () => w.map(() => 0)), w]));
const train_windows = causal(full_windows.slice(0, split_size));
const test_windows = causal(full_windows.slice(split_size));
const train_labels = tf.tensor3d(full_labels.slice(0, split_size).map((l) => [l]));
const test_labels = tf.tensor3d(full_labels.slice(split_size).map((l) => [l]));

const model_4 = tf.sequential();
model_4.add(tf.layers.conv1d({ filters: 128, kernelSize: 5, padding: 'valid', activation: 'relu', inputShape: [5, WINDOW_SIZE] }));
model_4.add(tf.layers.dense({ units: HORIZON }));
model_4.compile({ loss: 'meanAbsoluteError', optimizer: tf.train.adam() });
model_4.fit(train_windows, train_labels, { batchSize: 128, epochs: 100, validationData: [test_windows, test_labels] });
