// @case tf-12030-nan
// @set heldout7
// @label buggy
// @bug lr-high
// @fault learning rate 0.01 above gradient descent's stable bound 2/λmax ≈ 7.96e-4 for this summed squared error once x = 35
//   is in the data: W and b diverge to NaN.
// @source GitHub issue github.com/tensorflow/tensorflow/issues/12030 ("print out 'nan' for simple linear regression model",
//   2017): the getting-started program of tensorflow.org (W = 0.3, b = −0.3, loss = reduce_sum(square(W·x + b − y)),
//   GradientDescentOptimizer(0.01), 1,000 steps on all points) with the training data changed to x = [1, 2, 3, 4, 35],
//   y = [0, −1, −2, −3, −34]: the reporter's output is "W: [ nan] b: [ nan] loss: nan", and with the last point deleted it
//   trains. Label by reading (the thread's closing answer is not stored here): gradient descent on this summed loss is stable
//   only for a rate below 2/λmax of its Hessian 2·[[Σx², Σx], [Σx, n]] — 7.96e-4 with x = 35 in the data, 0.030 without — so
//   0.01 is 12.6× over the bound and diverges; without the point it is under it.
// @data the five points, inline.
// @settings Dense(1), kernel 0.3 and bias −0.3, loss Σ squared error over the batch, SGD lr 0.01, full batch (5), 1,000 epochs.
// @license the code is the reporter's adaptation of the TensorFlow getting-started guide (Apache-2.0); this is our
//   TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

// training data
const x_train = [1, 2, 3, 4, 35];
const y_train = [0, -1, -2, -3, -34];

// Model parameters: W = tf.Variable([.3]), b = tf.Variable([-.3]); linear_model = W * x + b
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.constant({ value: 0.3 }), biasInitializer: tf.initializers.constant({ value: -0.3 }) }));
// loss = tf.reduce_sum(tf.square(linear_model - y)) # sum of the squares
const loss = (y, linear_model) => tf.sum(tf.square(tf.sub(linear_model, y)));
const optimizer = tf.train.sgd(0.01); // FAULT
model.compile({ loss, optimizer });
model.fit(tf.tensor2d(x_train, [5, 1]), tf.tensor2d(y_train, [5, 1]), { batchSize: 5, epochs: 1000, shuffle: false });
