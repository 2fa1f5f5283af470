// @case rasbt-ch12-linreg
// @set heldout7
// @label healthy
// @source S. Raschka, Y. Liu & V. Mirjalili, Machine Learning with PyTorch and Scikit-Learn (Packt 2022), chapter 12
//   "Model training via the torch.nn and torch.optim modules", github.com/rasbt/machine-learning-book@35ab377,
//   ch12/ch12_part2.ipynb (cells 14-20): ten points x = 0…9, y = [1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], x
//   standardised, nn.Linear(1, 1), MSELoss, SGD lr 0.001, batch 1 (shuffled), 200 epochs. The stored run prints the last
//   batch's loss every 10 epochs (24.67, 29.14, 20.92, 0.126, 12.49, …, 0.104, 0.110, 0.0009, 0.0764: one point each, so
//   noisy) and plots the fitted line through the points — the chapter's working regression.
// @data the notebook's ten points, inline.
// @settings Dense(1), uniform(±1) weight and bias (torch.nn.Linear with one input), MSE, SGD lr 0.001, batch 1, 200 epochs, shuffled.
// @license the book's code repository is MIT-licensed (Copyright 2021-2025 Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const X_train = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const y_train = [1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0];
const mean = X_train.reduce((s, v) => s + v, 0) / X_train.length;
const std = Math.sqrt(X_train.reduce((s, v) => s + (v - mean) ** 2, 0) / X_train.length);
const X_train_norm = tf.tensor2d(X_train.map((v) => (v - mean) / std), [10, 1]);

// torch.nn.Linear: weight and bias uniform(-1/sqrt(in_features), 1/sqrt(in_features))
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(1, 1, { inputShape: [1] }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.001) });
model.fit(X_train_norm, tf.tensor2d(y_train, [10, 1]), { batchSize: 1, epochs: 200 });
