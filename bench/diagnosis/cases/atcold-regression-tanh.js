// @case atcold-regression-tanh
// @set heldout18
// @label healthy
// @fault none: the NYU Deep Learning course's regression of a cubic by Linear(1, 100) → Tanh → Linear(100, 1) trained by Adam —
//   the last of the notebook's ten ensemble members, which ends at MSE 0.0075, the noise's own variance (the twin
//   atcold-regression-linear drops the non-linearity and stays at 0.030).
// @source Atcold/pytorch-Deep-Learning (NYU Deep Learning, A. Canziani and Y. LeCun), 05-regression.ipynb, the ensemble cell
//   (n_networks = 10, nn.ReLU() for the first five and nn.Tanh() for the last five), at
//   github.com/Atcold/pytorch-Deep-Learning@bc404ef (2021-07-21); the run with saved outputs is the repository's commit
//   github.com/Atcold/pytorch-Deep-Learning@8962c67 (2021-04-25): seed 1, X = linspace(-1, 1, 100), y = X³ + 0.3·U(0, 1),
//   MSELoss, torch.optim.Adam(lr=1e-3, weight_decay=1e-5), 1000 full-batch steps per model.
// @training the saved run (8962c67): "[MODEL]: 10, [EPOCH]: 999, [LOSS]: 0.007534" (model 10 is a Tanh member); the same
//   notebook's linear model ends at "[EPOCH]: 999, [LOSS or MSE]: 0.029701". 0.0075 = 0.3²/12, the variance of the U(0, 0.3)
//   noise: the tanh net fits the cubic down to the noise.
// @data generated here as the notebook does: 100 points X = linspace(-1, 1, 100), y = X³ + 0.3·U(0, 1) (seeded).
// @settings Linear(1, 100) → Tanh → Linear(100, 1), PyTorch's default init (uniform ±1/√fan_in for weights and biases; seeded
//   here); mean squared error; Adam at 1e-3 with weight decay 1e-5 (torch's Adam adds wd·w to every gradient, an L2 penalty
//   wd/2·‖w‖² on weights and biases); 1000 steps on the full batch of 100.
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
model.add(torchLinear(H, D, { inputShape: [D], activation: 'tanh' }));
model.add(torchLinear(C, H, {}));

model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
model.fit(X, y, { batchSize: 100, epochs: 1000, shuffle: false });
