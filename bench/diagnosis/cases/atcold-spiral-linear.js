// @case atcold-spiral-linear
// @set heldout18
// @label buggy
// @bug hidden-activation
// @fault the NYU Deep Learning course's "linear model" for three interleaved spirals: Linear(2, 100) → Linear(100, 3) with no
//   non-linearity between them, so the two layers compose to one affine map and the decision boundaries stay straight lines —
//   the course: "without a non-linearity between them — the best we can achieve is an accuracy of 50%". The FAULT line is the
//   first Linear (the fix's line: the twin sets its activation there) (the twin atcold-spiral-relu puts a ReLU there and reaches 95 %).
// @source Atcold/pytorch-Deep-Learning (NYU Deep Learning, A. Canziani and Y. LeCun), 04-spiral_classification.ipynb, section
//   "Linear model", at github.com/Atcold/pytorch-Deep-Learning@bc404ef (2021-07-21), and its lecture notes
//   docs/en/week02/02-3.md ("Spiral classification", Fig. 9); the notebook run with saved outputs is the repository's commit
//   github.com/Atcold/pytorch-Deep-Learning@8962c67 (2021-04-25): N = 1000 points per class, C = 3, H = 100, seed 12345,
//   CrossEntropyLoss on the logits, torch.optim.SGD(lr=1e-3, weight_decay=1e-5), 1000 full-batch steps.
// @training the lecture notes (02-3.md): "when trying to separate the spiral data with linear decision boundaries - only using
//   nn.linear() modules, without a non-linearity between them - the best we can achieve is an accuracy of 50%", against 95 % for
//   the twin with a ReLU. The saved run at 8962c67 prints the linear model's initial loss, 1.0581, and clears its training log.
// @data generated here as the notebook does: for class c, t = linspace(0, 1, 1000), angle = linspace(2πc/3, 2π(2 + c)/3, 1000) +
//   N(0, 0.2²) noise, x = t·(sin angle, cos angle) — 3,000 points (seeded; the notebook seeds torch with 12345).
// @settings Linear(2, 100) → Linear(100, 3), PyTorch's default init (uniform ±1/√fan_in for weights and biases; seeded here);
//   softmax cross-entropy on the logits; plain SGD at 1e-3 with weight decay 1e-5 (torch adds wd·w to every gradient, an L2
//   penalty wd/2·‖w‖² on weights and biases); 1000 steps on the full batch of 3,000.
// @license the course's notebooks are CC BY-NC-SA 4.0 (Atcold/pytorch-Deep-Learning); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng, oneHot } = require('./data.ts');

const N = 1000; // points per class
const C = 3; // classes
const H = 100; // hidden units
const random = rng(12345);
const points = [];
const labels = [];
for (let c = 0; c < C; c++) {
  for (let i = 0; i < N; i++) {
    const t = i / (N - 1);
    const angle = ((2 * Math.PI) / C) * (c + (2 * i) / (N - 1)) + random.normal() * 0.2;
    points.push([t * Math.sin(angle), t * Math.cos(angle)]);
    labels.push(c);
  }
}
const X = tf.tensor2d(points);
const y = tf.tensor2d(oneHot(labels, C));

// nn.Linear's default initialisation, and torch's weight_decay as an L2 penalty of wd/2 on weights and biases.
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  const decay = () => tf.regularizers.l2({ l2: 1e-5 / 2 });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), kernelRegularizer: decay(), biasRegularizer: decay(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(H, 2, { inputShape: [2] })); // FAULT
model.add(torchLinear(C, H, {}));

const crossEntropyOnLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.sgd(1e-3), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(X, y, { batchSize: N * C, epochs: 1000, shuffle: false });
