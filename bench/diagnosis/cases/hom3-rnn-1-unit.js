// @case hom3-rnn-1-unit
// @moved-from heldout6 (held-out protocol: its hand-written Huber loss motivated reading custom regression losses against the output range, branch capacity)
// @label buggy
// @bug model-capacity, output-activation
// @source Aurélien Géron, Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 3rd ed. (O'Reilly 2022), chapter 15
//   "Processing Sequences Using RNNs and CNNs", Forecasting Using a Simple RNN, as in its notebook
//   github.com/ageron/handson-ml3@e3f3f9e (15_processing_sequences_using_rnns_and_cnns.ipynb: SimpleRNN(1,
//   input_shape=[None, 1]) fitted by fit_and_evaluate(model, train_ds, valid_ds, learning_rate=0.02): Huber loss, SGD with
//   momentum 0.9, up to 500 epochs with early stopping on the validation MAE, patience 50). The stored result: validation MAE
//   102,787 boardings (the linear model on the same windows: 37,866; SimpleRNN(32) + Dense(1): 29,015). The book on it: the
//   MAE above 100,000 "was to be expected, for two reasons": the model "only has a single recurrent neuron", so each prediction
//   can use only the current input and the previous output, and the series holds values from 0 to about 1.4 while the
//   recurrent layer's default tanh activation "can only output values between –1 and +1".
// @fault one tanh recurrent unit is both the whole model and its output: too small for the task, and its output cannot reach
//   targets above 1 (the fix in the chapter: SimpleRNN(32) followed by a Dense(1) output without activation).
// @data the CTA daily rail boardings Géron's notebook downloads from github.com/ageron/data@2ea7314
//   (ridership/CTA_-_Ridership_-_Daily_Boarding_Totals.csv), extracted by bench/diagnosis/prepare.ts (prepareHeldout6.ts):
//   sorted by date, duplicated months dropped, rail / 1e6; training 2016-01 … 2018-12 (1,096 days), validation 2019-01 …
//   2019-05; windows of 56 days → the next day (timeseries_dataset_from_array, sequence_length=56, batch 32, shuffled).
// @settings SimpleRNN(1, tanh) on [56, 1] windows, Huber loss (δ = 1), SGD lr 0.02 momentum 0.9, batch 32, up to 500
//   epochs, early stopping patience 50 on the validation loss (tfjs' earlyStopping neither watches a metric other than
//   the losses here nor restores the best weights).
// @license the notebook is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const rail = (from, to) => table('ridership').rows.filter((r) => r[0] >= from && r[0] <= to).map((r) => r[1] / 1e6);
const railTrain = rail(20160101, 20181231);
const railValid = rail(20190101, 20190531);
const seqLength = 56;
function windows(series, shuffle) {
  const starts = Array.from({ length: series.length - seqLength }, (_, i) => i);
  const order = shuffle ? shuffled(starts, 42) : starts;
  return {
    x: tf.tensor3d(order.map((i) => series.slice(i, i + seqLength).map((v) => [v]))),
    y: tf.tensor2d(order.map((i) => [series[i + seqLength]])),
  };
}
const trainDs = windows(railTrain, true);
const validDs = windows(railValid, false);

const model = tf.sequential();
model.add(tf.layers.simpleRNN({ units: 1, inputShape: [null, 1] })); // FAULT

function fitAndEvaluate(model, trainSet, validSet, learningRate, epochs = 500) {
  const earlyStopping = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 50 });
  const opt = tf.train.momentum(learningRate, 0.9);
  model.compile({ loss: (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred), optimizer: opt, metrics: ['mae'] });
  return model.fit(trainSet.x, trainSet.y, { batchSize: 32, validationData: [validSet.x, validSet.y], epochs, callbacks: [earlyStopping] });
}
fitAndEvaluate(model, trainDs, validDs, 0.02);
