// @case cs-spiral-linear
// @set tuned
// @moved-from heldout10 (held-out protocol: developed with the capacity-linear rule in view — its least-squares fit was measured on this program's data, branch linsep)
// @label buggy
// @bug model-capacity
// @fault a linear softmax classifier on three interleaved spirals: no linear boundary separates them, so the loss settles at
//   0.786 and training accuracy at 49 %; the notes' next program adds a hidden layer of 100 ReLU units and reaches 98 %
//   (cs-spiral-nn).
// @source Stanford CS231n course notes (A. Karpathy), "Putting it together: Minimal Neural Network Case Study", section "Training a
//   Softmax Linear Classifier": github.com/cs231n/cs231n.github.io@3d84654, neural-networks-case-study.md — the spiral data
//   (N = 100 points per class, K = 3, radius linspace(0, 1), angle linspace(4j, 4j + 4) + 0.2·randn), W = 0.01·randn(2, 3), b = 0,
//   softmax cross-entropy + 0.5·reg·ΣW² with reg 1e-3, full-batch gradient descent with step size 1.0, 200 iterations.
// @training the notes print: iteration 0 loss 1.0970, 10 0.917, 50 0.799, 100 0.788, 190 0.786302; "training accuracy: 0.49" —
//   "Linear classifier fails to learn the toy spiral dataset".
// @data computed by the program: the notes' spiral generator with a seeded normal (numpy's draws are not reproduced).
// @settings Dense(3) logits on 2 inputs, kernel from N(0, 0.01²), bias zeros, L2 0.0005 on the kernel (the notes' 0.5·reg),
//   tf.losses.softmaxCrossEntropy, SGD 1.0, one batch of all 300 points, 200 epochs.
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

const model = tf.sequential();
model.add(tf.layers.dense({ units: K, inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: 0.01 }), kernelRegularizer: tf.regularizers.l2({ l2: 0.0005 }) })); // FAULT
const softmaxLoss = (labels, scores) => tf.losses.softmaxCrossEntropy(labels, scores);
model.compile({ loss: softmaxLoss, optimizer: tf.train.sgd(1.0), metrics: ['accuracy'] });
model.fit(X, y, { batchSize: N * K, epochs: 200 });
