// @case rasbt-xor-linear
// @moved-from heldout19 (held-out protocol: capacity-linear's choice of line (the stack's first Dense) was developed with this program's profile in view, branch capacity)
// @label buggy
// @bug hidden-activation
// @fault STAT 453's XOR notebook, "Multilayer Perceptron with Linear Activations": Linear(2, 50) → Linear(50, 2) with the ReLU
//   between them commented out (`#out = F.relu(out)`), so the two layers compose to one affine map and no straight boundary
//   separates XOR's four clusters: the cost settles at 0.6927 ≈ ln 2 (chance) within 7 full-batch steps. The FAULT line is the
//   first Linear, where the twin (rasbt-xor-relu) applies its ReLU.
// @source S. Raschka, STAT 453 Deep Learning (University of Wisconsin–Madison, spring 2021), lecture 9, L09/code/xor-problem.ipynb
//   (outputs saved) at github.com/rasbt/stat453-deep-learning-ss21@2202699: RANDOM_SEED 123, num_hidden_1 50, num_classes 2,
//   torch.optim.SGD(lr=0.1), NUM_EPOCHS 25 full-batch steps on the 750 rows of xor.csv, F.cross_entropy on the logits.
// @training "Epoch: 001/025 | Cost: 0.7075", "Epoch: 002/025 | Cost: 0.6980", "Epoch: 007/025 | Cost: 0.6927" … "Epoch: 025/025 | Cost:
//   0.6927"; the ReLU twin: "Epoch: 001/025 | Cost: 0.7163" … "Epoch: 025/025 | Cost: 0.3594".
// @data generated here in the shape of the notebook's xor.csv (not copied): 750 points, a quarter around each of (±1, ±1) with
//   N(0, 0.4²) noise per coordinate (the stored file's points spread with a standard deviation of about 0.37–0.4 around those
//   centres); class 0 where the centre's coordinates have the same sign, 1 where they differ (the file has 376 and 374).
// @settings Linear(2, 50) → Linear(50, 2) (no activation), PyTorch's default init (uniform ±1/√fan_in for weights and biases); softmax cross-entropy on the
//   logits; plain SGD at 0.1; 25 steps on the full batch of 750, unshuffled.
// @license the course's code is MIT (rasbt/stat453-deep-learning-ss21); this is our TensorFlow.js translation with generated data.
const tf = require('@tensorflow/tfjs');
const { rng, oneHot } = require('./data.ts');

const random = rng(123);
const points = [];
const labels = [];
for (let i = 0; i < 750; i++) {
  const cx = i % 2 === 0 ? 1 : -1;
  const cy = i % 4 < 2 ? 1 : -1;
  points.push([cx + 0.4 * random.normal(), cy + 0.4 * random.normal()]);
  labels.push(cx === cy ? 0 : 1);
}
const X = tf.tensor2d(points);
const y = tf.tensor2d(oneHot(labels, 2));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(50, 2, { inputShape: [2] })); // FAULT
model.add(torchLinear(2, 50, {}));

const crossEntropyOnLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(X, y, { batchSize: 750, epochs: 25, shuffle: false });
