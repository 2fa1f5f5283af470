// @case atcold-regression-linear
// @moved-from heldout18 (held-out protocol: the regression reading of capacity-linear (least-squares affine fit against the nearest neighbours) was developed with this program's data in view, branch capacity)
// @label buggy
// @bug hidden-activation
// @fault the NYU Deep Learning course's linear regression of a cubic: Linear(1, 100) → Linear(100, 1) with no non-linearity
//   between them collapses to one straight line, which cannot follow y = x³; the saved run ends at MSE 0.0297 where the same
//   widths with a ReLU or tanh between them reach 0.0075 (the noise's own variance, 0.3²/12). The FAULT line is the first
//   Linear (the fix's line: the twin sets its activation there; the mark moved from the second, see diagnosis-heldout18.md).
// @source Atcold/pytorch-Deep-Learning (NYU Deep Learning, A. Canziani and Y. LeCun), 05-regression.ipynb, first model, at
//   github.com/Atcold/pytorch-Deep-Learning@bc404ef (2021-07-21); the run with saved outputs is the repository's commit
//   github.com/Atcold/pytorch-Deep-Learning@8962c67 (2021-04-25): seed 1, X = linspace(-1, 1, 100), y = X³ + 0.3·U(0, 1),
//   MSELoss, torch.optim.SGD(lr=1e-3, weight_decay=1e-5), 1000 full-batch steps.
// @training the saved run (8962c67): the linear model ends at "[EPOCH]: 999, [LOSS or MSE]: 0.029701"; the notebook's next cell
//   trains the same widths with nn.ReLU() or nn.Tanh() between the layers (Adam, same rate) and its last model ends at
//   "[MODEL]: 10, [EPOCH]: 999, [LOSS]: 0.007534". The best straight line through y = x³ on [−1, 1] leaves 1/7 − 0.6²/3 = 0.0229
//   plus the noise's 0.0075 = 0.030: the linear model converged, to the wrong family.
// @data generated here as the notebook does: 100 points X = linspace(-1, 1, 100), y = X³ + 0.3·U(0, 1) (seeded).
// @settings Linear(1, 100) → Linear(100, 1), PyTorch's default init (uniform ±1/√fan_in for weights and biases; seeded here);
//   mean squared error; plain SGD at 1e-3 with weight decay 1e-5 (an L2 penalty wd/2·‖w‖² on weights and biases); 1000 steps on
//   the full batch of 100.
// @license the course's notebooks are CC BY-NC-SA 4.0 (Atcold/pytorch-Deep-Learning); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const D = 1; // input dimensions
const C = 1; // outputs
const H = 100; // hidden units
const random = rng(1);
const xs = Array.from({ length: 100 }, (_, i) => -1 + (2 * i) / 99);
const X = tf.tensor2d(xs, [100, 1]);
const y = tf.tensor2d(xs.map((x) => x ** 3 + 0.3 * random.uniform()), [100, 1]);

// nn.Linear's default initialisation, and torch's weight_decay as an L2 penalty of wd/2 on weights and biases.
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  const decay = () => tf.regularizers.l2({ l2: 1e-5 / 2 });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), kernelRegularizer: decay(), biasRegularizer: decay(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(H, D, { inputShape: [D] })); // FAULT
model.add(torchLinear(C, H, {}));

model.compile({ optimizer: tf.train.sgd(1e-3), loss: 'meanSquaredError' });
model.fit(X, y, { batchSize: 100, epochs: 1000, shuffle: false });
