// @case cs-spiral-nn
// @set heldout10
// @label healthy
// @source Stanford CS231n course notes (A. Karpathy), "Putting it together: Minimal Neural Network Case Study", section "Training a
//   Neural Network": github.com/cs231n/cs231n.github.io@3d84654, neural-networks-case-study.md — the same spiral data, a hidden
//   layer of h = 100 ReLU units, W = 0.01·randn(2, 100), W2 = 0.01·randn(100, 3), zero biases, softmax cross-entropy +
//   0.5·reg·(ΣW² + ΣW2²) with reg 1e-3, full-batch gradient descent with step size 1.0, 10,000 iterations.
// @training the notes print: iteration 0 loss 1.0987, 1000 0.295, 2000 0.259, … 9000 0.245292; "training accuracy: 0.98" —
//   "Neural Network classifier crushes the spiral dataset".
// @data computed by the program: the notes' spiral generator with a seeded normal (numpy's draws are not reproduced).
// @settings Dense(100, relu) → Dense(3) logits, kernels from N(0, 0.01²), biases zeros, L2 0.0005 on both kernels,
//   tf.losses.softmaxCrossEntropy, SGD 1.0, one batch of all 300 points, 10,000 epochs.
// @license MIT (Copyright Andrej Karpathy); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const N = 100; // points per class
const K = 3; // classes
const random = rng(1);
const points = [];
const classes = [];
for (let j = 0; j < K; j++) {
  for (let i = 0; i < N; i++) {
    const r = i / (N - 1);
    const t = j * 4 + (4 * i) / (N - 1) + random.normal() * 0.2;
    points.push([r * Math.sin(t), r * Math.cos(t)]);
    classes.push(Array.from({ length: K }, (_, c) => (c === j ? 1 : 0)));
  }
}
const X = tf.tensor2d(points);
const y = tf.tensor2d(classes);
const small = () => tf.initializers.randomNormal({ stddev: 0.01 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [2], kernelInitializer: small(), kernelRegularizer: tf.regularizers.l2({ l2: 0.0005 }) }));
model.add(tf.layers.dense({ units: K, kernelInitializer: small(), kernelRegularizer: tf.regularizers.l2({ l2: 0.0005 }) }));
const softmaxLoss = (labels, scores) => tf.losses.softmaxCrossEntropy(labels, scores);
model.compile({ loss: softmaxLoss, optimizer: tf.train.sgd(1.0), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: N * K, epochs: 10000 });
